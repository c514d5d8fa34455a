/**
 * Account deletion. The owner types the password (and, from a place the account has not used, the
 * code mailed to its address: accounts/login-challenges.ts). Then one D1 batch — all or nothing —
 * copies the identification data the law requires into `closed_accounts`, deletes every other
 * category of the inventory the account holds (but rows a legal hold keeps, decided inside the
 * batch), revokes every credential (accounts/credentials.ts), and deletes the account row: the
 * address is free for a new sign-up at once, and the old account can never sign in again. What is
 * kept, and why, comes from the retention policy (`keptAfterClosure`); it never depends on holds.
 */
import { and, eq, max, count, not, sql } from "drizzle-orm";
import { isKnownPlace, placeOf } from "../account-security";
import { createLoginChallenge, findAccount, revokeCredentialsStatements, verifyLoginCode, type Account, type AccountRequest, type CodeCheck } from "../accounts";
import { checkSessionPassword } from "../accounts/login";
import { accountRateLimitCondition } from "../accounts/rate-limits";
import type { MainDb } from "../db/client";
import { accounts, closedAccounts, payments } from "../db/schema";
import { avatarKey } from "../lib/kv-keys";
import type { Language, Localized } from "../lib/language";
import { accountHoldKeeps, isHoldable } from "../retention/holds";
import { deletionDeadline, RETENTION_CATEGORIES, type RetentionCategory } from "../retention/policy";
import { findAccountAvatar } from "../settings";
import { INVENTORY } from "./inventory";

/** Tables whose rows revokeCredentialsStatements ends (sessions, tokens, apps, device approvals). */
const CREDENTIAL_TABLES = new Set(["sessions", "api_tokens", "oauth_clients", "device_codes"]);

/** A category account deletion keeps: what, for how long, on what legal basis, and until when for this account. */
export type KeptRecord = {
  category: RetentionCategory["id"];
  data: Localized;
  periodMs: number | null;
  basis: Localized;
  /** When the last of the account's records goes (by the policy); null when the account has none. */
  until: number | null;
  /** How many records the account has there, where that is known before deletion (payments). */
  count: number | null;
};

/** The categories account deletion keeps, from the retention policy. */
export const KEPT_AFTER_CLOSURE: readonly RetentionCategory[] = (RETENTION_CATEGORIES as readonly RetentionCategory[]).filter((c) => c.keptAfterClosure);

/** The categories account deletion erases (the account row's own data goes too; what the law needs of it is under closed_accounts). */
export const ERASED_AT_CLOSURE: readonly RetentionCategory[] = INVENTORY.map((s) => s.category).filter(
  (c, i, all) => !c.keptAfterClosure && c.id !== "accounts" && c.id !== "unverified_accounts" && all.indexOf(c) === i,
);

export type ClosureOutcome = { kind: "closed"; accountId: number; email: string; language: Language; kept: KeptRecord[] } | { kind: "gone" };

/** What deletion keeps for this account: identification a year from now, payments until their own deadlines, journal rows a year from the last one. */
async function keptRecords(db: MainDb, accountId: number, now: number): Promise<KeptRecord[]> {
  const [paid] = await db.select({ count: count(), lastKeepUntil: max(payments.keepUntil) }).from(payments).where(eq(payments.accountId, accountId));
  return KEPT_AFTER_CLOSURE.map((category) => {
    // Payments carry their own deadline; the others run from now at the latest (the closure, the last request).
    const isPayments = category.id === "payments";
    const at = isPayments ? (paid?.lastKeepUntil ?? null) : now;
    return {
      category: category.id,
      data: category.data,
      periodMs: category.periodMs,
      basis: category.keptAfterClosure!,
      until: deletionDeadline(category, at),
      count: isPayments ? (paid?.count ?? 0) : null,
    };
  });
}

/**
 * Deletes the account now (the checks are the caller's: password, code). One batch: a failure or a
 * concurrent deletion changes nothing (closed_accounts' key refuses a second copy), and a deletion
 * of an account already gone answers "gone".
 */
export async function closeAccount(db: MainDb, input: { accountId: number; kv: KVNamespace }, now: number): Promise<ClosureOutcome> {
  const account = await findAccount(db, input.accountId);
  return account ? closeFoundAccount(db, { account, kv: input.kv }, now) : { kind: "gone" };
}

