/**
 * The new-place check: a right password from a place the account has not used (or from an unused
 * network while the account is under attack) is held, and a 6-digit code goes to the owner's
 * address. The code is bound to that attempt (the page holds a 256-bit challenge token; only its
 * SHA-256, and SHA-256 of token and code, are stored), lives LOGIN_CODE_LIFETIME_MS and dies after
 * LOGIN_CODE_MAX_ATTEMPTS wrong tries; a new code can then be asked for. Success adds the place,
 * and the owner is mailed about the sign-in with a one-click link that revokes it.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import { describePlace, placeOf, recordSecurityEventStatement, rememberPlaceStatement } from "../account-security";
import { LOGIN_CODE_LENGTH, LOGIN_CODE_LIFETIME_MS, LOGIN_CODE_MAX_ATTEMPTS, LOGIN_CODES_PER_ACCOUNT_PER_DAY } from "../config";
import type { MainDb } from "../db/client";
import { loginChallenges } from "../db/schema";
import { isRandomToken, randomToken, sha256Hex, timingSafeEqualStrings } from "../lib/crypto";
import type { Language } from "../lib/language";
import { truncateText } from "../lib/text";
import { DAY_MS } from "../lib/time";
import { describeUserAgent } from "../lib/user-agent";
import { loginCodeMail, newDeviceMail, newPlaceSignInMail } from "../mail/templates";
import { approveDevice } from "../oauth";
import { createSession, type Session } from "../sessions";
import { accountLanguage, findAccount, loginEventStatement, mailLink, type Account, type AccountRequest } from "./common";
import { admitWindow } from "./rate-limits";

export type ChallengePurpose = (typeof loginChallenges.$inferSelect)["purpose"];
export type ChallengeReason = (typeof loginChallenges.$inferSelect)["reason"];
type ChallengeRow = typeof loginChallenges.$inferSelect;

/** A uniformly random code of LOGIN_CODE_LENGTH digits. */
function randomDigits(): string {
  const limit = 10 ** LOGIN_CODE_LENGTH;
  // 2^32 is not a multiple of 10^6: draw again in the top slice so that every code is equally likely.
  const ceiling = Math.floor(0x1_0000_0000 / limit) * limit;
  for (;;) {
    const [value] = crypto.getRandomValues(new Uint32Array(1));
    if (value! < ceiling) return String(value! % limit).padStart(LOGIN_CODE_LENGTH, "0");
  }
}

/** Digits only, spaces and dashes dropped; null unless exactly LOGIN_CODE_LENGTH digits remain. */
function normalizeLoginCode(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, "");
  return code.length === LOGIN_CODE_LENGTH && /^\d+$/.test(code) ? code : null;
}

const hashCode = (token: string, code: string) => sha256Hex(`login-code:${token}:${code}`);

/** The challenge a page's token names, or null (unknown, malformed). */
async function findChallenge(db: MainDb, token: string): Promise<ChallengeRow | null> {
  if (!isRandomToken(token)) return null;
  return (await db.query.loginChallenges.findFirst({ where: eq(loginChallenges.tokenHash, await sha256Hex(token)) })) ?? null;
}

async function mailCode(account: Account, row: Pick<ChallengeRow, "purpose" | "reason" | "ip" | "country" | "city" | "asn" | "asOrganization" | "userAgent">, code: string, request: AccountRequest): Promise<void> {
  const language = accountLanguage(account);
  request.defer(
    request.outbox.send(
      loginCodeMail(language, account.email, code, { purpose: row.purpose, reason: row.reason, place: describePlace(row), browser: describeUserAgent(row.userAgent), ip: row.ip }),
    ),
  );
}

export type ChallengeCreated = { kind: "challenge"; token: string; reason: ChallengeReason } | { kind: "throttled"; retryAfterMs: number };

/**
 * Holds a sign-in (or a device approval) and mails its code. At most LOGIN_CODES_PER_ACCOUNT_PER_DAY
 * codes a day per account: only a right password gets one, so only someone holding the password can
 * spend them, and each one reaches the owner's mailbox.
 */
