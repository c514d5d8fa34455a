/** Pages of signing up and in: register, login, verify, forgot and reset password, confirm email, plain messages. */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, RESET_PASSWORD_TOKEN_LIFETIME_MS, VERIFY_CODE_LENGTH, VERIFY_CODE_MAX_ATTEMPTS, VERIFY_EMAIL_TOKEN_LIFETIME_MS } from "../config";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import type { PolicyVersion } from "../retention/policy-versions";
import { Field, Notice } from "./form";
import { policyDate, policyVersionPath } from "./privacy-page";

type Base = { language: Language };
export type FieldErrors = Partial<Record<string, string>>;

const T = {
  fr: {
    email: "Adresse e-mail", password: "Mot de passe", newPassword: "Nouveau mot de passe",
    passwordHint: (min: number, max: number) => `${min} caractères au moins, ${max} au plus. Une phrase de plusieurs mots fait un bon mot de passe.`,
    registerTitle: "Créer un compte", registerButton: "Créer mon compte",
    registerIntro: "Votre adresse e-mail sert uniquement à vous connecter et à vous écrire au sujet du compte ; elle n'est jamais vendue ni cédée.",
    registerPolicy: (version: number, date: string) => `En créant un compte, vous acceptez la politique de confidentialité, version ${version} du ${date}.`,
    loginTitle: "Connexion", loginButton: "Se connecter", forgotLink: "Mot de passe oublié ?", registerLink: "Créer un compte",
    forgotTitle: "Mot de passe oublié", forgotIntro: (lifetime: string) => `Indiquez l'adresse de votre compte : nous y enverrons un lien valable ${lifetime}.`, forgotButton: "Envoyer le lien",
    resetTitle: "Nouveau mot de passe", resetButton: "Enregistrer le mot de passe",
    resetIntro: "Le nouveau mot de passe fermera toutes vos sessions, révoquera votre jeton d'API privé et déconnectera toutes les applications connectées.",
    verifyTitle: "Confirmer l'adresse e-mail", verifyIntro: "Confirmez votre adresse en cliquant sur le bouton.", verifyCode: "Code reçu par e-mail", verifyCodeIntro: (length: number) => `Saisissez votre adresse et le code de ${length} lettres du message de confirmation.`, verifyButton: "Confirmer mon adresse",
    confirmEmailTitle: "Confirmer la nouvelle adresse", confirmEmailButton: "Confirmer la nouvelle adresse",
  },
  en: {
    email: "Email address", password: "Password", newPassword: "New password",
    passwordHint: (min: number, max: number) => `At least ${min} characters, at most ${max}. A phrase of several words makes a good password.`,
    registerTitle: "Create an account", registerButton: "Create my account",
    registerIntro: "Your email address is used only to sign you in and to write to you about the account; it is never sold or shared.",
    registerPolicy: (version: number, date: string) => `By creating an account, you accept the privacy policy, version ${version} of ${date}.`,
    loginTitle: "Log in", loginButton: "Log in", forgotLink: "Forgot your password?", registerLink: "Create an account",
    forgotTitle: "Forgot your password", forgotIntro: (lifetime: string) => `Give your account's address: we will send it a link valid ${lifetime}.`, forgotButton: "Send the link",
    resetTitle: "New password", resetButton: "Save the password",
    resetIntro: "The new password will close all your sessions, revoke your private API token and disconnect every connected app.",
    verifyTitle: "Confirm your email address", verifyIntro: "Confirm your address with the button.", verifyCode: "Code from the email", verifyCodeIntro: (length: number) => `Type your address and the ${length}-letter code from the confirmation email.`, verifyButton: "Confirm my address",
    confirmEmailTitle: "Confirm the new address", confirmEmailButton: "Confirm the new address",
  },
} as const;

