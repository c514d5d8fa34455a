/** Pages of signing up and in: register, login, verify, forgot and reset password, confirm email, plain messages. */
import type { Language } from "../lib/language";
import { Field, Notice } from "./form";
import { Layout, type NavItem } from "./layout";

type Base = { language: Language; nav: NavItem[] };
export type FieldErrors = Partial<Record<string, string>>;

const T = {
  fr: {
    email: "Adresse e-mail", password: "Mot de passe", newPassword: "Nouveau mot de passe",
    passwordHint: "12 caractères au moins, 256 au plus. Une phrase de plusieurs mots fait un bon mot de passe.",
    registerTitle: "Créer un compte", registerButton: "Créer mon compte",
    registerIntro: "Votre adresse e-mail sert uniquement à vous connecter et à vous écrire au sujet du compte ; elle n'est jamais vendue ni cédée.",
    loginTitle: "Connexion", loginButton: "Se connecter", forgotLink: "Mot de passe oublié ?", registerLink: "Créer un compte",
    forgotTitle: "Mot de passe oublié", forgotIntro: "Indiquez l'adresse de votre compte : nous y enverrons un lien valable 1 heure.", forgotButton: "Envoyer le lien",
    resetTitle: "Nouveau mot de passe", resetButton: "Enregistrer le mot de passe",
    verifyTitle: "Confirmer l'adresse e-mail", verifyIntro: "Confirmez votre adresse en cliquant sur le bouton.", verifyCode: "Code reçu par e-mail", verifyCodeIntro: "Saisissez votre adresse et le code de 8 lettres du message de confirmation.", verifyButton: "Confirmer mon adresse",
    confirmEmailTitle: "Confirmer la nouvelle adresse", confirmEmailButton: "Confirmer la nouvelle adresse",
  },
  en: {
    email: "Email address", password: "Password", newPassword: "New password",
    passwordHint: "At least 12 characters, at most 256. A phrase of several words makes a good password.",
    registerTitle: "Create an account", registerButton: "Create my account",
    registerIntro: "Your email address is used only to sign you in and to write to you about the account; it is never sold or shared.",
    loginTitle: "Log in", loginButton: "Log in", forgotLink: "Forgot your password?", registerLink: "Create an account",
    forgotTitle: "Forgot your password", forgotIntro: "Give your account's address: we will send it a link valid 1 hour.", forgotButton: "Send the link",
    resetTitle: "New password", resetButton: "Save the password",
    verifyTitle: "Confirm your email address", verifyIntro: "Confirm your address with the button.", verifyCode: "Code from the email", verifyCodeIntro: "Type your address and the 8-letter code from the confirmation email.", verifyButton: "Confirm my address",
    confirmEmailTitle: "Confirm the new address", confirmEmailButton: "Confirm the new address",
  },
} as const;

export function RegisterPage(props: Base & { email?: string; errors?: FieldErrors; message?: string }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.registerTitle} nav={props.nav} currentPath="/register">
      <h1>{t.registerTitle}</h1>
      <p class="muted">{t.registerIntro}</p>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/register">
        <Field label={t.email} name="email" type="email" value={props.email} autocomplete="email" maxlength={254} error={props.errors?.email} />
        <Field label={t.password} name="password" type="password" autocomplete="new-password" minlength={12} maxlength={256} hint={t.passwordHint} error={props.errors?.password} />
        <button type="submit">{t.registerButton}</button>
      </form>
    </Layout>
  );
}

export function LoginPage(props: Base & { email?: string; message?: string; notice?: string; next?: string | null }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.loginTitle} nav={props.nav} currentPath="/login">
      <h1>{t.loginTitle}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/login">
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field label={t.email} name="email" type="email" value={props.email} autocomplete="username" maxlength={254} />
        <Field label={t.password} name="password" type="password" autocomplete="current-password" maxlength={256} />
        <button type="submit">{t.loginButton}</button>
      </form>
      <p>
        <a href="/forgot-password">{t.forgotLink}</a> · <a href="/register">{t.registerLink}</a>
      </p>
    </Layout>
  );
}

export function ForgotPasswordPage(props: Base & { email?: string; errors?: FieldErrors; message?: string }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.forgotTitle} nav={props.nav}>
      <h1>{t.forgotTitle}</h1>
      <p>{t.forgotIntro}</p>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/forgot-password">
        <Field label={t.email} name="email" type="email" value={props.email} autocomplete="email" maxlength={254} error={props.errors?.email} />
        <button type="submit">{t.forgotButton}</button>
      </form>
    </Layout>
  );
}

export function ResetPasswordPage(props: Base & { token: string; errors?: FieldErrors; message?: string }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.resetTitle} nav={props.nav}>
      <h1>{t.resetTitle}</h1>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/reset-password">
        <input type="hidden" name="token" value={props.token} />
        <Field label={t.newPassword} name="password" type="password" autocomplete="new-password" minlength={12} maxlength={256} hint={t.passwordHint} error={props.errors?.password} />
        <button type="submit">{t.resetButton}</button>
      </form>
    </Layout>
  );
}

/** The page a mailed verification link opens: it confirms only by POST, since mail scanners prefetch links. */
/** With a token (from the mailed link): one button that POSTs it. Without: the address and the short code. */
export function VerifyEmailPage(props: Base & { token: string; email?: string; message?: string }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.verifyTitle} nav={props.nav}>
      <h1>{t.verifyTitle}</h1>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/verify">
        {props.token ? (
          <>
            <input type="hidden" name="token" value={props.token} />
            <p>{t.verifyIntro}</p>
          </>
        ) : (
          <>
            <p>{t.verifyCodeIntro}</p>
            <Field label={t.email} name="email" type="email" autocomplete="email" maxlength={254} value={props.email} />
            <Field label={t.verifyCode} name="code" autocomplete="one-time-code" maxlength={16} />
          </>
        )}
        <button type="submit">{t.verifyButton}</button>
      </form>
    </Layout>
  );
}

export function ConfirmEmailChangePage(props: Base & { token: string; message?: string }) {
  const t = T[props.language];
  return (
    <Layout language={props.language} title={t.confirmEmailTitle} nav={props.nav}>
      <h1>{t.confirmEmailTitle}</h1>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/confirm-email">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">{t.confirmEmailButton}</button>
      </form>
    </Layout>
  );
}

/** A page that only says something (check your mailbox, done, link expired), with an optional next step. */
export function MessagePage(props: Base & { title: string; message: string; kind?: "ok" | "error"; next?: { href: string; label: string } }) {
  return (
    <Layout language={props.language} title={props.title} nav={props.nav}>
      <h1>{props.title}</h1>
      <Notice kind={props.kind}>{props.message}</Notice>
      {props.next ? (
        <p>
          <a href={props.next.href}>{props.next.label}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** Logging out changes state, so it is a POST: the nav link leads here, to the button. */
export function LogoutPage(props: Base & { title: string; question: string; button: string }) {
  return (
    <Layout language={props.language} title={props.title} nav={props.nav} currentPath="/logout">
      <h1>{props.title}</h1>
      <p>{props.question}</p>
      <form method="post" action="/logout">
        <button type="submit">{props.button}</button>
      </form>
    </Layout>
  );
}