/** closeAccount, for an account row the caller has just read. */
async function closeFoundAccount(db: MainDb, input: { account: Account; kv: KVNamespace }, now: number): Promise<ClosureOutcome> {
  const { account } = input;
  const accountId = account.id;
  const [kept, avatar, ownRateLimits] = await Promise.all([
    keptRecords(db, accountId, now),
    findAccountAvatar(db, { accountId }),
    accountRateLimitCondition({ accountId, emailNormalized: account.emailNormalized }),
  ]);
  const ctx = { accountId, ownRateLimits };
  const copy = db.insert(closedAccounts).select(
    db
      .select({
        accountId: accounts.id, email: accounts.email, emailNormalized: accounts.emailNormalized, passwordHash: accounts.passwordHash,
        signedUpAt: accounts.createdAt, signupIp: accounts.signupIp, closedAt: sql<number>`${now}`.as("closed_at"),
      })
      .from(accounts)
      .where(eq(accounts.id, accountId)),
  );
  const emptied = new Set<string>(["accounts", ...CREDENTIAL_TABLES]);
  const deletes = [];
  for (const section of INVENTORY) {
    if (section.store !== "DB" || section.category.keptAfterClosure || emptied.has(section.tableName)) continue;
    emptied.add(section.tableName);
    // A held category keeps the account's rows (no foreign key cascades them: retention test).
    const held = isHoldable(section.category.sweep) ? not(accountHoldKeeps({ accountId, categoryId: section.category.id }, now)) : undefined;
    deletes.push(db.delete(section.table).where(and(section.owned(ctx), held)));
  }
  const results = await db.batch([
    copy,
    ...deletes,
    ...revokeCredentialsStatements(db, { accountId }),
    db.delete(accounts).where(eq(accounts.id, accountId)).returning({ id: accounts.id }),
  ]);
  const deleted = results[results.length - 1] as { id: number }[];
  if (deleted.length === 0) return { kind: "gone" };
  // The picture's row is gone, so it is never served again; its bytes in KV go now (they would expire anyway).
  if (avatar) await input.kv.delete(avatarKey(avatar.publicId));
  return { kind: "closed", accountId, email: account.email, language: account.locale === "en" ? "en" : "fr", kept };
}

export type DeletionRequest =
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterMs: number }
  /** From a place the account has not used: the code mailed to the owner is needed. */
  | { kind: "challenge"; token: string }
  | ClosureOutcome;

/**
 * The owner asks to delete the account from a session, with the current password (throttled per
 * session, like every re-entry). From a known place it is deleted at once; from a new place (the
 * sign-in check's rule) a code goes to the owner's address first.
 */
export async function requestAccountDeletion(
  db: MainDb,
  input: { accountId: number; sessionId: number; password: string; request: AccountRequest; kv: KVNamespace },
  now: number,
): Promise<DeletionRequest> {
  const { accountId, request } = input;
  // One read of the account for the password check, the place check and the closure.
  const account = await findAccount(db, accountId);
  if (!account) return { kind: "invalid" };
  const check = await checkSessionPassword(db, { account, sessionId: input.sessionId, password: input.password, request }, now);
  if (check.kind !== "success") return check;
  if (await isKnownPlace(db, { accountId, place: placeOf(request.client) })) return closeFoundAccount(db, { account, kv: input.kv }, now);
  const held = await createLoginChallenge(db, { account, purpose: "account_deletion", reason: "new_place", request, sessionId: input.sessionId }, now);
  return held.kind === "throttled" ? held : { kind: "challenge", token: held.token };
}

export type DeletionCodeCheck = Exclude<CodeCheck, { kind: "signed_in" } | { kind: "device_approved" } | { kind: "deletion_confirmed" }> | ClosureOutcome;

/** The mailed code of a held deletion, in the session that asked: right, the account is deleted. */
export async function confirmAccountDeletion(
  db: MainDb,
  input: { token: string; code: string; sessionId: number; request: AccountRequest; kv: KVNamespace },
  now: number,
): Promise<DeletionCodeCheck> {
  const check = await verifyLoginCode(db, { token: input.token, code: input.code, purpose: "account_deletion", sessionId: input.sessionId, request: input.request }, now);
  if (check.kind === "deletion_confirmed") return closeAccount(db, { accountId: check.accountId, kv: input.kv }, now);
  if (check.kind === "signed_in" || check.kind === "device_approved") return { kind: "dead" };
  return check;
}
