/**
 * The my-data page: everything kept about the account, by category of the privacy policy, each item
 * with the instant it will be deleted by; the one-click download; what can be corrected, where, and
 * what cannot and why; the privacy policy versions of the account.
 */
import type { Language } from "../lib/language";
import { truncateText } from "../lib/text";
import type { CategoryOverview, ExportItem, PolicyRecord } from "../my-data";
import { HASH_KEPT } from "../my-data";
import { describePeriod } from "../retention/policy";
import type { PolicyVersion } from "../retention/policy-versions";
import { formatDateTime } from "./format";
import { policyVersionPath } from "./privacy-page";

export type MyDataPageProps = {
  language: Language;
  overview: CategoryOverview[];
  policy: PolicyRecord | null;
  versions: readonly PolicyVersion[];
};

const T = {
  fr: {
    title: "Mes données",
    intro: "Tout ce que nous gardons sur votre compte, par catégorie de la politique de confidentialité, avec pour chaque élément l'instant où il aura été supprimé au plus tard. Des données peuvent être gardées plus longtemps là où la loi l'exige.",
    downloadTitle: "Tout télécharger",
    downloadText: "Un seul fichier JSON avec toutes ces catégories et tous leurs éléments, produit à la demande et jamais conservé chez nous. Le téléchargement est inscrit dans votre historique des connexions.",
    downloadButton: "Télécharger toutes mes données (JSON)",
    apiText: "Le même document, pour un programme : GET /api/me/data avec votre session.",
    correctTitle: "Rectifier",
    correct: [
      ["/account", "Adresse e-mail", "sur la page du compte (confirmée depuis la nouvelle adresse)"],
      ["/account/settings", "Langue, serveur de téléchargement, préférences, avatar", "dans les réglages"],
      ["/account/security", "Lieux connus, réseaux sûrs, sessions", "sur la page Sécurité (oublier, retirer, fermer)"],
      ["/downloads", "Liens téléchargés", "dans l'historique (les supprimer)"],
    ],
    cannotTitle: "Ce qui ne se rectifie pas, et pourquoi",
    cannot: [
      "Le journal des requêtes, l'historique des connexions et les événements de sécurité disent ce qui s'est passé : les modifier les rendrait faux.",
      "Les paiements sont des pièces comptables, que la loi interdit de modifier.",
      "Les compteurs de trafic et de tentatives sont calculés par le service ; ils disparaissent à leur échéance.",
    ],
    policyTitle: "Politique de confidentialité",
    accepted: (n: number) => `Version acceptée à l'inscription : ${n}.`,
    acceptedNone: "Votre compte date d'avant les versions numérotées de la politique.",
    noticeShown: (n: number, at: string) => `Avis de changement affiché : version ${n}, le ${at}.`,
    acknowledged: (n: number, at: string) => `Prise de connaissance enregistrée : version ${n}, le ${at}.`,
    current: (n: number) => `Version en vigueur : ${n}`,
    deleteTitle: "Supprimer mon compte",
    deleteText: "Ce qui est effacé, ce que la loi oblige à garder et pour combien de temps : tout est dit avant de confirmer.",
    deleteLink: "Supprimer mon compte",
    period: "Conservation :",
    nothing: "Rien n'est gardé dans cette catégorie.",
    more: (n: number) => `Seuls les ${n} premiers éléments sont affichés : le téléchargement les contient tous.`,
    deletedBy: "supprimé au plus tard le",
    withAccount: "gardé tant que le compte existe",
    hash: "seule une empreinte est gardée",
    picture: "l'image est dans le téléchargement",
  },
  en: {
    title: "My data",
    intro: "Everything we keep about your account, by category of the privacy policy, with for each item the instant it will have been deleted by. Data may be kept longer where the law requires it.",
    downloadTitle: "Download everything",
    downloadText: "One JSON file with all these categories and all their items, made on demand and never stored by us. The download is written to your login history.",
    downloadButton: "Download all my data (JSON)",
    apiText: "The same document, for a program: GET /api/me/data with your session.",
    correctTitle: "Correct",
    correct: [
      ["/account", "Email address", "on the account page (confirmed from the new address)"],
      ["/account/settings", "Language, download server, preferences, avatar", "in the settings"],
      ["/account/security", "Known places, trusted networks, sessions", "on the security page (forget, remove, close)"],
      ["/downloads", "Downloaded links", "in the history (delete them)"],
    ],
    cannotTitle: "What cannot be corrected, and why",
    cannot: [
      "The request journal, the login history and the security events record what happened: changing them would make them false.",
      "Payments are accounting records, which the law forbids changing.",
      "Traffic and attempt counters are computed by the service; they go at their deadline.",
    ],
    policyTitle: "Privacy policy",
    accepted: (n: number) => `Version accepted at sign-up: ${n}.`,
    acceptedNone: "Your account predates the numbered versions of the policy.",
    noticeShown: (n: number, at: string) => `Change notice shown: version ${n}, on ${at}.`,
    acknowledged: (n: number, at: string) => `Acknowledgement recorded: version ${n}, on ${at}.`,
    current: (n: number) => `Version in force: ${n}`,
    deleteTitle: "Delete my account",
    deleteText: "What is erased, what the law makes us keep and for how long: all said before you confirm.",
    deleteLink: "Delete my account",
    period: "Kept for:",
    nothing: "Nothing is kept in this category.",
    more: (n: number) => `Only the first ${n} items are shown: the download has all of them.`,
    deletedBy: "deleted by",
    withAccount: "kept as long as the account exists",
    hash: "only a hash is kept",
    picture: "the picture is in the download",
  },
} as const;

