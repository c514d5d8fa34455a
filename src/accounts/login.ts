/**
 * Signing in, and the throttles around password checks (README, "Sign-in protection"):
 * - networks are refused: per account+network, 10 wrong passwords in a row lock that pair with
 *   growing waits; per network, LOGIN_FAILURES_PER_NETWORK_PER_HOUR failures over all accounts;
 * - accounts are never refused (NIST SP 800-63B §5.2.2: an attacker must not be able to lock the
 *   owner out): past LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP failures in an hour, attempts from
 *   networks the account has not used wait a growing delay before their password is checked, and a
 *   right password from them leads to the mailed code, never straight in;
 * - a right password from a new place (country, ASN) leads to the mailed code too.
 * Attempts are counted before the hash (one atomic upsert per counter), so parallel guesses cannot
 * slip past; a right password takes its counts back. Every attempt is a login event.
 */
import { and, eq, gt } from "drizzle-orm";
import { isKnownPlace, placeOf, rememberPlaceStatement } from "../account-security";
import {
  LOGIN_ACCOUNT_DELAY_STEP_MS,
  LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP,
  LOGIN_ACCOUNT_MAX_DELAY_MS,
  LOGIN_CONSECUTIVE_FAILURES_BEFORE_LOCK,
  LOGIN_FAILURES_PER_NETWORK_PER_HOUR,
  LOGIN_FIRST_LOCK_MS,
  LOGIN_KNOWN_NETWORK_MS,
  LOGIN_MAX_LOCK_MS,
} from "../config";
import type { MainDb } from "../db/client";
import { accounts, loginEvents, sessions } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { networkOf } from "../lib/network";
import { HOUR_MS } from "../lib/time";
import { findAccountByEmail, loginEventStatement, type Account, type AccountRequest } from "./common";
import { createLoginChallenge, type ChallengeReason } from "./login-challenges";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password-hash";
import { admitConsecutiveStatement, admitWindowStatement, combineDecisions, refusal, resetConsecutive, uncountEvent, type RateDecision } from "./rate-limits";
import type { EmailAddress } from "./validation";

export type PasswordCheckOutcome = { kind: "success" } | { kind: "invalid" } | { kind: "throttled"; retryAfterMs: number };

export type LoginOutcome =
  | { kind: "success"; accountId: number }
  /** A right password, held until the code mailed to the owner is typed on the page that holds `token`. */
  | { kind: "challenge"; accountId: number; token: string; reason: ChallengeReason }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterMs: number };

/** The wait before checking a password from an unused network of an account under attack: grows with its failures. */
export function stepUpDelayMs(failures: number): number {
  if (failures < LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP) return 0;
  const steps = 1 + Math.floor((failures - LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP) / LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP);
  return Math.min(LOGIN_ACCOUNT_MAX_DELAY_MS, steps * LOGIN_ACCOUNT_DELAY_STEP_MS);
}

/**
 * Whether the account has used this network (IPv4 address, IPv6 /64): a live session started or
 * last seen there, or a successful sign-in from it within LOGIN_KNOWN_NETWORK_MS.
 */
async function hasUsedNetwork(db: MainDb, input: { accountId: number; network: string }, now: number): Promise<boolean> {
  const { accountId, network } = input;
  const [live, signIns] = await db.batch([
    db.select({ ip: sessions.ip, lastIp: sessions.lastIp }).from(sessions).where(and(eq(sessions.accountId, accountId), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now))),
    db
      .select({ id: loginEvents.id })
      .from(loginEvents)
      .where(and(eq(loginEvents.accountId, accountId), gt(loginEvents.at, now - LOGIN_KNOWN_NETWORK_MS), eq(loginEvents.network, network), eq(loginEvents.result, "success")))
      .limit(1),
  ]);
  return signIns.length > 0 || live.some((s) => (s.ip !== null && networkOf(s.ip) === network) || (s.lastIp !== null && networkOf(s.lastIp) === network));
}

type ThrottledCheck = { kind: "success"; stepUp: boolean } | { kind: "invalid" } | { kind: "throttled"; retryAfterMs: number };

/**
 * Checks an email's password under the throttles above. `subject` names the account (or, for an
 * unknown email, its hash, so that both behave alike).
 */
