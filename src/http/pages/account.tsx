/** Pages of a logged-in user: the account page and its forms, and the /device approval. */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { changePassword, checkAccountPassword, findAccount, hasPrivateToken, regeneratePrivateToken, requestEmailChange, resendVerification, type PasswordCheckOutcome } from "../../accounts";
import { admitWindowStatement, combineDecisions, refusal, uncountEvent } from "../../accounts/rate-limits";
import { checkNewPassword, isAcceptablePasswordInput, parseEmail } from "../../accounts/validation";
import { DEVICE_CODE_GUESSES_PER_10_MINUTES } from "../../config";
import { mainDb } from "../../db/client";
import type { AppEnv } from "../../env";
import { networkOf } from "../../lib/network";
import { MINUTE_MS } from "../../lib/time";
import { approveDevice, findPendingDevice, listConnectedApps, normalizeUserCode, revokeConnectedApp } from "../../oauth";
import { sendMail } from "../../mail/outbox";
import { newApiTokenMail, newDeviceMail } from "../../mail/templates";
import { createSession, deleteAccountSessions, hasRecentPassword, markReauthenticated } from "../../sessions";
import { AccountPage } from "../../views/account-page";
import { DeviceApprovePage, DeviceCodePage } from "../../views/device-page";
import { field, readForm } from "../body";
import { clearSessionCookie, setSessionCookie } from "../cookies";
import { loginRedirectPath, MESSAGES, passwordMessage, tooManyPage } from "./auth";
import { navFor, pageLanguage, requestInfo } from "./request-info";

export const accountPages = new Hono<AppEnv>();

const TEXT = {
  fr: {
    resent: "Un nouveau lien de confirmation est parti.", tokenMade: "Nouveau jeton créé.", appRevoked: "Application déconnectée.",
    passwordChanged: "Mot de passe changé ; vos autres sessions sont fermées.", wrongPassword: "Mot de passe actuel incorrect.",
    emailSent: "Un lien de confirmation est parti vers la nouvelle adresse ; l'ancienne a reçu un avis.",
    badCode: "Ce code est inconnu ou expiré.", approved: "Appareil autorisé : l'application peut continuer.",
    confirmPassword: "Confirmez avec votre mot de passe.", loggedOutEverywhere: "Toutes vos sessions sont fermées.",
  },
  en: {
    resent: "A new confirmation link was sent.", tokenMade: "New token created.", appRevoked: "App disconnected.",
    passwordChanged: "Password changed; your other sessions are closed.", wrongPassword: "Wrong current password.",
    emailSent: "A confirmation link went to the new address; the old one got a notice.",
    badCode: "This code is unknown or expired.", approved: "Device authorized: the app can go on.",
    confirmPassword: "Confirm with your password.", loggedOutEverywhere: "All your sessions are closed.",
  },
} as const;

/** Pages for logged-in users: others are sent to the login page, then back. */
function requireAccount(): MiddlewareHandler<AppEnv> {
  return async function requireAccount(c, next) {
    if (!c.var.session) {
      if (c.req.method === "GET") return c.redirect(loginRedirectPath(c), 303);
      return c.redirect("/login", 303);
    }
    return next();
  };
}

accountPages.use("/account", requireAccount());
accountPages.use("/account/*", requireAccount());
accountPages.use("/verify/resend", requireAccount());
accountPages.use("/device", requireAccount());
accountPages.use("/device/*", requireAccount());

function accountId(c: Context<AppEnv>): number {
  return c.var.session!.accountId;
}

async function renderAccount(c: Context<AppEnv>, extra: { notice?: string; error?: string; newToken?: string; status?: 200 | 400 | 401 | 429 } = {}) {
  const db = mainDb(c.env.DB);
  const now = Date.now();
  const account = await findAccount(db, accountId(c));
  if (!account) return c.redirect("/login", 303);
  const [token, apps] = await Promise.all([hasPrivateToken(db, account.id), listConnectedApps(db, account.id, now)]);
  c.status(extra.status ?? 200);
  return c.html(
    <AccountPage
      language={pageLanguage(c)} nav={navFor(c)} email={account.email} emailVerified={account.emailVerifiedAt !== null}
      premiumUntil={account.premiumUntil} now={now} token={token} apps={apps} newToken={extra.newToken} notice={extra.notice} error={extra.error}
      needsPassword={!hasRecentPassword(c.var.session!, now)}
    />,
  );
}