export async function createLoginChallenge(
  db: MainDb,
  input: { account: Account; purpose: ChallengePurpose; reason: ChallengeReason; request: AccountRequest; next?: string | null; deviceUserCode?: string; sessionId?: number; place?: Pick<ChallengeRow, "country" | "city" | "asn"> },
  now: number,
): Promise<ChallengeCreated> {
  const { account, request } = input;
  const decision = await admitWindow(db, `login-code:${account.id}`, LOGIN_CODES_PER_ACCOUNT_PER_DAY, DAY_MS, now);
  if (!decision.allowed) return { kind: "throttled", retryAfterMs: decision.retryAfterMs };
  const token = randomToken(32);
  const code = randomDigits();
  const client = request.client;
  // A device approval is about the device's place, which the device-code request recorded.
  const place = input.place ?? { country: client.country, city: client.city, asn: client.asn };
  const row = {
    tokenHash: await sha256Hex(token), accountId: account.id, purpose: input.purpose, reason: input.reason, codeHash: await hashCode(token, code),
    createdAt: now, expiresAt: now + LOGIN_CODE_LIFETIME_MS, ip: client.ip, country: place.country, city: place.city, asn: place.asn,
    asOrganization: input.place ? null : client.asOrganization, userAgent: request.userAgent === null ? null : truncateText(request.userAgent, 512),
    next: input.next ?? null, deviceUserCode: input.deviceUserCode ?? null, sessionId: input.sessionId ?? null,
  };
  await db.insert(loginChallenges).values(row);
  await mailCode(account, row, code, request);
  return { kind: "challenge", token, reason: input.reason };
}

/** A challenge answers only its own page: a sign-in on the login page, a device approval in the session that asked, before expiry. */
function isFor(row: ChallengeRow, input: { purpose: ChallengePurpose; sessionId?: number | null }, now: number): boolean {
  if (row.expiresAt <= now || row.purpose !== input.purpose) return false;
  return row.purpose === "login" || (input.sessionId !== undefined && input.sessionId !== null && row.sessionId === input.sessionId);
}

export type CodeCheck =
  | { kind: "signed_in"; token: string; session: Session; next: string | null }
  | { kind: "device_approved"; approved: boolean; appName: string | null }
  /** Account deletion: the code is right; the caller deletes the account. */
  | { kind: "deletion_confirmed"; accountId: number }
  | { kind: "wrong"; attemptsLeft: number }
  /** Five wrong tries: this code is dead, a new one can be asked for. */
  | { kind: "exhausted" }
  /** Unknown, used or expired: sign in again. */
  | { kind: "dead" };

/**
 * Checks a typed code. Each try is counted before the comparison (so parallel guesses cannot pass
 * the limit); the right code claims the challenge by deleting it (so it works once), then the sign-in
 * goes on: a session (login) or the device approval, the place remembered, the owner told; for an
 * account deletion, the caller deletes the account.
 */
export async function verifyLoginCode(
  db: MainDb,
  input: { token: string; code: string; purpose: ChallengePurpose; sessionId?: number | null; request: AccountRequest; deviceName?: (userCode: string) => Promise<string | null> },
  now: number,
): Promise<CodeCheck> {
  const row = await findChallenge(db, input.token);
  if (!row || !isFor(row, input, now)) return { kind: "dead" };
  const [counted] = await db
    .update(loginChallenges)
    .set({ attempts: sql`${loginChallenges.attempts} + 1` })
    .where(and(eq(loginChallenges.id, row.id), lt(loginChallenges.attempts, LOGIN_CODE_MAX_ATTEMPTS)))
    .returning({ attempts: loginChallenges.attempts });
  if (!counted) return { kind: "exhausted" };
  const code = normalizeLoginCode(input.code);
  const account = await findAccount(db, row.accountId);
  if (!account || !code || !timingSafeEqualStrings(await hashCode(input.token, code), row.codeHash)) {
    await loginEventStatement(db, { accountId: row.accountId, result: "failure", reason: "wrong_code", request: input.request }, now);
    return counted.attempts >= LOGIN_CODE_MAX_ATTEMPTS ? { kind: "exhausted" } : { kind: "wrong", attemptsLeft: LOGIN_CODE_MAX_ATTEMPTS - counted.attempts };
  }
  const [claimed] = await db.delete(loginChallenges).where(eq(loginChallenges.id, row.id)).returning({ id: loginChallenges.id });
  if (!claimed) return { kind: "dead" };
  if (row.purpose === "account_deletion") return { kind: "deletion_confirmed", accountId: account.id };
  return row.purpose === "login" ? completeSignIn(db, account, row, input.request, now) : completeDeviceApproval(db, account, row, input, now);
}

