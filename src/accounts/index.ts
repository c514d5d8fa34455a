/**
 * Accounts: registration, login (login.ts) and the new-place check (login-challenges.ts), email
 * verification, password reset and change (which revoke every credential: credentials.ts), email
 * change, private API tokens, locks (lock.ts). Answers never tell whether an email is registered.
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { placeOf, recordSecurityEventStatement, rememberPlaceStatement } from "../account-security";
import {
  CHANGE_EMAIL_TOKEN_LIFETIME_MS,
  EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR,
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
  PASSWORD_RESETS_PER_NETWORK_PER_HOUR,
  RESET_PASSWORD_TOKEN_LIFETIME_MS,
  SIGNUPS_PER_NETWORK_PER_HOUR,
  VERIFICATION_RESENDS_PER_HOUR,
  VERIFY_CODE_LENGTH,
  VERIFY_CODE_MAX_ATTEMPTS,
  VERIFY_EMAIL_TOKEN_LIFETIME_MS,
} from "../config";
import type { MainDb } from "../db/client";
import { accounts, apiTokens, emailTokens } from "../db/schema";
import { normalizeHumanCode, randomToken, sha256Hex, timingSafeEqualStrings } from "../lib/crypto";
import { networkOf } from "../lib/network";
import { HOUR_MS } from "../lib/time";
import {
  alreadyRegisteredMail,
  changeEmailConfirmMail,
  changeEmailNoticeMail,
  changePasswordMail,
  passwordChangedMail,
  resetPasswordMail,
  verificationMail,
} from "../mail/templates";
import type { ClientContext } from "../request-context/client-context";
import { deleteAccountSessions } from "../sessions";
import { accountLanguage, findAccount, findAccountByEmail, mailLink, type AccountRequest } from "./common";
import { revokeCredentialsStatements } from "./credentials";
import { consumeEmailToken, hashVerifyCode, issueEmailToken } from "./email-tokens";
import { checkSessionPassword, type PasswordCheckOutcome } from "./login";
import { hashPassword } from "./password-hash";
import { admitWindow, type RateDecision } from "./rate-limits";
import type { EmailAddress } from "./validation";

export { accountLanguage, findAccount, type Account, type AccountRequest } from "./common";
export { revokeCredentialsStatements } from "./credentials";
export { logIn, stepUpDelayMs, type LoginOutcome, type PasswordCheckOutcome } from "./login";
export { resendLoginCode, verifyLoginCode, createLoginChallenge, type ChallengePurpose, type CodeCheck } from "./login-challenges";
export { lockAccount, requestUnlockLink, unlockAccount, type LockMailer } from "./lock";

/** Mails a fresh verification link and code to an account's address. */
async function sendVerification(db: MainDb, accountId: number, email: string, request: AccountRequest, now: number): Promise<void> {
  const { token, code } = await issueEmailToken(db, accountId, "verify_email", VERIFY_EMAIL_TOKEN_LIFETIME_MS, now);
  await request.outbox.send(verificationMail(request.language, email, mailLink(request.siteOrigin, "/verify", token), code!));
}

export type RegisterOutcome = { kind: "accepted" } | { kind: "rate_limited"; retryAfterMs: number };

/**
 * Registers an address. Known and unknown addresses get the same outcome and the same work (a
 * hash, a mail), so the answer reveals nothing; the mail tells the owner which case it was. The
 * privacy policy version accepted is recorded with the account.
 */
