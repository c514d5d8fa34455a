/**
 * Account locks: the account-sharing rule locks an account after repeated events (error 14 on the
 * API, unrestricting and downloads) until its owner follows the mailed unlock link, which confirms
 * by POST. The security page can ask for a new link. Logging in still works, so that the owner can.
 */
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { recordSecurityEventStatement } from "../account-security";
import { UNLOCK_MAILS_PER_ACCOUNT_PER_HOUR, UNLOCK_TOKEN_LIFETIME_MS } from "../config";
import type { MainDb } from "../db/client";
import { accounts } from "../db/schema";
import { HOUR_MS } from "../lib/time";
import type { Outbox } from "../mail/outbox";
import { accountLockedMail } from "../mail/templates";
import { accountLanguage, findAccount, mailLink } from "./common";
import { consumeEmailToken, issueEmailToken } from "./email-tokens";
import { admitWindow, type RateDecision } from "./rate-limits";

export type LockMailer = { outbox: Outbox; siteOrigin: string };

async function mailUnlockLink(db: MainDb, accountId: number, mailer: LockMailer, now: number, detail: { networks: number; events: number } | null): Promise<void> {
  const account = await findAccount(db, accountId);
  if (!account) return;
  const { token } = await issueEmailToken(db, accountId, "unlock_account", UNLOCK_TOKEN_LIFETIME_MS, now);
  await mailer.outbox.send(accountLockedMail(accountLanguage(account), account.email, { unlockLink: mailLink(mailer.siteOrigin, "/unlock", token), securityLink: mailLink(mailer.siteOrigin, "/account/security"), detail }));
}

/**
 * Locks the account (if it is not already) because of the security event `causedBy`, records the
 * lock, and mails the owner an unlock link. Returns false when it was already locked.
 */
export async function lockAccount(
  db: MainDb,
  input: { accountId: number; reason: string; causedBy: number | null; mailer: LockMailer; detail: { networks: number; events: number } },
  now: number,
): Promise<boolean> {
  const locked = await db.update(accounts).set({ lockedAt: now, lockReason: input.reason }).where(and(eq(accounts.id, input.accountId), isNull(accounts.lockedAt))).returning({ id: accounts.id });
  if (locked.length === 0) return false;
  await recordSecurityEventStatement(db, { accountId: input.accountId, kind: "account_locked", causedBy: input.causedBy, detail: input.detail }, now);
  await mailUnlockLink(db, input.accountId, input.mailer, now, input.detail);
  return true;
}

/** Unlocks the account a mailed link names; false when the link is no good. The token works once. */
export async function unlockAccount(db: MainDb, input: { token: string }, now: number): Promise<boolean> {
  const row = await consumeEmailToken(db, input.token, "unlock_account", now);
  if (!row) return false;
  const unlocked = await db.update(accounts).set({ lockedAt: null, lockReason: null }).where(and(eq(accounts.id, row.accountId), isNotNull(accounts.lockedAt))).returning({ id: accounts.id });
  if (unlocked.length > 0) await recordSecurityEventStatement(db, { accountId: row.accountId, kind: "account_unlocked" }, now);
  return true;
}

/** Mails a new unlock link to a locked account's owner, a few times an hour at most. */
export async function requestUnlockLink(db: MainDb, input: { accountId: number; mailer: LockMailer }, now: number): Promise<RateDecision> {
  const account = await findAccount(db, input.accountId);
  if (!account?.lockedAt) return { allowed: true };
  const decision = await admitWindow(db, `unlock-mail:${account.id}`, UNLOCK_MAILS_PER_ACCOUNT_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) return decision;
  await mailUnlockLink(db, account.id, input.mailer, now, null);
  return { allowed: true };
}
