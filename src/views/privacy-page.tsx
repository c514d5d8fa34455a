/**
 * The privacy policy. Periods and purposes come from the retention module, never from this text;
 * every promise links to what keeps it. `livePolicyContent` builds what the current version shows;
 * earlier versions render their frozen content (retention/policy-versions.ts) through the same page.
 */
import type { Language } from "../lib/language";
import type { PolicyContent, PolicyDocument, PolicyVersion } from "../retention/policy-versions";
import { describePeriod, type RetentionCategory } from "../retention/policy";

const TEXT = {
  fr: {
    title: "Politique de confidentialité",
    intro: "Relais fournit des liens de téléchargement direct pour les fichiers que vous nous confiez. Cette page dit exactement ce que nous enregistrons, pourquoi, et pour combien de temps. Les durées ci-dessous sont celles qu'appliquent nos purges automatiques, qui s'exécutent toutes les heures.",
    dataTitle: "Données enregistrées et durées de conservation",
    caption: "Chaque catégorie de données, sa finalité et sa durée de conservation",
    colData: "Données", colPurpose: "Finalité", colPeriod: "Conservation",
    ipTitle: "Adresse IP et localisation",
    ip: "L'adresse IP publique et la localisation approximative (pays, région, ville, opérateur) de chaque requête sont lues dans les métadonnées de la requête et enregistrées : à l'inscription, pour acheminer au mieux vos téléchargements, et pour protéger votre compte contre le vol. Le journal des requêtes est conservé dans une base séparée des données d'identité.",
    ipLinks: [["/account/security", "Vos connexions, sessions et lieux"], ["#retention-request_journal", "Conservation du journal des requêtes"]],
    emailTitle: "Adresse e-mail",
    email: "Votre adresse e-mail est enregistrée à l'inscription pour nos besoins internes uniquement (connexion, sécurité du compte, messages de service). Elle n'est jamais louée, vendue ni cédée à des tiers : notre prestataire d'envoi ne fait qu'acheminer nos messages, et le prestataire de paiement ne la reçoit pas.",
    emailLinks: [["/account/data", "Où elle est conservée : mes données"]],
    linksTitle: "Liens téléchargés",
    links: "Les liens des fichiers que vous téléchargez sont enregistrés dans une base de données et chaque lien enregistré est supprimé en moins d'un mois. Ils sont chiffrés avec une clé propre à chaque jour, détruite à l'échéance : aucune sauvegarde ne peut les faire revenir. Vous pouvez les supprimer vous-même à tout moment.",
    linksLinks: [["/downloads", "Votre historique : supprimer un lien"], ["#retention-download_links", "Conservation des liens"]],
    cookiesTitle: "Cookies",
    cookies: "Nous ne déposons qu'un seul cookie : le cookie de session, qui vous garde connecté pour vous éviter de vous reconnecter sans cesse. Aucun autre cookie, aucune méthode de traçage d'aucune sorte : ni statistiques, ni publicité, ni scripts, polices ou pixels de tiers.",
    cookiesLinks: [["/account/security", "Vos sessions : en fermer une ou toutes"], ["#retention-sessions", "Durée d'une session"]],
    paymentsTitle: "Paiements",
    payments: "Les paiements passent par un prestataire tiers, sur sa propre page. Aucune donnée de carte bancaire ne transite par nos serveurs ni n'y est conservée ; nous gardons les pièces comptables que la loi exige.",
    paymentsLinks: [["/premium", "Premium"], ["#retention-payments", "Ce que nous gardons d'un paiement"]],
    deletionTitle: "Suppression du compte",
    deletion: "Vous pouvez supprimer votre compte vous-même. Sessions, jetons, applications, liens, réglages, avatar, lieux, réseaux, trafic, historique des connexions et événements de sécurité sont effacés aussitôt, et l'adresse peut servir à une nouvelle inscription dès la suppression. Seul ce que la loi exige est gardé, à l'écart, chacun jusqu'à la fin de sa propre durée :",
    deletionAlso: "Des données peuvent aussi être gardées plus longtemps là où la loi l'exige.",
    deletionLinks: [["/account/delete", "Supprimer mon compte"]],
    disclosureTitle: "Communication à des tiers",
    disclosure: "Vos données personnelles ne sont communiquées que pour défendre nos droits en justice, ou aux autorités judiciaires qui les demandent dans le respect des procédures légales (réquisition judiciaire, injonction européenne de production…). Chaque demande est inscrite dans un registre ; un second responsable, jamais celui qui l'a enregistrée, doit l'approuver avant que la moindre donnée ne sorte ; seul le minimum demandé est remis, et vous en êtes informé sauf interdiction de l'autorité. Chaque action est inscrite dans un journal d'audit dont la base de données elle-même refuse la modification, et chaîné par empreintes pour que toute falsification se voie. Le nombre de demandes reçues, satisfaites, satisfaites en partie et refusées, et de comptes concernés, est calculé à partir du registre et publié chaque semestre sur notre rapport de transparence.",
    disclosureLinks: [["/transparency", "Rapport de transparence"]],
    rightsTitle: "Vos droits",
    rights: "Depuis votre compte, à tout moment et sans attendre : voyez toutes les données que nous gardons sur vous, avec la date où chacune sera effacée ; téléchargez-les en un seul fichier (JSON) ; rectifiez ce qui peut l'être (adresse e-mail, langue, réglages) ; supprimez votre compte. Certaines données ne se rectifient pas : le journal des requêtes et l'historique des connexions disent ce qui s'est passé, et les paiements sont des pièces comptables.",
    rightsObject: "Les traitements décrits ici servent le service, la sécurité de votre compte ou une obligation légale : pour y mettre fin, supprimez votre compte. Vous pouvez aussi saisir la CNIL (cnil.fr).",
    rightsLinks: [["/account/data", "Mes données : voir, télécharger"], ["/account/settings", "Rectifier la langue et les réglages"], ["/account", "Changer d'adresse e-mail"], ["/account/delete", "Supprimer mon compte"]],
    versionsTitle: "Versions de cette politique",
    versions: "Chaque version de cette politique est numérotée et datée, et reste lisible à sa propre adresse. Quand elle change, vous voyez ce qui a changé à votre visite suivante, une fois, et pouvez en accuser réception ; la version acceptée à l'inscription est enregistrée avec votre compte.",
    // Page frame (not part of a version's content).
    version: (n: number, date: string) => `Version ${n}, en vigueur depuis le ${date}`,
    earlier: (n: number) => `Ceci est la version ${n}, remplacée depuis.`,
    currentLink: "Lire la version en vigueur",
    allVersions: "Toutes les versions :",
    changesTitle: "Ce qui a changé dans cette version",
  },
  en: {
    title: "Privacy policy",
    intro: "Relais provides direct download links for the files you entrust to us. This page says exactly what we record, why, and for how long. The periods below are the ones our automatic purges enforce; they run every hour.",
    dataTitle: "Data recorded and retention periods",
    caption: "Each category of data, its purpose and how long it is kept",
    colData: "Data", colPurpose: "Purpose", colPeriod: "Kept for",
    ipTitle: "IP address and location",
    ip: "The public IP address and approximate location (country, region, city, network operator) of every request are read from the request metadata and recorded: at sign-up, to route your downloads well, and to protect your account against theft. The request journal is kept in a database separate from identity data.",
    ipLinks: [["/account/security", "Your sign-ins, sessions and places"], ["#retention-request_journal", "How long the request journal is kept"]],
    emailTitle: "Email address",
    email: "Your email address is recorded at sign-up for our internal needs only (signing in, account security, service messages). It is never rented, sold or given to third parties: our mail provider only delivers our messages, and the payment provider never receives it.",
    emailLinks: [["/account/data", "Where it is kept: my data"]],
    linksTitle: "Downloaded links",
    links: "The links of the files you download are recorded in a database, and every recorded link is deleted within one month. They are encrypted with a key of their own day, destroyed at the deadline: no backup can bring them back. You can delete them yourself at any time.",
    linksLinks: [["/downloads", "Your history: delete a link"], ["#retention-download_links", "How long links are kept"]],
    cookiesTitle: "Cookies",
    cookies: "We set a single cookie: the session cookie, which keeps you signed in to spare you needless sign-ins. No other cookie, no tracking method of any kind: no analytics, no advertising, no third-party scripts, fonts or pixels.",
    cookiesLinks: [["/account/security", "Your sessions: end one or all"], ["#retention-sessions", "How long a session lasts"]],
    paymentsTitle: "Payments",
    payments: "Payments go through a third-party provider, on its own page. No card data ever passes through or is stored on our servers; we keep the accounting records the law requires.",
    paymentsLinks: [["/premium", "Premium"], ["#retention-payments", "What we keep of a payment"]],
    deletionTitle: "Deleting your account",
    deletion: "You can delete your account yourself. Sessions, tokens, apps, links, settings, avatar, places, networks, traffic, login history and security events are erased at once, and the address can sign up again as soon as the account is deleted. Only what the law requires is kept, locked away, each until its own period ends:",
    deletionAlso: "Data may also be kept longer where the law requires it.",
    deletionLinks: [["/account/delete", "Delete my account"]],
    disclosureTitle: "Disclosure to third parties",
    disclosure: "Your personal data is disclosed only to protect our legal rights, or to judicial authorities that request it following the legal procedures (judicial requisition, European production order…). Every request is entered in a register; a second officer, never the one who recorded it, must approve it before any data leaves; only the minimum asked for is handed over, and you are told unless the authority forbids it. Every action is written to an audit log that the database itself refuses to alter, hash-chained so that any tampering shows. The number of requests received, complied with, partly complied with and refused, and of accounts affected, is computed from the register and published every half-year in our transparency report.",
    disclosureLinks: [["/en/transparency", "Transparency report"]],
    rightsTitle: "Your rights",
    rights: "From your account, at any time and without waiting: see all the data we keep about you, with the date each item will be erased; download it in one file (JSON); correct what can be corrected (email address, language, settings); delete your account. Some data cannot be corrected: the request journal and the login history record what happened, and payments are accounting records.",
    rightsObject: "The processing described here serves the service, your account's security or a legal obligation: to end it, delete your account. You may also complain to the CNIL (cnil.fr).",
    rightsLinks: [["/account/data", "My data: see, download"], ["/account/settings", "Correct the language and settings"], ["/account", "Change the email address"], ["/account/delete", "Delete my account"]],
    versionsTitle: "Versions of this policy",
    versions: "Each version of this policy is numbered and dated, and stays readable at its own address. When it changes, you see what changed on your next visit, once, and can acknowledge it; the version accepted at sign-up is recorded with your account.",
    version: (n: number, date: string) => `Version ${n}, in force since ${date}`,
    earlier: (n: number) => `This is version ${n}, since replaced.`,
    currentLink: "Read the version in force",
    allVersions: "All versions:",
    changesTitle: "What changed in this version",
  },
} as const;