export async function registerAccount(
  db: MainDb,
  input: { address: EmailAddress; password: string; request: AccountRequest; /** The privacy policy version the sign-up page showed. */ policyVersion: number },
  now: number,
): Promise<RegisterOutcome> {
  const { address, request } = input;
  const decision = await admitWindow(db, `signup:${networkOf(request.client.ip)}`, SIGNUPS_PER_NETWORK_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) return { kind: "rate_limited", retryAfterMs: decision.retryAfterMs };
  const passwordHash = await hashPassword(input.password, request.pepper);
  const client = request.client;
  const [created] = await db
    .insert(accounts)
    .values({
      email: address.email,
      emailNormalized: address.normalized,
      passwordHash,
      locale: request.language,
      createdAt: now,
      policyVersionAccepted: input.policyVersion,
      signupIp: client.ip,
      signupCountry: client.country,
      signupRegion: client.region,
      signupCity: client.city,
      signupLatitude: client.latitude,
      signupLongitude: client.longitude,
      signupAsn: client.asn,
      signupAsOrganization: client.asOrganization,
    })
    .onConflictDoNothing({ target: accounts.emailNormalized })
    .returning({ id: accounts.id });
  // Both cases defer their work (a token batch and a mail) past the response, so their timing matches.
  if (created) {
    // The sign-up place is the account's first known place: signing in from there needs no code.
    request.defer(rememberPlaceStatement(db, { accountId: created.id, place: placeOf(client) }, now).then(() => sendVerification(db, created.id, address.email, request, now)));
  } else {
    request.defer(request.outbox.send(alreadyRegisteredMail(request.language, address.email, mailLink(request.siteOrigin, "/login"), mailLink(request.siteOrigin, "/forgot-password"))));
  }
  return { kind: "accepted" };
}

/** Marks the address of a verification token as verified; false when the token is no good. */
export async function verifyEmail(db: MainDb, input: { token: string }, now: number): Promise<boolean> {
  const row = await consumeEmailToken(db, input.token, "verify_email", now);
  if (!row) return false;
  await db.update(accounts).set({ emailVerifiedAt: now }).where(and(eq(accounts.id, row.accountId), isNull(accounts.emailVerifiedAt)));
  return true;
}

/**
 * Marks an address verified by the short code of its verification mail. Each try is counted
 * before the comparison (so parallel guesses cannot pass the limit); at the limit the code dies.
 * Unknown addresses, wrong, used and expired codes all answer false.
 */
export async function verifyEmailWithCode(db: MainDb, input: { address: EmailAddress; code: string }, now: number): Promise<boolean> {
  const code = normalizeHumanCode(input.code, VERIFY_CODE_LENGTH);
  const account = await findAccountByEmail(db, input.address.normalized);
  const row = account ? await db.query.emailTokens.findFirst({ where: and(eq(emailTokens.accountId, account.id), eq(emailTokens.purpose, "verify_email")) }) : undefined;
  if (!account || !row?.codeHash || row.expiresAt <= now || !code) return false;
  const [counted] = await db
    .update(emailTokens)
    .set({ codeAttempts: sql`${emailTokens.codeAttempts} + 1` })
    .where(and(eq(emailTokens.id, row.id), lt(emailTokens.codeAttempts, VERIFY_CODE_MAX_ATTEMPTS)))
    .returning({ attempts: emailTokens.codeAttempts });
  if (!counted) {
    await db.delete(emailTokens).where(eq(emailTokens.id, row.id));
    return false;
  }
  if (!timingSafeEqualStrings(await hashVerifyCode(account.id, code), row.codeHash)) return false;
  await db.batch([
    db.delete(emailTokens).where(eq(emailTokens.id, row.id)),
    db.update(accounts).set({ emailVerifiedAt: now }).where(and(eq(accounts.id, account.id), isNull(accounts.emailVerifiedAt))),
  ]);
  return true;
}

/** Sends a fresh verification link to an unverified account, at most a few times an hour. */
export async function resendVerification(db: MainDb, input: { accountId: number; request: AccountRequest }, now: number): Promise<RateDecision> {
  const account = await findAccount(db, input.accountId);
  if (!account || account.emailVerifiedAt !== null) return { allowed: true };
  const decision = await admitWindow(db, `resend-verification:${account.id}`, VERIFICATION_RESENDS_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) return decision;
  input.request.defer(sendVerification(db, account.id, account.email, input.request, now));
  return { allowed: true };
}

