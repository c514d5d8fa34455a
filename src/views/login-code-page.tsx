/** The code step of a held sign-in (new place, or unusual network while the account is under attack) and of a held device approval. */
import { LOGIN_CODE_LENGTH, LOGIN_CODE_LIFETIME_MS, LOGIN_CODE_MAX_ATTEMPTS } from "../config";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import { Notice } from "./form";

export type LoginCodePageProps = {
  language: Language;
  /** The challenge token, carried by the forms of this page only. */
  challenge: string;
  purpose: "login" | "device" | "account_deletion";
  reason?: "new_place" | "unusual_activity";
  /** Where the forms post: /login/code, /device/code or /account/delete/code. */
  action: string;
  message?: string;
  notice?: string;
  /** The code died (too many wrong tries): only a new code helps. */
  exhausted?: boolean;
};

const T = {
  fr: {
    title: "Confirmez cette connexion",
    deviceTitle: "Confirmez cet appareil",
    deletionTitle: "Confirmez la suppression du compte",
    deletion: "Vous demandez la suppression du compte depuis un lieu inhabituel pour lui.",
    newPlace: "Vous vous connectez depuis un lieu inhabituel pour ce compte.",
    unusual: "Ce compte subit de nombreuses tentatives de connexion, et ce réseau ne lui est pas familier.",
    device: "Cet appareil se trouve dans un lieu inhabituel pour ce compte.",
    sent: (lifetime: string, tries: number) => `Nous venons d'envoyer un code à ${LOGIN_CODE_LENGTH} chiffres à l'adresse du compte. Saisissez-le ici : il est valable ${lifetime}, pour ${tries} essais.`,
    code: "Code reçu par e-mail", confirm: "Confirmer", resend: "Envoyer un nouveau code", login: "Se connecter à nouveau",
  },
  en: {
    title: "Confirm this sign-in",
    deviceTitle: "Confirm this device",
    deletionTitle: "Confirm the deletion of your account",
    deletion: "You are asking to delete the account from a place it has not used.",
    newPlace: "You are signing in from a place this account has not used.",
    unusual: "This account is getting many sign-in attempts, and this network is not one it has used.",
    device: "This device is in a place this account has not used.",
    sent: (lifetime: string, tries: number) => `We just sent a ${LOGIN_CODE_LENGTH}-digit code to the account's address. Type it here: it is valid ${lifetime}, for ${tries} tries.`,
    code: "Code from the email", confirm: "Confirm", resend: "Send a new code", login: "Sign in again",
  },
} as const;

export function LoginCodePage(props: LoginCodePageProps) {
  const t = T[props.language];
  const why = props.purpose === "account_deletion" ? t.deletion : props.purpose === "device" ? t.device : props.reason === "unusual_activity" ? t.unusual : t.newPlace;
  const title = props.purpose === "account_deletion" ? t.deletionTitle : props.purpose === "device" ? t.deviceTitle : t.title;
  return (
    <>
      <h1>{title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <p>
        {why} {t.sent(describeDuration(LOGIN_CODE_LIFETIME_MS, props.language), LOGIN_CODE_MAX_ATTEMPTS)}
      </p>
      {props.exhausted ? null : (
        <form method="post" action={props.action}>
          <input type="hidden" name="challenge" value={props.challenge} />
          <label for="field-code">
            {t.code}
            <input id="field-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 -]*" maxlength={16} required />
          </label>
          <button type="submit">{t.confirm}</button>
        </form>
      )}
      <form method="post" action={`${props.action}/resend`}>
        <input type="hidden" name="challenge" value={props.challenge} />
        <button type="submit" class="secondary">{t.resend}</button>
      </form>
    </>
  );
}

/** Messages of the code step. */
export const LOGIN_CODE_MESSAGES = {
  fr: {
    wrong: (left: number) => `Ce code n'est pas le bon. Encore ${left} essai${left > 1 ? "s" : ""}.`,
    exhausted: (tries = LOGIN_CODE_MAX_ATTEMPTS) => `${tries} codes faux : ce code ne fonctionne plus. Demandez-en un nouveau.`,
    dead: "Cette demande a expiré ou a déjà servi : connectez-vous à nouveau.",
    resent: "Un nouveau code vient de partir.",
  },
  en: {
    wrong: (left: number) => `This is not the right code. ${left} more ${left > 1 ? "tries" : "try"}.`,
    exhausted: (tries = LOGIN_CODE_MAX_ATTEMPTS) => `${tries} wrong codes: this code no longer works. Ask for a new one.`,
    dead: "This request expired or was already used: sign in again.",
    resent: "A new code is on its way.",
  },
} as const;

export { T as LOGIN_CODE_TEXT };