type Links = readonly (readonly [string, string])[];
const links = (pairs: Links) => pairs.map(([href, label]) => ({ href, label }));

/** What the current version shows, in both languages, from the retention module and the text above. */
export function livePolicyContent(categories: readonly RetentionCategory[]): PolicyContent {
  const build = (lang: Language): PolicyDocument => {
    const t = TEXT[lang];
    const kept = categories.filter((c) => c.keptAfterClosure).map((c) => `${c.data[lang]} — ${describePeriod(c.periodMs, lang)} — ${c.keptAfterClosure![lang]}`);
    return {
      title: t.title,
      intro: t.intro,
      tableTitle: t.dataTitle,
      caption: t.caption,
      columns: { data: t.colData, purpose: t.colPurpose, period: t.colPeriod },
      rows: categories.map((c) => ({ id: c.id, data: c.data[lang], purpose: c.purpose[lang], period: describePeriod(c.periodMs, lang), periodMs: c.periodMs })),
      sections: [
        { id: "ip", title: t.ipTitle, paragraphs: [t.ip], links: links(t.ipLinks) },
        { id: "email", title: t.emailTitle, paragraphs: [t.email], links: links(t.emailLinks) },
        { id: "links", title: t.linksTitle, paragraphs: [t.links], links: links(t.linksLinks) },
        { id: "cookies", title: t.cookiesTitle, paragraphs: [t.cookies], links: links(t.cookiesLinks) },
        { id: "payments", title: t.paymentsTitle, paragraphs: [t.payments], links: links(t.paymentsLinks) },
        { id: "deletion", title: t.deletionTitle, paragraphs: [t.deletion, ...kept, t.deletionAlso], links: links(t.deletionLinks) },
        { id: "disclosure", title: t.disclosureTitle, paragraphs: [t.disclosure], links: links(t.disclosureLinks) },
        { id: "rights", title: t.rightsTitle, paragraphs: [t.rights, t.rightsObject], links: links(t.rightsLinks) },
        { id: "versions", title: t.versionsTitle, paragraphs: [t.versions], links: [] },
      ],
    };
  };
  return { fr: build("fr"), en: build("en") };
}

