/** The privacy policy. Periods and purposes come from the retention module, never from this text. */
import type { Language } from "../lib/language";
import { describePeriod, type RetentionCategory } from "../retention/policy";

export type PrivacyPageProps = { language: Language; categories: readonly RetentionCategory[] };

const TEXT = {
  fr: {
    title: "Politique de confidentialité",
    intro: "Relais fournit des liens de téléchargement direct pour les fichiers que vous nous confiez. Cette page dit exactement ce que nous enregistrons, pourquoi, et pour combien de temps. Les durées ci-dessous sont celles qu'appliquent nos purges automatiques, qui s'exécutent toutes les heures.",
    dataTitle: "Données enregistrées et durées de conservation",
    caption: "Chaque catégorie de données, sa finalité et sa durée de conservation",
    colData: "Données", colPurpose: "Finalité", colPeriod: "Conservation",
    ipTitle: "Adresse IP et localisation",
    ip: "L'adresse IP publique et la localisation approximative (pays, région, ville, opérateur) de chaque requête sont lues dans les métadonnées de la requête et enregistrées : à l'inscription, pour acheminer au mieux vos téléchargements, et pour protéger votre compte contre le vol. Le journal des requêtes est conservé dans une base séparée des données d'identité.",
    emailTitle: "Adresse e-mail",
    email: "Votre adresse e-mail est enregistrée à l'inscription pour nos besoins internes uniquement (connexion, sécurité du compte, messages de service). Elle n'est jamais louée, vendue ni cédée à des tiers.",
    linksTitle: "Liens téléchargés",
    links: "Les liens des fichiers que vous téléchargez sont enregistrés dans une base de données et chaque lien enregistré est supprimé en moins d'un mois. Ils sont chiffrés avec une clé propre à chaque jour, détruite à l'échéance : aucune sauvegarde ne peut les faire revenir. Vous pouvez les supprimer vous-même à tout moment.",
    cookiesTitle: "Cookies",
    cookies: "Nous ne déposons qu'un seul cookie : le cookie de session, qui vous garde connecté pour vous éviter de vous reconnecter sans cesse. Aucun autre cookie, aucune méthode de traçage d'aucune sorte : ni statistiques, ni publicité, ni scripts, polices ou pixels de tiers.",
    paymentsTitle: "Paiements",
    payments: "Les paiements passent par un prestataire tiers. Aucune donnée de carte bancaire ne transite par nos serveurs ni n'y est conservée.",
    disclosureTitle: "Communication à des tiers",
    transparencyLink: "Rapport de transparence",
    disclosure: "Vos données personnelles ne sont communiquées que pour défendre nos droits en justice, ou aux autorités judiciaires qui les demandent dans le respect des procédures légales (réquisition judiciaire, injonction européenne de production…). Chaque demande est inscrite dans un registre ; un second responsable, jamais celui qui l'a enregistrée, doit l'approuver avant que la moindre donnée ne sorte ; seul le minimum demandé est remis, et vous en êtes informé sauf interdiction de l'autorité. Chaque action est inscrite dans un journal d'audit dont la base de données elle-même refuse la modification, et chaîné par empreintes pour que toute falsification se voie. Le nombre de demandes reçues, satisfaites, satisfaites en partie et refusées, et de comptes concernés, est calculé à partir du registre et publié chaque semestre sur notre rapport de transparence.",
    rightsTitle: "Vos droits",
    rights: "Vous pouvez accéder à vos données, les rectifier, les exporter ou les effacer, et vous opposer à leur traitement. Écrivez-nous ; nous répondons en moins d'un mois. Vous pouvez aussi saisir la CNIL.",
  },
  en: {
    title: "Privacy policy",
    intro: "Relais provides direct download links for the files you entrust to us. This page says exactly what we record, why, and for how long. The periods below are the ones our automatic purges enforce; they run every hour.",
    dataTitle: "Data recorded and retention periods",
    caption: "Each category of data, its purpose and how long it is kept",
    colData: "Data", colPurpose: "Purpose", colPeriod: "Kept for",
    ipTitle: "IP address and location",
    ip: "The public IP address and approximate location (country, region, city, network operator) of every request are read from the request metadata and recorded: at sign-up, to route your downloads well, and to protect your account against theft. The request journal is kept in a database separate from identity data.",
    emailTitle: "Email address",
    email: "Your email address is recorded at sign-up for our internal needs only (signing in, account security, service messages). It is never rented, sold or given to third parties.",
    linksTitle: "Downloaded links",
    links: "The links of the files you download are recorded in a database, and every recorded link is deleted within one month. They are encrypted with a key of their own day, destroyed at the deadline: no backup can bring them back. You can delete them yourself at any time.",
    cookiesTitle: "Cookies",
    cookies: "We set a single cookie: the session cookie, which keeps you signed in to spare you needless sign-ins. No other cookie, no tracking method of any kind: no analytics, no advertising, no third-party scripts, fonts or pixels.",
    paymentsTitle: "Payments",
    payments: "Payments go through a third-party provider. No card data ever passes through or is stored on our servers.",
    disclosureTitle: "Disclosure to third parties",
    disclosure: "Your personal data is disclosed only to protect our legal rights, or to judicial authorities that request it following the legal procedures (judicial requisition, European production order…). Every request is entered in a register; a second officer, never the one who recorded it, must approve it before any data leaves; only the minimum asked for is handed over, and you are told unless the authority forbids it. Every action is written to an audit log that the database itself refuses to alter, hash-chained so that any tampering shows. The number of requests received, complied with, partly complied with and refused, and of accounts affected, is computed from the register and published every half-year in our transparency report.",
    transparencyLink: "Transparency report",
    rightsTitle: "Your rights",
    rights: "You may access, correct, export or erase your data, and object to its processing. Write to us; we answer within one month. You may also complain to the CNIL.",
  },
} as const;

export function PrivacyPage(props: PrivacyPageProps) {
  const t = TEXT[props.language];
  const lang = props.language;
  const sections = [
    [t.ipTitle, t.ip],
    [t.emailTitle, t.email],
    [t.linksTitle, t.links],
    [t.cookiesTitle, t.cookies],
    [t.paymentsTitle, t.payments],
    [t.disclosureTitle, t.disclosure],
    [t.rightsTitle, t.rights],
  ] as const;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <h2 id="retention">{t.dataTitle}</h2>
      <div class="table-wrap">
        <table>
          <caption>{t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colData}</th>
              <th scope="col">{t.colPurpose}</th>
              <th scope="col">{t.colPeriod}</th>
            </tr>
          </thead>
          <tbody>
            {props.categories.map((category) => (
              <tr id={`retention-${category.id}`} data-category={category.id}>
                <td>{category.data[lang]}</td>
                <td>{category.purpose[lang]}</td>
                <td data-period-ms={category.periodMs ?? ""}>{describePeriod(category.periodMs, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sections.map(([title, body]) => (
        <section>
          <h2>{title}</h2>
          <p>{body}</p>
          {title === t.disclosureTitle ? (
            <p>
              <a href={lang === "fr" ? "/transparency" : "/en/transparency"}>{t.transparencyLink}</a>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

export { TEXT as PRIVACY_TEXT };