accountPages.get("/account", (c) => renderAccount(c));

accountPages.post("/verify/resend", async (c) => {
  const decision = await resendVerification(c.env, accountId(c), requestInfo(c), Date.now());
  if (!decision.allowed) return tooManyPage(c, decision.retryAfterMs, (message) => renderAccount(c, { error: message, status: 429 }));
  return renderAccount(c, { notice: TEXT[pageLanguage(c)].resent });
});

/**
 * Sensitive actions need the password typed in the last 10 minutes: either the session has it,
 * or the form carries it (and then the session remembers it).
 */
async function confirmRecentPassword(c: Context<AppEnv>, form: Record<string, string>, now: number): Promise<PasswordCheckOutcome> {
  const session = c.var.session!;
  if (hasRecentPassword(session, now)) return { kind: "success" };
  const password = form.current_password;
  if (!isAcceptablePasswordInput(password)) return { kind: "invalid" };
  const check = await checkAccountPassword(c.env, session.accountId, password, requestInfo(c), now);
  if (check.kind !== "success") return check;
  await markReauthenticated(mainDb(c.env.DB), session.id, now);
  c.set("session", { ...session, reauthenticatedAt: now });
  return check;
}

accountPages.post("/account/api-token", async (c) => {
  const language = pageLanguage(c);
  const now = Date.now();
  const check = await confirmRecentPassword(c, await readForm(c), now);
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, (message) => renderAccount(c, { error: message, status: 429 }));
  if (check.kind !== "success") return renderAccount(c, { error: TEXT[language].confirmPassword, status: 401 });
  const db = mainDb(c.env.DB);
  const token = await regeneratePrivateToken(db, accountId(c), now);
  const account = await findAccount(db, accountId(c));
  if (account) c.executionCtx.waitUntil(sendMail(c.env, newApiTokenMail(language, account.email)));
  return renderAccount(c, { notice: TEXT[language].tokenMade, newToken: token });
});

accountPages.post("/account/sessions/revoke", async (c) => {
  await deleteAccountSessions(mainDb(c.env.DB), accountId(c));
  c.set("session", null);
  clearSessionCookie(c);
  c.header("Clear-Site-Data", '"cookies"');
  return c.redirect("/login", 303);
});

accountPages.post("/account/apps/revoke", async (c) => {
  const form = await readForm(c);
  const familyId = field(form, "family_id", 64);
  if (familyId) await revokeConnectedApp(mainDb(c.env.DB), accountId(c), familyId);
  return renderAccount(c, { notice: TEXT[pageLanguage(c)].appRevoked });
});

accountPages.post("/account/password", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const current = form.current_password;
  const next = form.new_password;
  if (!isAcceptablePasswordInput(current)) return renderAccount(c, { error: TEXT[language].wrongPassword, status: 400 });
  const problem = isAcceptablePasswordInput(next) ? checkNewPassword(next) : "password_too_long";
  if (problem || !isAcceptablePasswordInput(next)) return renderAccount(c, { error: passwordMessage(language, problem ?? "password_too_long"), status: 400 });
  const now = Date.now();
  const check = await changePassword(c.env, accountId(c), current, next, requestInfo(c), now);
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, (message) => renderAccount(c, { error: message, status: 429 }));
  if (check.kind !== "success") return renderAccount(c, { error: TEXT[language].wrongPassword, status: 401 });
  // Every session ended, this one included: this browser gets a fresh token.
  const { token, session } = await createSession(mainDb(c.env.DB), accountId(c), now);
  setSessionCookie(c, token, session.expiresAt, now);
  c.set("session", session);
  return renderAccount(c, { notice: TEXT[language].passwordChanged });
});

accountPages.post("/account/email", async (c) => {
  const language = pageLanguage(c);
  const form = await readForm(c);
  const address = parseEmail(field(form, "new_email", 1024));
  const current = form.current_password;
  if (!address) return renderAccount(c, { error: MESSAGES[language].badEmail, status: 400 });
  if (!isAcceptablePasswordInput(current)) return renderAccount(c, { error: TEXT[language].wrongPassword, status: 400 });
  const check = await requestEmailChange(c.env, accountId(c), current, address, requestInfo(c), Date.now());
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, (message) => renderAccount(c, { error: message, status: 429 }));
  if (check.kind !== "success") return renderAccount(c, { error: TEXT[language].wrongPassword, status: 401 });
  return renderAccount(c, { notice: TEXT[language].emailSent });
});