export type PrivacyPageProps = {
  language: Language;
  /** The version shown, and every version (for the list of stable addresses). */
  version: PolicyVersion;
  versions: readonly PolicyVersion[];
  document: PolicyDocument;
};

/** "30 novembre 2026", "30 November 2026": a version's date, as written in the list. */
export function policyDate(day: string, language: Language): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(language === "fr" ? "fr-FR" : "en-GB", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

/** The stable address of a version, in a language. */
export function policyVersionPath(number: number, language: Language): string {
  return `${language === "fr" ? "" : "/en"}/privacy/versions/${number}`;
}

export function PrivacyPage(props: PrivacyPageProps) {
  const { language: lang, version, versions, document: doc } = props;
  const t = TEXT[lang];
  const current = versions[versions.length - 1];
  const isCurrent = current?.number === version.number;
  return (
    <>
      <h1>{doc.title}</h1>
      <p class="muted" data-policy-version={version.number}>{t.version(version.number, policyDate(version.publishedOn, lang))}</p>
      {isCurrent ? null : (
        <p class="notice" role="status">
          {t.earlier(version.number)} <a href={lang === "fr" ? "/privacy" : "/en/privacy"}>{t.currentLink}</a>
        </p>
      )}
      <div class="policy-document">
      <p>{doc.intro}</p>
      <h2 id="retention">{doc.tableTitle}</h2>
      <div class="table-wrap">
        <table>
          <caption>{doc.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{doc.columns.data}</th>
              <th scope="col">{doc.columns.purpose}</th>
              <th scope="col">{doc.columns.period}</th>
            </tr>
          </thead>
          <tbody>
            {doc.rows.map((row) => (
              <tr id={`retention-${row.id}`} data-category={row.id}>
                <td>{row.data}</td>
                <td>{row.purpose}</td>
                <td data-period-ms={row.periodMs ?? ""}>{row.period}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {doc.sections.map((section) => (
        <section id={`policy-${section.id}`}>
          <h2>{section.title}</h2>
          {section.paragraphs.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
          {section.links.length > 0 ? (
            <p class="policy-links">
              {section.links.map((link, i) => (
                <>
                  {i > 0 ? " · " : ""}
                  <a href={link.href}>{link.label}</a>
                </>
              ))}
            </p>
          ) : null}
        </section>
      ))}
      </div>
      <section id="policy-version-list">
        <h2>{t.changesTitle}</h2>
        <p>{version.changes[lang]}</p>
        <p>
          {t.allVersions}{" "}
          {versions.map((v, i) => (
            <>
              {i > 0 ? " · " : ""}
              <a href={policyVersionPath(v.number, lang)} aria-current={v.number === version.number ? "page" : undefined}>
                {t.version(v.number, policyDate(v.publishedOn, lang))}
              </a>
            </>
          ))}
        </p>
      </section>
    </>
  );
}

export { TEXT as PRIVACY_TEXT };