/** Mails a reset link when the address has an account; says nothing either way. */
export async function requestPasswordReset(db: MainDb, input: { address: EmailAddress; request: AccountRequest }, now: number): Promise<RateDecision> {
  const { address, request } = input;
  const decision = await admitWindow(db, `reset:${networkOf(request.client.ip)}`, PASSWORD_RESETS_PER_NETWORK_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) return decision;
  // The lookup, token and mail all happen after the response, so known and unknown addresses look alike.
  request.defer(
    (async () => {
      // A few mails per address an hour, known or not (so the cap reveals nothing); past it, silence.
      const perAddress = await admitWindow(db, `reset-address:${await sha256Hex(address.normalized)}`, PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, HOUR_MS, now);
      if (!perAddress.allowed) return;
      const account = await findAccountByEmail(db, address.normalized);
      if (!account) return;
      const { token } = await issueEmailToken(db, account.id, "reset_password", RESET_PASSWORD_TOKEN_LIFETIME_MS, now);
      await request.outbox.send(resetPasswordMail(request.language, account.email, mailLink(request.siteOrigin, "/reset-password", token)));
    })(),
  );
  return { allowed: true };
}

/** Sets a new password from a reset token and ends every session; false when the token is no good. */
export async function resetPassword(db: MainDb, input: { token: string; newPassword: string; request: AccountRequest }, now: number): Promise<boolean> {
  const row = await consumeEmailToken(db, input.token, "reset_password", now);
  if (!row) return false;
  // Whoever could read the mail could verify the address too (set in the same batch as the password).
  await setPassword(db, { accountId: row.accountId, newPassword: input.newPassword, request: input.request, verifiedAt: now, kind: "password_reset" }, now);
  return true;
}

/**
 * Sets a new password and revokes every credential in one batch (every session — a password change
 * then starts a fresh one for the browser that asked —, the private API token, every app's tokens
 * and credentials); `verifiedAt` also marks the address verified. The owner gets a mail, and the
 * security page an event.
 */
async function setPassword(
  db: MainDb,
  input: { accountId: number; newPassword: string; request: AccountRequest; verifiedAt?: number; kind: "password_changed" | "password_reset" },
  now: number,
): Promise<void> {
  const { accountId, request, verifiedAt } = input;
  const passwordHash = await hashPassword(input.newPassword, request.pepper);
  const [account] = await db.batch([
    db
      .update(accounts)
      .set({ passwordHash, ...(verifiedAt === undefined ? {} : { emailVerifiedAt: sql`COALESCE(${accounts.emailVerifiedAt}, ${verifiedAt})` }) })
      .where(eq(accounts.id, accountId))
      .returning({ email: accounts.email, locale: accounts.locale }),
    ...revokeCredentialsStatements(db, { accountId }),
    recordSecurityEventStatement(db, { accountId, kind: input.kind, client: request.client }, now),
  ]);
  if (account[0]) request.defer(request.outbox.send(passwordChangedMail(accountLanguage(account[0]), account[0].email)));
}

/** Checks a re-entered current password in a session (throttled per session; see checkSessionPassword). */
export async function checkAccountPassword(db: MainDb, input: { accountId: number; sessionId: number; password: string; request: AccountRequest }, now: number): Promise<PasswordCheckOutcome> {
  const account = await findAccount(db, input.accountId);
  if (!account) return { kind: "invalid" };
  return checkSessionPassword(db, { account, sessionId: input.sessionId, password: input.password, request: input.request }, now);
}

/**
 * Changes the password after checking the current one; revokes every credential, the session
 * `sessionId` included (the caller starts a fresh one for this browser, so its token changes too).
 */
export async function changePassword(
  db: MainDb,
  input: { accountId: number; sessionId: number; currentPassword: string; newPassword: string; request: AccountRequest },
  now: number,
): Promise<PasswordCheckOutcome> {
  const check = await checkAccountPassword(db, { accountId: input.accountId, sessionId: input.sessionId, password: input.currentPassword, request: input.request }, now);
  if (check.kind === "success") await setPassword(db, { accountId: input.accountId, newPassword: input.newPassword, request: input.request, kind: "password_changed" }, now);
  return check;
}

/**
 * Real-Debrid's `settings/changePassword`: mails the owner a link to choose a new password (the
 * reset page, whose new password revokes every credential). A few mails an hour per account.
 */