function describeValue(key: string, value: ExportItem[string], language: Language): string {
  const t = T[language];
  if (value === HASH_KEPT) return t.hash;
  if (key === "picture_base64") return t.picture;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return truncateText(text, 160);
}

function Item(props: { item: ExportItem; language: Language }) {
  const t = T[props.language];
  const { deleted_by: deletedBy, ...fields } = props.item;
  const shown = Object.entries(fields).filter(([, value]) => value !== null);
  return (
    <li>
      <span class="muted">{typeof deletedBy === "string" ? `${t.deletedBy} ${formatDateTime(Date.parse(deletedBy), props.language)}` : t.withAccount}</span>
      {" — "}
      {shown.map(([key, value], i) => (
        <>
          {i > 0 ? " · " : ""}
          <code>{key}</code> {describeValue(key, value, props.language)}
        </>
      ))}
    </li>
  );
}

export function MyDataPage(props: MyDataPageProps) {
  const lang = props.language;
  const t = T[lang];
  const current = props.versions[props.versions.length - 1];
  const policy = props.policy;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section class="card" id="download">
        <h2>{t.downloadTitle}</h2>
        <p>{t.downloadText}</p>
        <form method="post" action="/account/data/export">
          <button type="submit">{t.downloadButton}</button>
        </form>
        <p class="muted">{t.apiText}</p>
      </section>
      <section class="card" id="correct">
        <h2>{t.correctTitle}</h2>
        <ul>
          {t.correct.map(([href, what, where]) => (
            <li>
              <a href={href}>{what}</a> — {where}
            </li>
          ))}
        </ul>
        <h3>{t.cannotTitle}</h3>
        <ul>
          {t.cannot.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </section>
      <section class="card" id="policy">
        <h2>{t.policyTitle}</h2>
        <p>{policy?.accepted ? t.accepted(policy.accepted) : t.acceptedNone}</p>
        {policy?.noticeVersion && policy.noticeShownAt ? <p>{t.noticeShown(policy.noticeVersion, formatDateTime(policy.noticeShownAt, lang))}</p> : null}
        {policy?.acknowledgedVersion && policy.acknowledgedAt ? <p data-testid="policy-acknowledged">{t.acknowledged(policy.acknowledgedVersion, formatDateTime(policy.acknowledgedAt, lang))}</p> : null}
        {current ? (
          <p>
            <a href={policyVersionPath(current.number, lang)}>{t.current(current.number)}</a>
          </p>
        ) : null}
      </section>
      <section class="card" id="delete">
        <h2>{t.deleteTitle}</h2>
        <p>{t.deleteText}</p>
        <p>
          <a href="/account/delete">{t.deleteLink}</a>
        </p>
      </section>
      {props.overview.map(({ category, items, more }) => (
        <section id={`data-${category.id}`} data-category={category.id} data-items={items.length}>
          <h2>{category.data[lang]}</h2>
          <p class="muted">
            {category.purpose[lang]}. {t.period} {describePeriod(category.periodMs, lang)}.
          </p>
          {items.length === 0 ? (
            <p>{t.nothing}</p>
          ) : (
            <ul class="data-items">
              {items.map((item) => (
                <Item item={item} language={lang} />
              ))}
            </ul>
          )}
          {more ? <p class="muted">{t.more(items.length)}</p> : null}
        </section>
      ))}
    </>
  );
}

export { T as MY_DATA_TEXT };
