/** Pages of signing up and in: register, login (and its code step), logout, email verification, forgotten password, email change. */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { confirmEmailChange, logIn, registerAccount, requestPasswordReset, resetPassword, verifyEmail, verifyEmailWithCode, verifyLoginCode } from "../../../accounts";
import { EmailInput, NewPasswordInput, PasswordInput, parseEmail, type PasswordProblem } from "../../../accounts/validation";
import type { AppEnv } from "../../../env";
import type { Language } from "../../../lib/language";
import { createSession, deleteSession, type Session } from "../../../sessions";
import {
  AUTH_MESSAGES,
  AUTH_TEXT,
  ConfirmEmailChangePage,
  ForgotPasswordPage,
  LoginPage,
  LogoutPage,
  MessagePage,
  RegisterPage,
  ResetPasswordPage,
  VerifyEmailPage,
} from "../../../views/auth-pages";
import { LOGIN_CODE_MESSAGES, LOGIN_CODE_TEXT, LoginCodePage } from "../../../views/login-code-page";
import { CodeForm, ResendCodeForm, resendCodeStep, retryCodeStep } from "../code-step";
import { tooManyPage } from "../too-many-page";
import { formValidator, pageQuery } from "../input";
import { accountRequest } from "../../account-request";
import { currentPolicyOf } from "../policy";
import { clearSessionCookie, setSessionCookie } from "../cookies";

export const authPages = new Hono<AppEnv>();

/** What was typed in a field, for showing the form again (never a password). */
const typed = (raw: Record<string, unknown>, name: string, max = 254) => (typeof raw[name] === "string" ? (raw[name] as string).slice(0, max) : "");

/** A token from a mailed link: opaque, bounded. */
const Token = v.pipe(v.string(), v.maxLength(64));
const TokenQuery = v.object({ token: v.optional(v.fallback(Token, ""), "") });

export function passwordMessage(language: Language, problem: string): string {
  const messages = AUTH_MESSAGES[language];
  return problem in messages && problem.startsWith("password_") ? messages[problem as PasswordProblem]() : messages.password_too_short();
}


/**
 * A `next` path (path and query) that stays on this site: it must start with one "/" (not "//" or
 * "/\\", which browsers read as another host) and hold no control characters; else null.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 512 || !value.startsWith("/") || value[1] === "/" || value[1] === "\\") return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  return value;
}

function message(c: Context<AppEnv>, title: string, text: string, options: { kind?: "ok" | "error"; next?: { href: string; label: string } } = {}) {
  return c.render(<MessagePage language={c.var.language} title={title} message={text} kind={options.kind} next={options.next} />, { title });
}

authPages.get("/register", (c) => c.render(<RegisterPage language={c.var.language} policy={currentPolicyOf(c)} />, { title: AUTH_TEXT[c.var.language].registerTitle, currentPath: "/register" }));

authPages.post("/register", formValidator(v.object({ email: EmailInput, password: NewPasswordInput })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const t = AUTH_MESSAGES[language];
  const render = (status: 400 | 429, errors: Record<string, string>, notice?: string) => {
    c.status(status);
    const fieldErrors = { email: errors.email ? t.badEmail : undefined, password: errors.password ? passwordMessage(language, errors.password) : undefined };
    return c.render(<RegisterPage language={language} policy={currentPolicyOf(c)} email={typed(form.raw, "email")} errors={fieldErrors} message={notice} />, { title: AUTH_TEXT[language].registerTitle, currentPath: "/register" });
  };
  if (!form.ok) return render(400, form.errors);
  const outcome = await registerAccount(c.var.db, { address: form.value.email, password: form.value.password, request: accountRequest(c), policyVersion: currentPolicyOf(c).number }, Date.now());
  if (outcome.kind === "rate_limited") return tooManyPage(c, outcome.retryAfterMs, (notice) => render(429, {}, notice));
  return message(c, t.checkMailTitle, t.checkMail(), { kind: "ok" });
});

const LoginQuery = v.object({ next: v.optional(v.fallback(v.string(), "")) });

authPages.get("/login", pageQuery("query", LoginQuery), (c) => {
  const next = safeNext(c.req.valid("query").next);
  return c.render(<LoginPage language={c.var.language} next={next} />, { title: AUTH_TEXT[c.var.language].loginTitle, currentPath: "/login" });
});

authPages.post("/login", formValidator(v.object({ email: v.string(), password: PasswordInput, next: v.optional(v.string()) })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  // The way back comes in the form (a hidden field of the login page), or else the query.
  const next = safeNext(form.raw.next ?? c.req.query("next"));
  const render = (status: 401 | 429, text: string) => {
    c.status(status);
    return c.render(<LoginPage language={language} email={typed(form.raw, "email")} message={text} next={next} />, { title: AUTH_TEXT[language].loginTitle, currentPath: "/login" });
  };
  if (!form.ok) return render(401, AUTH_MESSAGES[language].invalidLogin);
  const now = Date.now();
  const db = c.var.db;
  const request = accountRequest(c);
  const outcome = await logIn(db, { address: parseEmail(form.value.email), password: form.value.password, request, next }, now);
  if (outcome.kind === "throttled") return tooManyPage(c, outcome.retryAfterMs, (text) => render(429, text));
  if (outcome.kind === "invalid") return render(401, AUTH_MESSAGES[language].invalidLogin);
  // A right password from a new place (or an unused network under attack): no session until the mailed code.
  if (outcome.kind === "challenge") return renderCodeStep(c, { challenge: outcome.token, reason: outcome.reason });
  await enterSession(c, await createSession(db, { accountId: outcome.accountId, client: request.client, userAgent: request.userAgent }, now), now);
  return c.redirect(next ?? "/account", 303);
});

/**
 * Gives the browser the session a login started (password, or password and code). A new token at
 * every login, and the one the browser had before ends: a token planted before login (session
 * fixation) is worthless.
 */
