/** The account page of a logged-in user and its forms. Mounted at /account, behind requireAccount(). */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { changePassword, findAccount, hasPrivateToken, logOutEverywhere, regeneratePrivateToken, requestEmailChange, resendVerification } from "../../../accounts";
import { EmailInput, NewPasswordInput, PasswordInput } from "../../../accounts/validation";
import { ACCOUNT_PAYMENTS_SHOWN } from "../../../config";
import type { AppEnv } from "../../../env";
import { createOutbox } from "../../../mail/outbox";
import { newApiTokenMail } from "../../../mail/templates";
import { listConnectedApps, revokeConnectedApp } from "../../../oauth";
import { listAccountPayments } from "../../../payments";
import { createSession, hasRecentPassword } from "../../../sessions";
import { ACCOUNT_TEXT, AccountPage } from "../../../views/account-page";
import { AUTH_MESSAGES } from "../../../views/auth-pages";
import { formValidator } from "../input";
import { accountRequest } from "../../account-request";
import { clearSessionCookie, setSessionCookie } from "../cookies";
import { requireAccount } from "../guards";
import { confirmRecentPassword } from "../recent-password";
import { tooManyPage } from "../too-many-page";
import { passwordMessage } from "./auth";

export const accountPages = new Hono<AppEnv>();
accountPages.use(requireAccount());

const TEXT = {
  fr: {
    resent: "Un nouveau lien de confirmation est parti.", tokenMade: "Nouveau jeton créé.", appRevoked: "Application déconnectée.",
    passwordChanged: "Mot de passe changé ; vos autres sessions sont fermées, le jeton d'API révoqué et les applications déconnectées.", wrongPassword: "Mot de passe actuel incorrect.",
    emailSent: "Un lien de confirmation est parti vers la nouvelle adresse ; l'ancienne a reçu un avis.",
    confirmPassword: "Confirmez avec votre mot de passe.",
  },
  en: {
    resent: "A new confirmation link was sent.", tokenMade: "New token created.", appRevoked: "App disconnected.",
    passwordChanged: "Password changed; your other sessions are closed, the API token revoked and the apps disconnected.", wrongPassword: "Wrong current password.",
    emailSent: "A confirmation link went to the new address; the old one got a notice.",
    confirmPassword: "Confirm with your password.",
  },
} as const;

type Extra = { notice?: string; error?: string; newToken?: string; status?: 200 | 400 | 401 | 429 };

async function renderAccount(c: Context<AppEnv>, extra: Extra = {}) {
  const db = c.var.db;
  const now = Date.now();
  const session = c.var.session!;
  const account = await findAccount(db, session.accountId);
  if (!account) return c.redirect("/login", 303);
  const [token, apps, payments] = await Promise.all([
    hasPrivateToken(db, account.id),
    listConnectedApps(db, account.id, now),
    listAccountPayments(db, { accountId: account.id, limit: ACCOUNT_PAYMENTS_SHOWN }),
  ]);
  c.status(extra.status ?? 200);
  return c.render(
    <AccountPage
      language={c.var.language} email={account.email} emailVerified={account.emailVerifiedAt !== null}
      premiumUntil={account.premiumUntil} now={now} token={token} apps={apps} newToken={extra.newToken} notice={extra.notice} error={extra.error}
      needsPassword={!hasRecentPassword(session, now)} payments={{ language: c.var.language, points: account.points, payments }}
    />,
    { title: ACCOUNT_TEXT[c.var.language].title, currentPath: "/account" },
  );
}

accountPages.get("/", (c) => renderAccount(c));

accountPages.post("/verify-email/resend", async (c) => {
  const decision = await resendVerification(c.var.db, { accountId: c.var.session!.accountId, request: accountRequest(c) }, Date.now());
  if (!decision.allowed) return tooManyPage(c, decision.retryAfterMs, (error) => renderAccount(c, { error, status: 429 }));
  return renderAccount(c, { notice: TEXT[c.var.language].resent });
});