async function completeSignIn(db: MainDb, account: Account, row: ChallengeRow, request: AccountRequest, now: number): Promise<CodeCheck> {
  const { token, session, revokeToken } = await createSession(db, { accountId: account.id, client: request.client, userAgent: request.userAgent, revocable: true }, now);
  const place = { ...placeOf(request.client), country: row.country, asn: row.asn, city: row.city };
  await db.batch([
    rememberPlaceStatement(db, { accountId: account.id, place }, now),
    loginEventStatement(db, { accountId: account.id, result: "success", reason: "code", request }, now),
    recordSecurityEventStatement(db, { accountId: account.id, kind: row.reason === "new_place" ? "new_place_sign_in" : "unusual_activity_sign_in", client: request.client, detail: { session_id: session.id } }, now),
  ]);
  const language: Language = accountLanguage(account);
  request.defer(
    request.outbox.send(
      newPlaceSignInMail(language, account.email, {
        place: describePlace(place), browser: describeUserAgent(request.userAgent), ip: request.client.ip, at: now,
        revokeLink: mailLink(request.siteOrigin, "/revoke-session", revokeToken!), securityLink: mailLink(request.siteOrigin, "/account/security"),
      }),
    ),
  );
  return { kind: "signed_in", token, session, next: row.next };
}

async function completeDeviceApproval(db: MainDb, account: Account, row: ChallengeRow, input: { request: AccountRequest; deviceName?: (userCode: string) => Promise<string | null> }, now: number): Promise<CodeCheck> {
  const userCode = row.deviceUserCode ?? "";
  const appName = input.deviceName ? await input.deviceName(userCode) : null;
  const approved = await approveDevice(db, { userCode, accountId: account.id }, now);
  if (!approved) return { kind: "device_approved", approved: false, appName };
  const place = { country: row.country, asn: row.asn, city: row.city, asOrganization: null };
  await db.batch([
    rememberPlaceStatement(db, { accountId: account.id, place }, now),
    recordSecurityEventStatement(db, { accountId: account.id, kind: "new_place_device", client: { ip: null, country: row.country, city: row.city, asn: row.asn } }, now),
  ]);
  input.request.defer(input.request.outbox.send(newDeviceMail(accountLanguage(account), account.email, appName ?? "App", describePlace(place))));
  return { kind: "device_approved", approved: true, appName };
}

/** Mails a new code for a held sign-in that has not expired (its tries start again), within the daily cap. */
export async function resendLoginCode(
  db: MainDb,
  input: { token: string; purpose: ChallengePurpose; sessionId?: number | null; request: AccountRequest },
  now: number,
): Promise<{ kind: "sent" } | { kind: "dead" } | { kind: "throttled"; retryAfterMs: number }> {
  const row = await findChallenge(db, input.token);
  if (!row || !isFor(row, input, now)) return { kind: "dead" };
  const account = await findAccount(db, row.accountId);
  if (!account) return { kind: "dead" };
  const decision = await admitWindow(db, `login-code:${account.id}`, LOGIN_CODES_PER_ACCOUNT_PER_DAY, DAY_MS, now);
  if (!decision.allowed) return { kind: "throttled", retryAfterMs: decision.retryAfterMs };
  const code = randomDigits();
  const [updated] = await db
    .update(loginChallenges)
    .set({ codeHash: await hashCode(input.token, code), attempts: 0, expiresAt: now + LOGIN_CODE_LIFETIME_MS })
    .where(eq(loginChallenges.id, row.id))
    .returning({ id: loginChallenges.id });
  if (!updated) return { kind: "dead" };
  await mailCode(account, row, code, input.request);
  return { kind: "sent" };
}