async function enterSession(c: Context<AppEnv>, started: { token: string; session: Session }, now: number): Promise<void> {
  if (c.var.session) await deleteSession(c.var.db, { sessionId: c.var.session.id });
  c.set("accountId", started.session.accountId);
  setSessionCookie(c, started.token, started.session.expiresAt, now);
}

function renderCodeStep(c: Context<AppEnv>, props: { challenge: string; reason?: "new_place" | "unusual_activity"; message?: string; notice?: string; exhausted?: boolean }) {
  const title = LOGIN_CODE_TEXT[c.var.language].title;
  return c.render(<LoginCodePage language={c.var.language} purpose="login" action="/login/code" {...props} />, { title, currentPath: "/login" });
}

/** The answer to a sign-in request that is gone (used, expired, unknown): sign in again. */
function deadLoginCode(c: Context<AppEnv>) {
  const language = c.var.language;
  c.status(400);
  return message(c, LOGIN_CODE_TEXT[language].title, LOGIN_CODE_MESSAGES[language].dead, { kind: "error", next: { href: "/login", label: AUTH_MESSAGES[language].loginLink } });
}

authPages.post("/login/code", formValidator(CodeForm), async (c) => {
  const form = c.req.valid("form");
  const now = Date.now();
  const challenge = form.ok ? form.value.challenge : "";
  const check = form.ok ? await verifyLoginCode(c.var.db, { token: challenge, code: form.value.code ?? "", purpose: "login", request: accountRequest(c) }, now) : ({ kind: "dead" } as const);
  if (check.kind === "signed_in") {
    await enterSession(c, check, now);
    return c.redirect(safeNext(check.next) ?? "/account", 303);
  }
  if (check.kind === "wrong" || check.kind === "exhausted") return retryCodeStep(c, challenge, check, (props) => renderCodeStep(c, props));
  return deadLoginCode(c);
});

authPages.post("/login/code/resend", formValidator(ResendCodeForm), (c) =>
  resendCodeStep(c, c.req.valid("form"), { purpose: "login", render: (props) => renderCodeStep(c, props), dead: () => deadLoginCode(c) }),
);

authPages.get("/logout", (c) => {
  const t = AUTH_MESSAGES[c.var.language];
  if (!c.var.session) return message(c, t.loggedOutTitle, t.loggedOut, { next: { href: "/login", label: t.loginLink } });
  return c.render(<LogoutPage language={c.var.language} title={t.loggedOutTitle} question={t.logoutQuestion} button={t.logoutButton} />, { title: t.loggedOutTitle, currentPath: "/logout" });
});

authPages.post("/logout", async (c) => {
  if (c.var.session) await deleteSession(c.var.db, { sessionId: c.var.session.id });
  c.set("session", null);
  clearSessionCookie(c);
  c.header("Clear-Site-Data", '"cookies"');
  const t = AUTH_MESSAGES[c.var.language];
  return message(c, t.loggedOutTitle, t.loggedOut, { kind: "ok", next: { href: "/login", label: t.loginLink } });
});