export function RegisterPage(props: Base & { policy: Pick<PolicyVersion, "number" | "publishedOn">; email?: string; errors?: FieldErrors; message?: string }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.registerTitle}</h1>
      <p class="muted">{t.registerIntro}</p>
      <p class="muted" data-policy-version={props.policy.number}>
        <a href={policyVersionPath(props.policy.number, props.language)}>{t.registerPolicy(props.policy.number, policyDate(props.policy.publishedOn, props.language))}</a>
      </p>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/register">
        <Field label={t.email} name="email" type="email" value={props.email} autocomplete="email" maxlength={254} error={props.errors?.email} />
        <Field label={t.password} name="password" type="password" autocomplete="new-password" minlength={PASSWORD_MIN_LENGTH} maxlength={PASSWORD_MAX_LENGTH} hint={t.passwordHint(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)} error={props.errors?.password} />
        <button type="submit">{t.registerButton}</button>
      </form>
    </>
  );
}

export function LoginPage(props: Base & { email?: string; message?: string; notice?: string; next?: string | null }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.loginTitle}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/login">
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field label={t.email} name="email" type="email" value={props.email} autocomplete="username" maxlength={254} />
        <Field label={t.password} name="password" type="password" autocomplete="current-password" maxlength={PASSWORD_MAX_LENGTH} />
        <button type="submit">{t.loginButton}</button>
      </form>
      <p>
        <a href="/forgot-password">{t.forgotLink}</a> · <a href="/register">{t.registerLink}</a>
      </p>
    </>
  );
}

export function ForgotPasswordPage(props: Base & { email?: string; errors?: FieldErrors; message?: string }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.forgotTitle}</h1>
      <p>{t.forgotIntro(describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, props.language))}</p>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/forgot-password">
        <Field label={t.email} name="email" type="email" value={props.email} autocomplete="email" maxlength={254} error={props.errors?.email} />
        <button type="submit">{t.forgotButton}</button>
      </form>
    </>
  );
}

export function ResetPasswordPage(props: Base & { token: string; errors?: FieldErrors; message?: string }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.resetTitle}</h1>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <p>{t.resetIntro}</p>
      <form method="post" action="/reset-password">
        <input type="hidden" name="token" value={props.token} />
        <Field label={t.newPassword} name="password" type="password" autocomplete="new-password" minlength={PASSWORD_MIN_LENGTH} maxlength={PASSWORD_MAX_LENGTH} hint={t.passwordHint(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)} error={props.errors?.password} />
        <button type="submit">{t.resetButton}</button>
      </form>
    </>
  );
}

/** The page a mailed verification link opens: it confirms only by POST, since mail scanners prefetch links. */
/** With a token (from the mailed link): one button that POSTs it. Without: the address and the short code. */
export function VerifyEmailPage(props: Base & { token: string; email?: string; message?: string }) {
  const t = T[props.language];
  return (
    <>
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
            <p>{t.verifyCodeIntro(VERIFY_CODE_LENGTH)}</p>
            <Field label={t.email} name="email" type="email" autocomplete="email" maxlength={254} value={props.email} />
            <Field label={t.verifyCode} name="code" autocomplete="one-time-code" maxlength={16} />
          </>
        )}
        <button type="submit">{t.verifyButton}</button>
      </form>
    </>
  );
}

export function ConfirmEmailChangePage(props: Base & { token: string; message?: string }) {
  const t = T[props.language];
  return (
    <>
      <h1>{t.confirmEmailTitle}</h1>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/confirm-email">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">{t.confirmEmailButton}</button>
      </form>
    </>
  );
}

/** A page that only says something (check your mailbox, done, link expired), with an optional next step. */
export function MessagePage(props: Base & { title: string; message: string; kind?: "ok" | "error"; next?: { href: string; label: string } }) {
  return (
    <>
      <h1>{props.title}</h1>
      <Notice kind={props.kind}>{props.message}</Notice>
      {props.next ? (
        <p>
          <a href={props.next.href}>{props.next.label}</a>
        </p>
      ) : null}
    </>
  );
}

/** Logging out changes state, so it is a POST: the nav link leads here, to the button. */
export function LogoutPage(props: Base & { title: string; question: string; button: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.question}</p>
      <form method="post" action="/logout">
        <button type="submit">{props.button}</button>
      </form>
    </>
  );
}