export async function mailPasswordChangeLink(db: MainDb, input: { accountId: number; request: AccountRequest }, now: number): Promise<RateDecision> {
  const account = await findAccount(db, input.accountId);
  if (!account) return { allowed: true };
  const decision = await admitWindow(db, `reset-address:${await sha256Hex(account.emailNormalized)}`, PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) return decision;
  const { token } = await issueEmailToken(db, account.id, "reset_password", RESET_PASSWORD_TOKEN_LIFETIME_MS, now);
  await input.request.outbox.send(changePasswordMail(accountLanguage(account), account.email, mailLink(input.request.siteOrigin, "/reset-password", token)));
  return { allowed: true };
}

/** "Log out everywhere": ends every session and, with `credentials`, the API token and every app too, as a password change does. */
export async function logOutEverywhere(db: MainDb, input: { accountId: number; credentials: boolean; client: ClientContext }, now: number): Promise<void> {
  const { accountId } = input;
  const [endSessions, ...otherCredentials] = revokeCredentialsStatements(db, { accountId });
  await db.batch([
    endSessions,
    ...(input.credentials ? otherCredentials : []),
    recordSecurityEventStatement(db, { accountId, kind: input.credentials ? "credentials_revoked" : "sessions_revoked", client: input.client }, now),
  ]);
}

/** Sends a confirmation link to the new address and a notice to the old one. */
export async function requestEmailChange(
  db: MainDb,
  input: { accountId: number; sessionId: number; currentPassword: string; address: EmailAddress; request: AccountRequest },
  now: number,
): Promise<PasswordCheckOutcome> {
  const { accountId, address, request } = input;
  const check = await checkAccountPassword(db, { accountId, sessionId: input.sessionId, password: input.currentPassword, request }, now);
  if (check.kind !== "success") return check;
  const decision = await admitWindow(db, `email-change:${accountId}`, EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) return { kind: "throttled", retryAfterMs: decision.retryAfterMs };
  const account = await findAccount(db, accountId);
  if (!account) return { kind: "invalid" };
  const { token } = await issueEmailToken(db, accountId, "change_email", CHANGE_EMAIL_TOKEN_LIFETIME_MS, now, address.email);
  request.defer(request.outbox.send(changeEmailConfirmMail(request.language, address.email, mailLink(request.siteOrigin, "/confirm-email", token))));
  request.defer(request.outbox.send(changeEmailNoticeMail(request.language, account.email, address.email)));
  return check;
}

/** Applies a confirmed email change and ends every session; false when the token is no good or the address got taken. */
export async function confirmEmailChange(db: MainDb, input: { token: string }, now: number): Promise<boolean> {
  const row = await consumeEmailToken(db, input.token, "change_email", now);
  if (!row?.newEmail) return false;
  try {
    await db.batch([
      db.update(accounts).set({ email: row.newEmail, emailNormalized: row.newEmail.toLowerCase(), emailVerifiedAt: now }).where(eq(accounts.id, row.accountId)),
      deleteAccountSessions(db, { accountId: row.accountId }),
    ]);
  } catch {
    // The unique index refused it: the address got an account meanwhile.
    return false;
  }
  return true;
}

/** Replaces the account's private API token; returns the new token, shown once. */
export async function regeneratePrivateToken(db: MainDb, input: { accountId: number }, now: number): Promise<string> {
  const { accountId } = input;
  const token = randomToken(32);
  await db.batch([
    db.delete(apiTokens).where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.kind, "private"))),
    db.insert(apiTokens).values({ accountId, kind: "private", tokenHash: await sha256Hex(token), createdAt: now }),
  ]);
  return token;
}

export async function hasPrivateToken(db: MainDb, accountId: number): Promise<{ createdAt: number; lastUsedAt: number | null } | null> {
  const row = await db.query.apiTokens.findFirst({ where: and(eq(apiTokens.accountId, accountId), eq(apiTokens.kind, "private")) });
  return row ? { createdAt: row.createdAt, lastUsedAt: row.lastUsedAt } : null;
}
