/**
 * Each user's rights over their data: the inventory of everything an account holds (derived from
 * the retention policy), its export, account deletion, and the record of privacy policy versions.
 */
import { loginEventStatement, type AccountRequest } from "../accounts/common";
import { admitWindow, type RateDecision } from "../accounts/rate-limits";
import { DATA_EXPORTS_PER_ACCOUNT_PER_HOUR } from "../config";
import type { MainDb } from "../db/client";
import { HOUR_MS } from "../lib/time";

export { confirmAccountDeletion, closeAccount, ERASED_AT_CLOSURE, KEPT_AFTER_CLOSURE, requestAccountDeletion, type ClosureOutcome, type DeletionCodeCheck, type DeletionRequest, type KeptRecord } from "./closure";
export { readDataOverview, streamAccountData, EXPORT_FORMAT, type CategoryOverview } from "./export";
export { HASH_KEPT, INVENTORY, inventoryContext, OUTSIDE_INVENTORY, type ExportItem, type InventoryContext, type Section } from "./inventory";
export { acknowledgePolicyVersion, claimPolicyNotice, readPolicyRecord, type PolicyRecord } from "./policy-consent";

/** A data export reads everything the account holds: at most DATA_EXPORTS_PER_ACCOUNT_PER_HOUR an hour (key `data-export:<id>`). */
export function admitDataExport(db: MainDb, input: { accountId: number }, now: number): Promise<RateDecision> {
  return admitWindow(db, `data-export:${input.accountId}`, DATA_EXPORTS_PER_ACCOUNT_PER_HOUR, HOUR_MS, now);
}

/** Records a data export in the login history (result success, reason `data_export`), where its owner sees it. */
export async function recordDataExport(db: MainDb, input: { accountId: number; request: Pick<AccountRequest, "client" | "userAgent"> }, now: number): Promise<void> {
  await loginEventStatement(db, { accountId: input.accountId, result: "success", reason: "data_export", request: input.request }, now);
}