/** Messages of the sign-up and sign-in flows; numbers come from config. */
export const AUTH_MESSAGES = {
  fr: {
    badEmail: "Cette adresse e-mail n'est pas valide.",
    password_too_short: (min = PASSWORD_MIN_LENGTH) => `Le mot de passe doit faire au moins ${min} caractères.`,
    password_too_long: (max = PASSWORD_MAX_LENGTH) => `Le mot de passe doit faire au plus ${max} caractères.`,
    password_too_common: () => "Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase de plusieurs mots.",
    checkMailTitle: "Vérifiez votre boîte mail",
    checkMail: (lifetime = VERIFY_EMAIL_TOKEN_LIFETIME_MS) =>
      `Si l'inscription est possible, un e-mail vient de partir vers cette adresse : suivez le lien qu'il contient (valable ${describeDuration(lifetime, "fr")}).`,
    tooMany: (minutes: number) => `Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
    invalidLogin: "E-mail ou mot de passe incorrect.",
    loggedOutTitle: "Déconnexion", loggedOut: "Vous êtes déconnecté.", logoutQuestion: "Se déconnecter de ce navigateur ?", logoutButton: "Se déconnecter",
    verifiedTitle: "Adresse confirmée", verified: "Merci, votre adresse e-mail est confirmée.",
    badLink: "Ce lien est invalide, déjà utilisé ou expiré.",
    badCode: (tries = VERIFY_CODE_MAX_ATTEMPTS) =>
      `Cette adresse et ce code ne vont pas ensemble, ou le code est expiré ou déjà utilisé. Après ${tries} essais, demandez un nouveau message.`,
    forgotSentTitle: "Vérifiez votre boîte mail",
    forgotSent: (lifetime = RESET_PASSWORD_TOKEN_LIFETIME_MS) => `Si un compte utilise cette adresse, un lien de réinitialisation valable ${describeDuration(lifetime, "fr")} vient d'y être envoyé.`,
    resetDoneTitle: "Mot de passe changé", resetDone: "Votre mot de passe est changé : toutes vos sessions sont fermées, le jeton d'API révoqué et les applications déconnectées. Connectez-vous avec le nouveau.",
    emailChangedTitle: "Adresse changée", emailChanged: "Votre nouvelle adresse est enregistrée. Toutes les sessions sont fermées : connectez-vous à nouveau.",
    loginLink: "Se connecter", accountLink: "Mon compte",
  },
  en: {
    badEmail: "This email address is not valid.",
    password_too_short: (min = PASSWORD_MIN_LENGTH) => `The password must be at least ${min} characters long.`,
    password_too_long: (max = PASSWORD_MAX_LENGTH) => `The password must be at most ${max} characters long.`,
    password_too_common: () => "This password is too common: choose another, for example a phrase of several words.",
    checkMailTitle: "Check your mailbox",
    checkMail: (lifetime = VERIFY_EMAIL_TOKEN_LIFETIME_MS) =>
      `If signing up is possible, an email just left for this address: follow the link it contains (valid ${describeDuration(lifetime, "en")}).`,
    tooMany: (minutes: number) => `Too many attempts. Try again in ${minutes} minute${minutes > 1 ? "s" : ""}.`,
    invalidLogin: "Wrong email or password.",
    loggedOutTitle: "Log out", loggedOut: "You are logged out.", logoutQuestion: "Log out of this browser?", logoutButton: "Log out",
    verifiedTitle: "Address confirmed", verified: "Thank you, your email address is confirmed.",
    badLink: "This link is invalid, used or expired.",
    badCode: (tries = VERIFY_CODE_MAX_ATTEMPTS) => `This address and code do not match, or the code is expired or used. After ${tries} tries, ask for a new email.`,
    forgotSentTitle: "Check your mailbox",
    forgotSent: (lifetime = RESET_PASSWORD_TOKEN_LIFETIME_MS) => `If an account uses this address, a reset link valid ${describeDuration(lifetime, "en")} was just sent to it.`,
    resetDoneTitle: "Password changed", resetDone: "Your password is changed: all your sessions are closed, the API token revoked and the apps disconnected. Log in with the new one.",
    emailChangedTitle: "Address changed", emailChanged: "Your new address is saved. Every session is closed: log in again.",
    loginLink: "Log in", accountLink: "My account",
  },
} as const;

export { T as AUTH_TEXT };
