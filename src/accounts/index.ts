/**
 * Accounts: registration, login, email verification, password reset and change, email change,
 * private API tokens. Answers never tell whether an email is registered.
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import {
  CHANGE_EMAIL_TOKEN_LIFETIME_MS,
  EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR,
  LOGIN_CONSECUTIVE_FAILURES_BEFORE_LOCK,
  LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR,
  LOGIN_FAILURES_PER_NETWORK_PER_HOUR,
  LOGIN_FIRST_LOCK_MS,
  LOGIN_MAX_LOCK_MS,
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
import { accounts, apiTokens, emailTokens, loginEvents } from "../db/schema";
import { normalizeHumanCode, randomHumanCode, randomToken, sha256Hex, timingSafeEqualStrings } from "../lib/crypto";
import type { Language } from "../lib/language";
import { networkOf } from "../lib/network";
import { truncateText } from "../lib/text";
import { HOUR_MS } from "../lib/time";
import type { Outbox } from "../mail/outbox";
import {
  alreadyRegisteredMail,
  changeEmailConfirmMail,
  changeEmailNoticeMail,
  passwordChangedMail,
  resetPasswordMail,
  verificationMail,
} from "../mail/templates";
import type { ClientContext } from "../request-context/client-context";
import { deleteAccountSessions } from "../sessions";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password-hash";
import { admitConsecutiveStatement, admitWindow, admitWindowStatement, combineDecisions, refusal, resetConsecutive, uncountEvent, type RateDecision } from "./rate-limits";
import type { EmailAddress } from "./validation";

/** The request an account operation serves: where it came from, how to talk back, and the services it uses. */
export type AccountRequest = {
  client: ClientContext;
  userAgent: string | null;
  language: Language;
  /** The secret mixed into every password hash. */
  pepper: string;
  /** Origin of the links that mails carry. */
  siteOrigin: string;
  outbox: Outbox;
  /** Runs work after the response (mails, token writes), so known and unknown addresses take the same time. */
  defer(work: Promise<unknown>): void;
};

export type Account = typeof accounts.$inferSelect;

function link(request: AccountRequest, path: string, token?: string): string {
  const url = new URL(path, request.siteOrigin);
  if (token) url.searchParams.set("token", token);
  return url.toString();
}

export async function findAccount(db: MainDb, accountId: number): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
}

async function findAccountByEmail(db: MainDb, normalized: string): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.emailNormalized, normalized) });
}

/** A verification code's stored form: bound to its account, so a code is worth nothing elsewhere. */
function hashVerifyCode(accountId: number, code: string): Promise<string> {
  return sha256Hex(`${accountId}:${code}`);
}

/**
 * Creates a single-use mailed token, and for email verification a short code to type instead;
 * returns them (only their hashes are stored).
 */
async function issueEmailToken(
  db: MainDb,
  accountId: number,
  purpose: EmailTokenPurpose,
  lifetimeMs: number,
  now: number,
  newEmail: string | null = null,
): Promise<{ token: string; code: string | null }> {
  const token = randomToken(32);
  const code = purpose === "verify_email" ? randomHumanCode(VERIFY_CODE_LENGTH) : null;
  // One live token per purpose: a new mail makes the previous link useless.
  await db.batch([
    db.delete(emailTokens).where(and(eq(emailTokens.accountId, accountId), eq(emailTokens.purpose, purpose))),
    db.insert(emailTokens).values({
      tokenHash: await sha256Hex(token),
      codeHash: code ? await hashVerifyCode(accountId, code) : null,
      accountId,
      purpose,
      newEmail,
      createdAt: now,
      expiresAt: now + lifetimeMs,
    }),
  ]);
  return { token, code };
}

/** Mails a fresh verification link and code to an account's address. */
async function sendVerification(db: MainDb, accountId: number, email: string, request: AccountRequest, now: number): Promise<void> {
  const { token, code } = await issueEmailToken(db, accountId, "verify_email", VERIFY_EMAIL_TOKEN_LIFETIME_MS, now);
  await request.outbox.send(verificationMail(request.language, email, link(request, "/verify", token), code!));
}

/** Deletes and returns a live token of `purpose`; null when unknown, used or expired. */
type EmailTokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];

async function consumeEmailToken(db: MainDb, token: string, purpose: EmailTokenPurpose, now: number) {
  if (!/^[A-Z2-7]{52}$/.test(token)) return null;
  const [row] = await db.delete(emailTokens).where(and(eq(emailTokens.tokenHash, await sha256Hex(token)), eq(emailTokens.purpose, purpose))).returning();
  if (!row || row.expiresAt <= now) return null;
  return row;
}

