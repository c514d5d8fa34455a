/** The /device page: a logged-in user types the code an app shows, sees which app and from where, and approves. */
import { PASSWORD_MAX_LENGTH } from "../config";
import type { Language } from "../lib/language";
import { Field, Notice } from "./form";

const T = {
  fr: {
    title: "Autoriser un appareil", code: "Code affiché par l'application", next: "Continuer",
    confirm: "Autoriser cette application à utiliser votre compte ?", app: "Application :", from: "Appareil situé vers :", unknown: "lieu inconnu",
    scope: "Accès : débridage, téléchargements, torrents, informations du compte.", approve: "Autoriser", cancel: "Annuler", password: "Votre mot de passe",
  },
  en: {
    title: "Authorize a device", code: "Code shown by the app", next: "Continue",
    confirm: "Let this app use your account?", app: "App:", from: "Device located near:", unknown: "unknown place",
    scope: "Access: unrestricting, downloads, torrents, account information.", approve: "Authorize", cancel: "Cancel", password: "Your password",
  },
} as const;

export function DeviceCodePage(props: { language: Language; code?: string; message?: string; notice?: string }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/device">
        <Field label={t.code} name="user_code" value={props.code} autocomplete="off" maxlength={16} />
        <button type="submit">{t.next}</button>
      </form>
    </>
  );
}

export function DeviceApprovePage(props: { language: Language; userCode: string; appName: string; place: string | null; needsPassword: boolean; message?: string }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.confirm}</h1>
      <p>{t.app} <strong>{props.appName}</strong></p>
      <p>{t.from} {props.place ?? t.unknown}</p>
      <p>{t.scope}</p>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/device/approve">
        <input type="hidden" name="user_code" value={props.userCode} />
        {props.needsPassword ? <Field label={t.password} name="current_password" type="password" autocomplete="current-password" maxlength={PASSWORD_MAX_LENGTH} /> : null}
        <button type="submit">{t.approve}</button>
      </form>
      <p>
        <a href="/device">{t.cancel}</a>
      </p>
    </>
  );
}

export { T as DEVICE_TEXT };