authPages.get("/verify", pageQuery("query", TokenQuery), (c) => {
  const { token } = c.req.valid("query");
  return c.render(<VerifyEmailPage language={c.var.language} token={token} />, { title: AUTH_TEXT[c.var.language].verifyTitle });
});

authPages.post("/verify", formValidator(v.object({ token: v.optional(Token), email: v.optional(v.string()), code: v.optional(v.pipe(v.string(), v.maxLength(16))) })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const t = AUTH_MESSAGES[language];
  const now = Date.now();
  // The mailed link posts its token; a person types the address and the short code instead.
  const token = form.ok ? (form.value.token ?? "").trim().toUpperCase() : "";
  const address = form.ok && !token ? parseEmail(form.value.email) : null;
  const verified =
    form.ok && (token ? await verifyEmail(c.var.db, { token }, now) : address !== null && (await verifyEmailWithCode(c.var.db, { address, code: form.value.code ?? "" }, now)));
  if (!verified) {
    c.status(400);
    return c.render(<VerifyEmailPage language={language} token="" email={typed(form.raw, "email")} message={token ? t.badLink : t.badCode()} />, { title: AUTH_TEXT[language].verifyTitle });
  }
  const next = c.var.session ? { href: "/account", label: t.accountLink } : { href: "/login", label: t.loginLink };
  return message(c, t.verifiedTitle, t.verified, { kind: "ok", next });
});

authPages.get("/forgot-password", (c) => c.render(<ForgotPasswordPage language={c.var.language} />, { title: AUTH_TEXT[c.var.language].forgotTitle }));

authPages.post("/forgot-password", formValidator(v.object({ email: EmailInput })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const t = AUTH_MESSAGES[language];
  const render = (status: 400 | 429, notice?: string) => {
    c.status(status);
    return c.render(<ForgotPasswordPage language={language} email={typed(form.raw, "email")} errors={form.ok ? {} : { email: t.badEmail }} message={notice} />, {
      title: AUTH_TEXT[language].forgotTitle,
    });
  };
  if (!form.ok) return render(400);
  const decision = await requestPasswordReset(c.var.db, { address: form.value.email, request: accountRequest(c) }, Date.now());
  if (!decision.allowed) return tooManyPage(c, decision.retryAfterMs, (notice) => render(429, notice));
  return message(c, t.forgotSentTitle, t.forgotSent(), { kind: "ok" });
});

authPages.get("/reset-password", pageQuery("query", TokenQuery), (c) => {
  const { token } = c.req.valid("query");
  return c.render(<ResetPasswordPage language={c.var.language} token={token} />, { title: AUTH_TEXT[c.var.language].resetTitle });
});

authPages.post("/reset-password", formValidator(v.object({ token: Token, password: NewPasswordInput })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const t = AUTH_MESSAGES[language];
  if (!form.ok && form.errors.password) {
    c.status(400);
    return c.render(<ResetPasswordPage language={language} token={typed(form.raw, "token", 64)} errors={{ password: passwordMessage(language, form.errors.password) }} />, {
      title: AUTH_TEXT[language].resetTitle,
    });
  }
  if (!form.ok || !(await resetPassword(c.var.db, { token: form.value.token, newPassword: form.value.password, request: accountRequest(c) }, Date.now()))) {
    c.status(400);
    return message(c, t.resetDoneTitle, t.badLink, { kind: "error", next: { href: "/forgot-password", label: t.forgotSentTitle } });
  }
  // Sessions are gone: this browser's cookie is dead too.
  if (c.var.session) clearSessionCookie(c);
  c.set("session", null);
  return message(c, t.resetDoneTitle, t.resetDone, { kind: "ok", next: { href: "/login", label: t.loginLink } });
});

authPages.get("/confirm-email", pageQuery("query", TokenQuery), (c) => {
  const { token } = c.req.valid("query");
  return c.render(<ConfirmEmailChangePage language={c.var.language} token={token} />, { title: AUTH_TEXT[c.var.language].confirmEmailTitle });
});

authPages.post("/confirm-email", formValidator(v.object({ token: Token })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const t = AUTH_MESSAGES[language];
  if (!form.ok || !(await confirmEmailChange(c.var.db, { token: form.value.token }, Date.now()))) {
    c.status(400);
    return c.render(<ConfirmEmailChangePage language={language} token="" message={t.badLink} />, { title: AUTH_TEXT[language].confirmEmailTitle });
  }
  if (c.var.session) clearSessionCookie(c);
  c.set("session", null);
  return message(c, t.emailChangedTitle, t.emailChanged, { kind: "ok", next: { href: "/login", label: t.loginLink } });
});
