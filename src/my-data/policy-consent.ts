/**
 * Which versions of the privacy policy an account accepted, was shown and acknowledged: the version
 * in force at sign-up (set by registration), the change notice shown once on the next page after a
 * new version (claimed by one conditional update, so two tabs never both show it), and the owner's
 * "I have read it", with their times.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { accounts } from "../db/schema";
import { currentPolicyVersion, findPolicyVersion, policyVersionsAfter, type PolicyVersion } from "../retention/policy-versions";

export type PolicyRecord = {
  accepted: number | null;
  noticeVersion: number | null;
  noticeShownAt: number | null;
  acknowledgedVersion: number | null;
  acknowledgedAt: number | null;
};

export async function readPolicyRecord(db: MainDb, input: { accountId: number }): Promise<PolicyRecord | null> {
  const [row] = await db
    .select({
      accepted: accounts.policyVersionAccepted, noticeVersion: accounts.policyNoticeVersion, noticeShownAt: accounts.policyNoticeShownAt,
      acknowledgedVersion: accounts.policyAcknowledgedVersion, acknowledgedAt: accounts.policyAcknowledgedAt,
    })
    .from(accounts)
    .where(eq(accounts.id, input.accountId));
  return row ?? null;
}

/** The latest version the account has seen one way or another (accepted, shown, acknowledged). */
function seenVersion(record: PolicyRecord): number {
  return Math.max(record.accepted ?? 0, record.noticeVersion ?? 0, record.acknowledgedVersion ?? 0);
}

/**
 * The versions to tell the account about now, oldest first, or none: those after the last one it
 * saw, once. Claiming records the notice as shown (version and time) in the same conditional update
 * that makes it show only once.
 */
export async function claimPolicyNotice(db: MainDb, input: { accountId: number; versions: readonly PolicyVersion[] }, now: number): Promise<PolicyVersion[]> {
  const record = await readPolicyRecord(db, input);
  if (!record) return [];
  const current = currentPolicyVersion(input.versions).number;
  const seen = seenVersion(record);
  if (seen >= current) return [];
  const [claimed] = await db
    .update(accounts)
    .set({ policyNoticeVersion: current, policyNoticeShownAt: now })
    .where(and(eq(accounts.id, input.accountId), record.noticeVersion === null ? isNull(accounts.policyNoticeVersion) : eq(accounts.policyNoticeVersion, record.noticeVersion)))
    .returning({ id: accounts.id });
  return claimed ? policyVersionsAfter(input.versions, seen) : [];
}

/** Records the owner's acknowledgement of a version (never moves back to an older one); false for a version that does not exist. */
export async function acknowledgePolicyVersion(db: MainDb, input: { accountId: number; version: number; versions: readonly PolicyVersion[] }, now: number): Promise<boolean> {
  if (!findPolicyVersion(input.versions, input.version)) return false;
  await db
    .update(accounts)
    .set({ policyAcknowledgedVersion: input.version, policyAcknowledgedAt: now })
    .where(and(eq(accounts.id, input.accountId), or(isNull(accounts.policyAcknowledgedVersion), lt(accounts.policyAcknowledgedVersion, input.version))));
  return true;
}