const RecentPasswordForm = v.object({ current_password: v.optional(PasswordInput) });

accountPages.post("/api-token", formValidator(RecentPasswordForm), async (c) => {
  const language = c.var.language;
  const now = Date.now();
  const form = c.req.valid("form");
  const check = await confirmRecentPassword(c, form.ok ? form.value.current_password : undefined, now);
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, (error) => renderAccount(c, { error, status: 429 }));
  if (check.kind !== "success") return renderAccount(c, { error: TEXT[language].confirmPassword, status: 401 });
  const accountId = c.var.session!.accountId;
  const token = await regeneratePrivateToken(c.var.db, { accountId }, now);
  const account = await findAccount(c.var.db, accountId);
  if (account) c.executionCtx.waitUntil(createOutbox(c.env, c.var.db).send(newApiTokenMail(language, account.email)));
  return renderAccount(c, { notice: TEXT[language].tokenMade, newToken: token });
});

/** "Log out everywhere": every session, this one included; with `credentials`, the API token and every app too. */
accountPages.post("/sessions/revoke", formValidator(v.object({ credentials: v.optional(v.string()) })), async (c) => {
  const form = c.req.valid("form");
  const credentials = form.ok && form.value.credentials === "1";
  await logOutEverywhere(c.var.db, { accountId: c.var.session!.accountId, credentials, client: c.var.client }, Date.now());
  c.set("session", null);
  clearSessionCookie(c);
  c.header("Clear-Site-Data", '"cookies"');
  return c.redirect("/login", 303);
});

accountPages.post("/apps/revoke", formValidator(v.object({ family_id: v.pipe(v.string(), v.maxLength(64)) })), async (c) => {
  const form = c.req.valid("form");
  if (form.ok) await revokeConnectedApp(c.var.db, { accountId: c.var.session!.accountId, familyId: form.value.family_id });
  return renderAccount(c, { notice: TEXT[c.var.language].appRevoked });
});

accountPages.post("/password", formValidator(v.object({ current_password: PasswordInput, new_password: NewPasswordInput })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  if (!form.ok) {
    const error = form.errors.current_password ? TEXT[language].wrongPassword : passwordMessage(language, form.errors.new_password ?? "password_too_short");
    return renderAccount(c, { error, status: 400 });
  }
  const now = Date.now();
  const accountId = c.var.session!.accountId;
  const request = accountRequest(c);
  const check = await changePassword(c.var.db, { accountId, sessionId: c.var.session!.id, currentPassword: form.value.current_password, newPassword: form.value.new_password, request }, now);
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, (error) => renderAccount(c, { error, status: 429 }));
  if (check.kind !== "success") return renderAccount(c, { error: TEXT[language].wrongPassword, status: 401 });
  // Every credential ended, this session included: this browser gets a fresh token.
  const { token, session } = await createSession(c.var.db, { accountId, client: c.var.client, userAgent: c.req.header("user-agent") ?? null }, now);
  setSessionCookie(c, token, session.expiresAt, now);
  c.set("session", session);
  return renderAccount(c, { notice: TEXT[language].passwordChanged });
});

accountPages.post("/email", formValidator(v.object({ new_email: EmailInput, current_password: PasswordInput })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  if (!form.ok) return renderAccount(c, { error: form.errors.new_email ? AUTH_MESSAGES[language].badEmail : TEXT[language].wrongPassword, status: 400 });
  const request = accountRequest(c);
  const check = await requestEmailChange(c.var.db, { accountId: c.var.session!.accountId, sessionId: c.var.session!.id, currentPassword: form.value.current_password, address: form.value.new_email, request }, Date.now());
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, (error) => renderAccount(c, { error, status: 429 }));
  if (check.kind !== "success") return renderAccount(c, { error: TEXT[language].wrongPassword, status: 401 });
  return renderAccount(c, { notice: TEXT[language].emailSent });
});
