/**
 * Account deletion: the page that says what is erased and what the law makes us keep (and for how
 * long, on what basis) before the owner confirms with the password; the confirmation; the answer to
 * a deletion sent without a session. What is kept comes from the retention policy; nothing here
 * depends on, or tells of, a legal hold.
 */
import { PASSWORD_MAX_LENGTH } from "../config";
import type { Language } from "../lib/language";
import type { KeptRecord } from "../my-data";
import { describePeriod, type RetentionCategory } from "../retention/policy";
import { Field, Notice } from "./form";
import { formatDateTime } from "./format";

const T = {
  fr: {
    title: "Supprimer mon compte",
    erasedTitle: "Effacé aussitôt",
    erasedIntro: "Toutes vos sessions se ferment (vous êtes déconnecté partout), votre jeton d'API et vos applications cessent de fonctionner, vos liens ne se téléchargent plus. Sont effacés :",
    keptTitle: "Gardé, à l'écart, parce que la loi l'exige",
    keptIntro: "Rien de ceci ne sert plus à rien d'autre qu'à répondre à une autorité dans le cadre d'une procédure légale ; chaque élément est supprimé à la fin de sa durée.",
    keptLine: (data: string, period: string, basis: string) => `${data}. Durée : ${period}. Fondement : ${basis}.`,
    also: "Des données peuvent aussi être gardées plus longtemps là où la loi l'exige.",
    address: "Votre adresse e-mail peut créer un nouveau compte dès la suppression. La suppression est définitive.",
    password: "Mot de passe actuel",
    confirm: "Je comprends que mon compte sera supprimé définitivement",
    button: "Supprimer mon compte",
    wrongPassword: "Mot de passe actuel incorrect : rien n'a été supprimé.",
    confirmNeeded: "Cochez la case pour confirmer : rien n'a été supprimé.",
    codeDead: "Cette demande a expiré ou a déjà servi : rien n'a été supprimé. Recommencez.",
    deletedTitle: "Votre compte est supprimé",
    deleted: "Vous êtes déconnecté partout. Un message de confirmation part vers votre adresse, qui peut créer un nouveau compte dès maintenant.",
    keptNowTitle: "Ce que nous gardons, à l'écart, et jusqu'à quand",
    until: (date: string) => `Gardé jusqu'au ${date} au plus tard.`,
    none: "Vous n'en avez aucun.",
    count: (n: number) => `${n} enregistrement${n > 1 ? "s" : ""}.`,
    signup: "Créer un compte",
    signedOutTitle: "Aucun compte connecté",
    signedOut: "Ce navigateur n'est connecté à aucun compte : rien n'a été fait. Si vous venez de supprimer votre compte, il est déjà supprimé.",
    login: "Se connecter",
  },
  en: {
    title: "Delete my account",
    erasedTitle: "Erased at once",
    erasedIntro: "All your sessions end (you are logged out everywhere), your API token and apps stop working, your links no longer download. Erased:",
    keptTitle: "Kept, locked away, because the law requires it",
    keptIntro: "None of this serves any purpose any more but answering an authority under a legal procedure; each item is deleted when its period ends.",
    keptLine: (data: string, period: string, basis: string) => `${data}. Period: ${period}. Legal basis: ${basis}.`,
    also: "Data may also be kept longer where the law requires it.",
    address: "Your email address can create a new account as soon as this one is deleted. Deletion is final.",
    password: "Current password",
    confirm: "I understand that my account will be deleted for good",
    button: "Delete my account",
    wrongPassword: "Wrong current password: nothing was deleted.",
    confirmNeeded: "Tick the box to confirm: nothing was deleted.",
    codeDead: "This request expired or was already used: nothing was deleted. Start again.",
    deletedTitle: "Your account is deleted",
    deleted: "You are logged out everywhere. A confirmation is on its way to your address, which can create a new account right away.",
    keptNowTitle: "What we keep, locked away, and until when",
    until: (date: string) => `Kept until ${date} at the latest.`,
    none: "You have none.",
    count: (n: number) => `${n} record${n > 1 ? "s" : ""}.`,
    signup: "Create an account",
    signedOutTitle: "No account is signed in",
    signedOut: "This browser is signed in to no account: nothing was done. If you just deleted your account, it is already deleted.",
    login: "Log in",
  },
} as const;

function keptText(category: Pick<RetentionCategory, "data" | "periodMs"> & { basis: RetentionCategory["keptAfterClosure"] }, language: Language): string {
  return T[language].keptLine(category.data[language], describePeriod(category.periodMs, language), category.basis![language]);
}

/** One line per kept category, with this account's dates: the confirmation page and mail say the same. */
export function keptLines(kept: readonly KeptRecord[], language: Language): string[] {
  const t = T[language];
  return kept.map((k) => {
    if (k.until === null || k.count === 0) return `${keptText(k, language)} ${t.none}`;
    const count = k.count === null ? "" : ` ${t.count(k.count)}`;
    return `${keptText(k, language)}${count} ${t.until(formatDateTime(k.until, language))}`;
  });
}

export function DeleteAccountPage(props: { language: Language; erased: readonly RetentionCategory[]; kept: readonly RetentionCategory[]; error?: string }) {
  const lang = props.language;
  const t = T[lang];
  return (
    <>
      <h1>{t.title}</h1>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <section class="card" id="erased">
        <h2>{t.erasedTitle}</h2>
        <p>{t.erasedIntro}</p>
        <ul>
          {props.erased.map((category) => (
            <li data-category={category.id}>{category.data[lang]}</li>
          ))}
        </ul>
      </section>
      <section class="card" id="kept">
        <h2>{t.keptTitle}</h2>
        <p>{t.keptIntro}</p>
        <ul>
          {props.kept.map((category) => (
            <li data-category={category.id}>{keptText({ ...category, basis: category.keptAfterClosure }, lang)}</li>
          ))}
        </ul>
        <p>{t.also}</p>
      </section>
      <section class="card">
        <p>{t.address}</p>
        <form method="post" action="/account/delete">
          <Field label={t.password} name="current_password" type="password" autocomplete="current-password" maxlength={PASSWORD_MAX_LENGTH} />
          <label class="inline">
            <input type="checkbox" name="confirm" value="1" required /> {t.confirm}
          </label>
          <button type="submit" class="danger">{t.button}</button>
        </form>
      </section>
    </>
  );
}

export function AccountDeletedPage(props: { language: Language; kept: readonly KeptRecord[] }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.deletedTitle}</h1>
      <Notice kind="ok">{t.deleted}</Notice>
      <section class="card" id="kept">
        <h2>{t.keptNowTitle}</h2>
        <ul>
          {keptLines(props.kept, props.language).map((line, i) => (
            <li data-category={props.kept[i]!.category}>{line}</li>
          ))}
        </ul>
        <p>{t.also}</p>
      </section>
      <p>
        <a href="/register">{t.signup}</a>
      </p>
    </>
  );
}

export function SignedOutPage(props: { language: Language }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.signedOutTitle}</h1>
      <Notice kind="error">{t.signedOut}</Notice>
      <p>
        <a href="/login">{t.login}</a>
      </p>
    </>
  );
}

export { T as DELETE_ACCOUNT_TEXT };