accountPages.get("/device", (c) => c.html(<DeviceCodePage language={pageLanguage(c)} nav={navFor(c)} code={(c.req.query("code") ?? "").slice(0, 16)} />));

/**
 * Wrong codes are counted per session and per network: 5 per 10 minutes. Each try is counted
 * before the lookup (one atomic upsert per counter, so parallel guesses cannot pass the limit);
 * a right code takes its count back.
 */
async function findDeviceOrCount(c: Context<AppEnv>, rawCode: string | undefined) {
  const now = Date.now();
  const db = mainDb(c.env.DB);
  const language = pageLanguage(c);
  const keys = [`device-guess:session:${c.var.session!.id}`, `device-guess:network:${networkOf(c.var.client.ip)}`] as const;
  const render = (status: 400 | 429, message: string) => {
    c.status(status);
    return c.html(<DeviceCodePage language={language} nav={navFor(c)} code={(rawCode ?? "").slice(0, 16)} message={message} />);
  };
  const admitted = await db.batch([
    admitWindowStatement(db, keys[0], DEVICE_CODE_GUESSES_PER_10_MINUTES, 10 * MINUTE_MS, now),
    admitWindowStatement(db, keys[1], DEVICE_CODE_GUESSES_PER_10_MINUTES, 10 * MINUTE_MS, now),
  ]);
  const refused = keys.filter((_, i) => !admitted[i]![0]);
  if (refused.length > 0) {
    const decision = combineDecisions(await Promise.all(refused.map((key) => refusal(db, key, DEVICE_CODE_GUESSES_PER_10_MINUTES, 10 * MINUTE_MS, now))));
    return { response: tooManyPage(c, decision.allowed ? 1000 : decision.retryAfterMs, (message) => render(429, message)) };
  }
  const userCode = normalizeUserCode(rawCode ?? "");
  const device = userCode ? await findPendingDevice(db, userCode, now) : null;
  if (!device) return { response: render(400, TEXT[language].badCode) };
  await db.batch([uncountEvent(db, keys[0], now), uncountEvent(db, keys[1], now)]);
  return { device };
}

accountPages.post("/device", async (c) => {
  const form = await readForm(c);
  const found = await findDeviceOrCount(c, field(form, "user_code", 64));
  if (!found.device) return found.response;
  return c.html(<DeviceApprovePage language={pageLanguage(c)} nav={navFor(c)} userCode={found.device.userCode} appName={found.device.clientName} place={placeOf(found.device)} needsPassword={!hasRecentPassword(c.var.session!, Date.now())} />);
});

function placeOf(device: { city: string | null; country: string | null }): string | null {
  return [device.city, device.country].filter(Boolean).join(", ") || null;
}

accountPages.post("/device/approve", async (c) => {
  const form = await readForm(c);
  const found = await findDeviceOrCount(c, field(form, "user_code", 64));
  if (!found.device) return found.response;
  const language = pageLanguage(c);
  const now = Date.now();
  const device = found.device;
  const check = await confirmRecentPassword(c, form, now);
  const approvePage = (message: string) =>
    c.html(<DeviceApprovePage language={language} nav={navFor(c)} userCode={device.userCode} appName={device.clientName} place={placeOf(device)} needsPassword message={message} />);
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, approvePage);
  if (check.kind !== "success") {
    c.status(401);
    return c.html(<DeviceApprovePage language={language} nav={navFor(c)} userCode={device.userCode} appName={device.clientName} place={placeOf(device)} needsPassword message={TEXT[language].confirmPassword} />);
  }
  const db = mainDb(c.env.DB);
  if (!(await approveDevice(db, device.userCode, accountId(c), now))) {
    c.status(400);
    return c.html(<DeviceCodePage language={language} nav={navFor(c)} message={TEXT[language].badCode} />);
  }
  const account = await findAccount(db, accountId(c));
  if (account) c.executionCtx.waitUntil(sendMail(c.env, newDeviceMail(language, account.email, device.clientName, placeOf(device))));
  return c.html(<DeviceCodePage language={language} nav={navFor(c)} notice={TEXT[language].approved} />);
});