export type RegisterOutcome = { kind: "accepted" } | { kind: "rate_limited"; retryAfterMs: number };

/**
 * Registers an address. Known and unknown addresses get the same outcome and the same work (a
 * hash, a mail), so the answer reveals nothing; the mail tells the owner which case it was.
 */
export async function registerAccount(db: MainDb, input: { address: EmailAddress; password: string; request: AccountRequest }, now: number): Promise<RegisterOutcome> {
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
    request.defer(sendVerification(db, created.id, address.email, request, now));
  } else {
    request.defer(request.outbox.send(alreadyRegisteredMail(request.language, address.email, link(request, "/login"), link(request, "/forgot-password"))));
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

export type LoginOutcome = { kind: "success"; accountId: number } | { kind: "invalid" } | { kind: "throttled"; retryAfterMs: number };
export type PasswordCheckOutcome = { kind: "success" } | { kind: "invalid" } | { kind: "throttled"; retryAfterMs: number };

/**
 * Checks a password under the login throttles. The attempt is counted before the hash (one atomic
 * upsert per counter, so parallel guesses cannot all pass): per account+network (locks after 10 in a
 * row, growing), per account and per network (hourly caps of failures; a success takes its count
 * back and ends the run). Every attempt is recorded as a login event.
 */
async function throttledPasswordCheck(
  db: MainDb,
  account: Account | undefined,
  subject: string,
  password: string,
  request: AccountRequest,
  now: number,
  reasons: { success: string; failure: string },
): Promise<PasswordCheckOutcome> {
  const { pepper, client } = request;
  const network = networkOf(client.ip);
  const keys = { pair: `login:${subject}:${network}`, subject: `login:${subject}`, network: `login-network:${network}` };
  const record = (result: "success" | "failure", reason: string) =>
    db.insert(loginEvents).values({
      accountId: account?.id ?? null, at: now, result, reason, ip: client.ip, country: client.country,
      city: client.city, asn: client.asn, userAgent: request.userAgent === null ? null : truncateText(request.userAgent, 512),
    });

  const [pair, bySubject, byNetwork] = await db.batch([
    admitConsecutiveStatement(db, keys.pair, LOGIN_CONSECUTIVE_FAILURES_BEFORE_LOCK, LOGIN_FIRST_LOCK_MS, LOGIN_MAX_LOCK_MS, HOUR_MS, now),
    admitWindowStatement(db, keys.subject, LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR, HOUR_MS, now),
    admitWindowStatement(db, keys.network, LOGIN_FAILURES_PER_NETWORK_PER_HOUR, HOUR_MS, now),
  ]);
  if (!pair[0] || !bySubject[0] || !byNetwork[0]) {
    const decisions: RateDecision[] = [];
    // Only the lock of the account+network counter matters, not its hourly count.
    if (!pair[0]) decisions.push(await refusal(db, keys.pair, Number.MAX_SAFE_INTEGER, HOUR_MS, now));
    if (!bySubject[0]) decisions.push(await refusal(db, keys.subject, LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR, HOUR_MS, now));
    if (!byNetwork[0]) decisions.push(await refusal(db, keys.network, LOGIN_FAILURES_PER_NETWORK_PER_HOUR, HOUR_MS, now));
    // A refused attempt counts nowhere (as before counting came first): take back what was admitted.
    const admitted = [pair[0] ? keys.pair : null, bySubject[0] ? keys.subject : null, byNetwork[0] ? keys.network : null].filter((k): k is string => k !== null);
    await db.batch([record("failure", "throttled"), ...admitted.map((key) => uncountEvent(db, key, now))]);
    const decision = combineDecisions(decisions);
    return { kind: "throttled", retryAfterMs: decision.allowed ? 1000 : decision.retryAfterMs };
  }

  let valid = false;
  if (account?.passwordHash) {
    const check = await verifyPassword(password, account.passwordHash, pepper);
    valid = check.valid;
    if (check.needsRehash) await db.update(accounts).set({ passwordHash: await hashPassword(password, pepper) }).where(eq(accounts.id, account.id));
  } else {
    await verifyAgainstDummy(password, pepper);
  }

  if (valid && account) {
    await db.batch([resetConsecutive(db, keys.pair, now), uncountEvent(db, keys.subject, now), uncountEvent(db, keys.network, now), record("success", reasons.success)]);
    return { kind: "success" };
  }
  await record("failure", reasons.failure);
  return { kind: "invalid" };
}

/**
 * Checks an email and password (see throttledPasswordCheck); an unknown email is throttled under
 * its hash exactly like an account, so both look the same.
 */
export async function logIn(db: MainDb, input: { address: EmailAddress | null; password: string; request: AccountRequest }, now: number): Promise<LoginOutcome> {
  const { address } = input;
  const account = address ? await findAccountByEmail(db, address.normalized) : undefined;
  const subject = account ? `account:${account.id}` : `email:${await sha256Hex(address?.normalized ?? "")}`;
  const outcome = await throttledPasswordCheck(db, account, subject, input.password, input.request, now, {
    success: "password",
    failure: account ? "wrong_password" : "unknown_email",
  });
  return outcome.kind === "success" ? { kind: "success", accountId: account!.id } : outcome;
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
      await request.outbox.send(resetPasswordMail(request.language, account.email, link(request, "/reset-password", token)));
    })(),
  );
  return { allowed: true };
}