async function throttledPasswordCheck(db: MainDb, input: { account: Account | undefined; subject: string; password: string; request: AccountRequest }, now: number): Promise<ThrottledCheck> {
  const { account, subject, request } = input;
  const network = networkOf(request.client.ip);
  const keys = { pair: `login:${subject}:${network}`, subject: `login:${subject}`, network: `login-network:${network}` };
  const record = (reason: string) => loginEventStatement(db, { accountId: account?.id ?? null, result: "failure", reason, request }, now);

  const [pair, bySubject, byNetwork] = await db.batch([
    admitConsecutiveStatement(db, keys.pair, LOGIN_CONSECUTIVE_FAILURES_BEFORE_LOCK, LOGIN_FIRST_LOCK_MS, LOGIN_MAX_LOCK_MS, HOUR_MS, now),
    // Counted, never capped: the account's failures decide the step-up and the delay, not a refusal.
    admitWindowStatement(db, keys.subject, Number.MAX_SAFE_INTEGER, HOUR_MS, now),
    admitWindowStatement(db, keys.network, LOGIN_FAILURES_PER_NETWORK_PER_HOUR, HOUR_MS, now),
  ]);
  if (!pair[0] || !byNetwork[0]) {
    const decisions: RateDecision[] = [];
    // Only the lock of the account+network counter matters, not its hourly count.
    if (!pair[0]) decisions.push(await refusal(db, keys.pair, Number.MAX_SAFE_INTEGER, HOUR_MS, now));
    if (!byNetwork[0]) decisions.push(await refusal(db, keys.network, LOGIN_FAILURES_PER_NETWORK_PER_HOUR, HOUR_MS, now));
    // A refused attempt counts nowhere: take back what was admitted.
    const admitted = [pair[0] ? keys.pair : null, bySubject[0] ? keys.subject : null, byNetwork[0] ? keys.network : null].filter((k): k is string => k !== null);
    await db.batch([record("throttled"), ...admitted.map((key) => uncountEvent(db, key, now))]);
    const decision = combineDecisions(decisions);
    return { kind: "throttled", retryAfterMs: decision.allowed ? 1000 : decision.retryAfterMs };
  }

  // Failures before this attempt, on this account from every network within the hour.
  const failures = Math.max(0, (bySubject[0]?.windowCount ?? 1) - 1);
  const underAttack = failures >= LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP;
  const usedNetwork = underAttack && account ? await hasUsedNetwork(db, { accountId: account.id, network }, now) : false;
  const stepUp = underAttack && !usedNetwork;
  if (stepUp) await request.pause(stepUpDelayMs(failures));

  let valid = false;
  if (account?.passwordHash) {
    const check = await verifyPassword(input.password, account.passwordHash, request.pepper);
    valid = check.valid;
    if (check.needsRehash) await db.update(accounts).set({ passwordHash: await hashPassword(input.password, request.pepper) }).where(eq(accounts.id, account.id));
  } else {
    await verifyAgainstDummy(input.password, request.pepper);
  }
  if (valid && account) {
    await db.batch([resetConsecutive(db, keys.pair, now), uncountEvent(db, keys.subject, now), uncountEvent(db, keys.network, now)]);
    return { kind: "success", stepUp };
  }
  await record(account ? "wrong_password" : "unknown_email");
  return { kind: "invalid" };
}

/**
 * Signs in with an email and password. A right password from a known place (and, while the
 * account is under attack, from a network it has used) signs in; from a new place or an unused
 * network under attack, it is held until the mailed code is typed. An unknown email is throttled
 * under its hash exactly like an account, so both look the same.
 */
export async function logIn(db: MainDb, input: { address: EmailAddress | null; password: string; request: AccountRequest; next?: string | null }, now: number): Promise<LoginOutcome> {
  const { address, request } = input;
  const account = address ? await findAccountByEmail(db, address.normalized) : undefined;
  const subject = account ? `account:${account.id}` : `email:${await sha256Hex(address?.normalized ?? "")}`;
  const check = await throttledPasswordCheck(db, { account, subject, password: input.password, request }, now);
  if (check.kind !== "success") return check;
  const known = account!;
  const place = placeOf(request.client);
  const reason: ChallengeReason | null = !(await isKnownPlace(db, { accountId: known.id, place })) ? "new_place" : check.stepUp ? "unusual_activity" : null;
  if (reason) {
    const held = await createLoginChallenge(db, { account: known, purpose: "login", reason, request, next: input.next }, now);
    await loginEventStatement(db, { accountId: known.id, result: "challenge", reason: held.kind === "throttled" ? "code_limit" : reason, request }, now);
    return held.kind === "throttled" ? held : { kind: "challenge", accountId: known.id, token: held.token, reason };
  }
  await db.batch([loginEventStatement(db, { accountId: known.id, result: "success", reason: "password", request }, now), rememberPlaceStatement(db, { accountId: known.id, place }, now)]);
  return { kind: "success", accountId: known.id };
}

/**
 * Checks a re-entered current password in a session. Throttled per session (10 wrong in a row lock
 * re-entry in that session, with growing waits), never per account: someone holding a session
 * cannot lock the owner's sign-ins by typing wrong passwords. Each try is a login event
 * (`reauth` / `reauth_failed`).
 */
export async function checkSessionPassword(db: MainDb, input: { account: Account; sessionId: number; password: string; request: AccountRequest }, now: number): Promise<PasswordCheckOutcome> {
  const { account, request } = input;
  const key = `reauth:session:${input.sessionId}`;
  const [admitted] = await admitConsecutiveStatement(db, key, LOGIN_CONSECUTIVE_FAILURES_BEFORE_LOCK, LOGIN_FIRST_LOCK_MS, LOGIN_MAX_LOCK_MS, HOUR_MS, now);
  if (!admitted) {
    const decision = await refusal(db, key, Number.MAX_SAFE_INTEGER, HOUR_MS, now);
    await loginEventStatement(db, { accountId: account.id, result: "failure", reason: "reauth_throttled", request }, now);
    return { kind: "throttled", retryAfterMs: decision.retryAfterMs };
  }
  const check = account.passwordHash ? await verifyPassword(input.password, account.passwordHash, request.pepper) : { valid: false, needsRehash: false };
  if (check.valid) {
    await db.batch([resetConsecutive(db, key, now), loginEventStatement(db, { accountId: account.id, result: "success", reason: "reauth", request }, now)]);
    return { kind: "success" };
  }
  await loginEventStatement(db, { accountId: account.id, result: "failure", reason: "reauth_failed", request }, now);
  return { kind: "invalid" };
}
