/** The /device page: a logged-in user types the code an app shows, sees which app and from where, and approves. */
import type { Language } from "../lib/language";
import { Field, Notice } from "./form";
import { Layout, type NavItem } from "./layout";

const T = {
  fr: {
    title: "Autoriser un appareil", code: "Code affiché par l'application", next: "Continuer",
    confirm: "Autoriser cette application à utiliser votre compte ?", app: "Application", from: "Appareil situé vers", unknown: "lieu inconnu",
    scope: "Accès : débridage, téléchargements, torrents, informations du compte.", approve: "Autoriser", cancel: "Annuler", password: "Votre mot de passe",
  },
  en: {
    title: "Authorize a device", code: "Code shown by the app", next: "Continue",
    confirm: "Let this app use your account?", app: "App", from: "Device located near", unknown: "unknown place",
    scope: "Access: unrestricting, downloads, torrents, account information.", approve: "Authorize", cancel: "Cancel", password: "Your password",
  },
} as const;

export function DeviceCodePage(props: { language: Language; nav: NavItem[]; code?: string; message?: string; notice?: string }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.title} nav={props.nav} currentPath="/device">
      <h1>{t.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/device">
        <Field label={t.code} name="user_code" value={props.code} autocomplete="off" maxlength={16} />
        <button type="submit">{t.next}</button>
      </form>
    </Layout>
  );
}

export function DeviceApprovePage(props: { language: Language; nav: NavItem[]; userCode: string; appName: string; place: string | null; needsPassword: boolean; message?: string }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.title} nav={props.nav} currentPath="/device">
      <h1>{t.confirm}</h1>
      <p>{t.app} : <strong>{props.appName}</strong></p>
      <p>{t.from} : {props.place ?? t.unknown}</p>
      <p>{t.scope}</p>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/device/approve">
        <input type="hidden" name="user_code" value={props.userCode} />
        {props.needsPassword ? <Field label={t.password} name="current_password" type="password" autocomplete="current-password" maxlength={256} /> : null}
        <button type="submit">{t.approve}</button>
      </form>
      <p>
        <a href="/device">{t.cancel}</a>
      </p>
    </Layout>
  );
}