/** Sets a new password from a reset token and ends every session; false when the token is no good. */
export async function resetPassword(db: MainDb, input: { token: string; newPassword: string; request: AccountRequest }, now: number): Promise<boolean> {
  const row = await consumeEmailToken(db, input.token, "reset_password", now);
  if (!row) return false;
  // Whoever could read the mail could verify the address too (set in the same batch as the password).
  await setPassword(db, row.accountId, input.newPassword, input.request, now);
  return true;
}

/** Sets a new password and ends every session in one batch; `verifiedAt` also marks the address verified. */
async function setPassword(db: MainDb, accountId: number, newPassword: string, request: AccountRequest, verifiedAt?: number): Promise<void> {
  const passwordHash = await hashPassword(newPassword, request.pepper);
  const [account] = await db.batch([
    db
      .update(accounts)
      .set({ passwordHash, ...(verifiedAt === undefined ? {} : { emailVerifiedAt: sql`COALESCE(${accounts.emailVerifiedAt}, ${verifiedAt})` }) })
      .where(eq(accounts.id, accountId))
      .returning({ email: accounts.email }),
    deleteAccountSessions(db, { accountId }),
  ]);
  if (account[0]) request.defer(request.outbox.send(passwordChangedMail(request.language, account[0].email)));
}

/**
 * Checks a re-entered current password under the same throttles as logIn (account+network run,
 * hourly caps), recording each try as a login event (`reauth` / `reauth_failed`).
 */
export async function checkAccountPassword(db: MainDb, input: { accountId: number; password: string; request: AccountRequest }, now: number): Promise<PasswordCheckOutcome> {
  const account = await findAccount(db, input.accountId);
  if (!account) return { kind: "invalid" };
  return throttledPasswordCheck(db, account, `account:${account.id}`, input.password, input.request, now, { success: "reauth", failure: "reauth_failed" });
}

/** Changes the password after checking the current one; ends every session (the caller starts a new one). */
export async function changePassword(
  db: MainDb,
  input: { accountId: number; currentPassword: string; newPassword: string; request: AccountRequest },
  now: number,
): Promise<PasswordCheckOutcome> {
  const check = await checkAccountPassword(db, { accountId: input.accountId, password: input.currentPassword, request: input.request }, now);
  if (check.kind === "success") await setPassword(db, input.accountId, input.newPassword, input.request);
  return check;
}

/** Sends a confirmation link to the new address and a notice to the old one. */
export async function requestEmailChange(
  db: MainDb,
  input: { accountId: number; currentPassword: string; address: EmailAddress; request: AccountRequest },
  now: number,
): Promise<PasswordCheckOutcome> {
  const { accountId, address, request } = input;
  const check = await checkAccountPassword(db, { accountId, password: input.currentPassword, request }, now);
  if (check.kind !== "success") return check;
  const decision = await admitWindow(db, `email-change:${accountId}`, EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) return { kind: "throttled", retryAfterMs: decision.retryAfterMs };
  const account = await findAccount(db, accountId);
  if (!account) return { kind: "invalid" };
  const { token } = await issueEmailToken(db, accountId, "change_email", CHANGE_EMAIL_TOKEN_LIFETIME_MS, now, address.email);
  request.defer(request.outbox.send(changeEmailConfirmMail(request.language, address.email, link(request, "/confirm-email", token))));
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
