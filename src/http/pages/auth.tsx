/** Pages of signing up and in: register, login, logout, email verification, forgotten password. */
import { Hono, type Context } from "hono";
import { logIn, registerAccount, requestPasswordReset, resetPassword, verifyEmail, verifyEmailWithCode, confirmEmailChange } from "../../accounts";
import { checkNewPassword, isAcceptablePasswordInput, parseEmail, type PasswordProblem } from "../../accounts/validation";
import { mainDb } from "../../db/client";
import type { AppEnv } from "../../env";
import type { Language } from "../../lib/language";
import { createSession, deleteSession } from "../../sessions";
import {
  ConfirmEmailChangePage,
  ForgotPasswordPage,
  LoginPage,
  LogoutPage,
  MessagePage,
  RegisterPage,
  ResetPasswordPage,
  VerifyEmailPage,
  type FieldErrors,
} from "../../views/auth-pages";
import { readForm, field } from "../body";
import { clearSessionCookie, setSessionCookie } from "../cookies";
import { navFor, pageLanguage, requestInfo } from "./request-info";

export const authPages = new Hono<AppEnv>();

export const MESSAGES = {
  fr: {
    badEmail: "Cette adresse e-mail n'est pas valide.",
    password_too_short: "Le mot de passe doit faire au moins 12 caractères.",
    password_too_long: "Le mot de passe doit faire au plus 256 caractères.",
    password_too_common: "Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase de plusieurs mots.",
    checkMailTitle: "Vérifiez votre boîte mail",
    checkMail: "Si l'inscription est possible, un e-mail vient de partir vers cette adresse : suivez le lien qu'il contient (valable 24 heures).",
    tooMany: (minutes: number) => `Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
    invalidLogin: "E-mail ou mot de passe incorrect.",
    loggedOutTitle: "Déconnexion", loggedOut: "Vous êtes déconnecté.", logoutQuestion: "Se déconnecter de ce navigateur ?", logoutButton: "Se déconnecter",
    verifiedTitle: "Adresse confirmée", verified: "Merci, votre adresse e-mail est confirmée.",
    badLink: "Ce lien est invalide, déjà utilisé ou expiré.",
    badCode: "Cette adresse et ce code ne vont pas ensemble, ou le code est expiré ou déjà utilisé. Après 5 essais, demandez un nouveau message.",
    forgotSentTitle: "Vérifiez votre boîte mail", forgotSent: "Si un compte utilise cette adresse, un lien de réinitialisation valable 1 heure vient d'y être envoyé.",
    resetDoneTitle: "Mot de passe changé", resetDone: "Votre mot de passe est changé et toutes vos sessions sont fermées. Connectez-vous avec le nouveau.",
    emailChangedTitle: "Adresse changée", emailChanged: "Votre nouvelle adresse est enregistrée. Toutes les sessions sont fermées : connectez-vous à nouveau.",
    loginLink: "Se connecter", accountLink: "Mon compte",
  },
  en: {
    badEmail: "This email address is not valid.",
    password_too_short: "The password must be at least 12 characters long.",
    password_too_long: "The password must be at most 256 characters long.",
    password_too_common: "This password is too common: choose another, for example a phrase of several words.",
    checkMailTitle: "Check your mailbox",
    checkMail: "If signing up is possible, an email just left for this address: follow the link it contains (valid 24 hours).",
    tooMany: (minutes: number) => `Too many attempts. Try again in ${minutes} minute${minutes > 1 ? "s" : ""}.`,
    invalidLogin: "Wrong email or password.",
    loggedOutTitle: "Log out", loggedOut: "You are logged out.", logoutQuestion: "Log out of this browser?", logoutButton: "Log out",
    verifiedTitle: "Address confirmed", verified: "Thank you, your email address is confirmed.",
    badLink: "This link is invalid, used or expired.",
    badCode: "This address and code do not match, or the code is expired or used. After 5 tries, ask for a new email.",
    forgotSentTitle: "Check your mailbox", forgotSent: "If an account uses this address, a reset link valid 1 hour was just sent to it.",
    resetDoneTitle: "Password changed", resetDone: "Your password is changed and all your sessions are closed. Log in with the new one.",
    emailChangedTitle: "Address changed", emailChanged: "Your new address is saved. Every session is closed: log in again.",
    loginLink: "Log in", accountLink: "My account",
  },
} as const;

export function passwordMessage(language: Language, problem: PasswordProblem): string {
  return MESSAGES[language][problem];
}

/** Answers 429 with Retry-After and a readable page. */
export function tooManyPage(c: Context<AppEnv>, retryAfterMs: number, render: (message: string) => Response | Promise<Response>): Response | Promise<Response> {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  c.header("Retry-After", String(seconds));
  c.status(429);
  return render(MESSAGES[pageLanguage(c)].tooMany(Math.ceil(seconds / 60)));
}

/**
 * A `next` path (path and query) that stays on this site: it must start with one "/" (not "//" or
 * "/\\", which browsers read as another host) and hold no control characters; else null.
 */
export function safeNext(value: string | undefined | null): string | null {
  if (!value || value.length > 512 || !value.startsWith("/") || value[1] === "/" || value[1] === "\\") return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  return value;
}

/** Where a page for logged-in users sends a visitor: the login page, with the way back. */
export function loginRedirectPath(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

authPages.get("/register", (c) => c.html(<RegisterPage language={pageLanguage(c)} nav={navFor(c)} />));

authPages.post("/register", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const rawEmail = field(form, "email", 1024) ?? "";
  const password = form.password;
  const address = parseEmail(rawEmail);
  const errors: FieldErrors = {};
  if (!address) errors.email = MESSAGES[language].badEmail;
  const problem = isAcceptablePasswordInput(password) ? checkNewPassword(password) : password ? "password_too_long" : "password_too_short";
  if (problem) errors.password = passwordMessage(language, problem);
  const render = (status: 400 | 429, message?: string) => {
    c.status(status);
    return c.html(<RegisterPage language={language} nav={navFor(c)} email={rawEmail.slice(0, 254)} errors={errors} message={message} />);
  };
  if (!address || problem || !isAcceptablePasswordInput(password)) return render(400);
  const outcome = await registerAccount(c.env, address, password, requestInfo(c), Date.now());
  if (outcome.kind === "rate_limited") return tooManyPage(c, outcome.retryAfterMs, (message) => render(429, message));
  const t = MESSAGES[language];
  return c.html(<MessagePage language={language} nav={navFor(c)} title={t.checkMailTitle} message={t.checkMail} kind="ok" />);
});

authPages.get("/login", (c) => c.html(<LoginPage language={pageLanguage(c)} nav={navFor(c)} next={safeNext(c.req.query("next"))} />));

authPages.post("/login", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const rawEmail = field(form, "email", 1024) ?? "";
  const password = form.password;
  // The way back comes in the form (a hidden field of the login page), or else the query.
  const next = safeNext(form.next ?? c.req.query("next"));
  const render = (status: 401 | 429, message: string) => {
    c.status(status);
    return c.html(<LoginPage language={language} nav={navFor(c)} email={rawEmail.slice(0, 254)} message={message} next={next} />);
  };
  if (!isAcceptablePasswordInput(password)) return render(401, MESSAGES[language].invalidLogin);
  const now = Date.now();
  const outcome = await logIn(c.env, parseEmail(rawEmail), password, requestInfo(c), now);
  if (outcome.kind === "throttled") return tooManyPage(c, outcome.retryAfterMs, (message) => render(429, message));
  if (outcome.kind === "invalid") return render(401, MESSAGES[language].invalidLogin);
  const db = mainDb(c.env.DB);
  // A new token at every login: a token planted before login (session fixation) is worthless.
  if (c.var.session) await deleteSession(db, c.var.session.id);
  const { token, session } = await createSession(db, outcome.accountId, now);
  setSessionCookie(c, token, session.expiresAt, now);
  c.set("accountId", String(outcome.accountId));
  return c.redirect(next ?? "/account", 303);
});

authPages.get("/logout", (c) => {
  const t = MESSAGES[pageLanguage(c)];
  if (!c.var.session) return c.html(<MessagePage language={pageLanguage(c)} nav={navFor(c)} title={t.loggedOutTitle} message={t.loggedOut} next={{ href: "/login", label: t.loginLink }} />);
  return c.html(<LogoutPage language={pageLanguage(c)} nav={navFor(c)} title={t.loggedOutTitle} question={t.logoutQuestion} button={t.logoutButton} />);
});

authPages.post("/logout", async (c) => {
  if (c.var.session) await deleteSession(mainDb(c.env.DB), c.var.session.id);
  c.set("session", null);
  clearSessionCookie(c);
  c.header("Clear-Site-Data", '"cookies"');
  const language = pageLanguage(c);
  const t = MESSAGES[language];
  return c.html(<MessagePage language={language} nav={navFor(c)} title={t.loggedOutTitle} message={t.loggedOut} kind="ok" next={{ href: "/login", label: t.loginLink }} />);
});

authPages.get("/verify", (c) => {
  const token = (c.req.query("token") ?? "").slice(0, 64);
  return c.html(<VerifyEmailPage language={pageLanguage(c)} nav={navFor(c)} token={token} />);
});

authPages.post("/verify", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const token = (field(form, "token", 64) ?? "").trim().toUpperCase();
  const t = MESSAGES[language];
  // The mailed link posts its token; a person types the address and the short code instead.
  const rawEmail = field(form, "email", 1024) ?? "";
  const address = token ? null : parseEmail(rawEmail);
  const verified = token
    ? await verifyEmail(c.env, token, Date.now())
    : address !== null && (await verifyEmailWithCode(c.env, address, field(form, "code", 16) ?? "", Date.now()));
  if (!verified) {
    c.status(400);
    return c.html(<VerifyEmailPage language={language} nav={navFor(c)} token="" email={rawEmail.slice(0, 254)} message={token ? t.badLink : t.badCode} />);
  }
  const next = c.var.session ? { href: "/account", label: t.accountLink } : { href: "/login", label: t.loginLink };
  return c.html(<MessagePage language={language} nav={navFor(c)} title={t.verifiedTitle} message={t.verified} kind="ok" next={next} />);
});

authPages.get("/forgot-password", (c) => c.html(<ForgotPasswordPage language={pageLanguage(c)} nav={navFor(c)} />));

authPages.post("/forgot-password", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const rawEmail = field(form, "email", 1024) ?? "";
  const address = parseEmail(rawEmail);
  const t = MESSAGES[language];
  const render = (status: 400 | 429, message?: string) => {
    c.status(status);
    return c.html(<ForgotPasswordPage language={language} nav={navFor(c)} email={rawEmail.slice(0, 254)} errors={address ? {} : { email: t.badEmail }} message={message} />);
  };
  if (!address) return render(400);
  const decision = await requestPasswordReset(c.env, address, requestInfo(c), Date.now());
  if (!decision.allowed) return tooManyPage(c, decision.retryAfterMs, (message) => render(429, message));
  return c.html(<MessagePage language={language} nav={navFor(c)} title={t.forgotSentTitle} message={t.forgotSent} kind="ok" />);
});

authPages.get("/reset-password", (c) => {
  const token = (c.req.query("token") ?? "").slice(0, 64);
  return c.html(<ResetPasswordPage language={pageLanguage(c)} nav={navFor(c)} token={token} />);
});

authPages.post("/reset-password", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const token = field(form, "token", 64) ?? "";
  const password = form.password;
  const t = MESSAGES[language];
  const problem = isAcceptablePasswordInput(password) ? checkNewPassword(password) : "password_too_long";
  if (problem || !isAcceptablePasswordInput(password)) {
    c.status(400);
    return c.html(<ResetPasswordPage language={language} nav={navFor(c)} token={token} errors={{ password: passwordMessage(language, problem ?? "password_too_long") }} />);
  }
  if (!(await resetPassword(c.env, token, password, requestInfo(c), Date.now()))) {
    c.status(400);
    return c.html(<MessagePage language={language} nav={navFor(c)} title={t.resetDoneTitle} message={t.badLink} kind="error" next={{ href: "/forgot-password", label: MESSAGES[language].forgotSentTitle }} />);
  }
  // Sessions are gone: this browser's cookie is dead too.
  if (c.var.session) clearSessionCookie(c);
  c.set("session", null);
  return c.html(<MessagePage language={language} nav={navFor(c)} title={t.resetDoneTitle} message={t.resetDone} kind="ok" next={{ href: "/login", label: t.loginLink }} />);
});

authPages.get("/confirm-email", (c) => {
  const token = (c.req.query("token") ?? "").slice(0, 64);
  return c.html(<ConfirmEmailChangePage language={pageLanguage(c)} nav={navFor(c)} token={token} />);
});

authPages.post("/confirm-email", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const token = field(form, "token", 64) ?? "";
  const t = MESSAGES[language];
  if (!(await confirmEmailChange(c.env, token, Date.now()))) {
    c.status(400);
    return c.html(<ConfirmEmailChangePage language={language} nav={navFor(c)} token="" message={t.badLink} />);
  }
  if (c.var.session) clearSessionCookie(c);
  c.set("session", null);
  return c.html(<MessagePage language={language} nav={navFor(c)} title={t.emailChangedTitle} message={t.emailChanged} kind="ok" next={{ href: "/login", label: t.loginLink }} />);
});
