/**
 * Each user's rights over their data: the inventory of everything an account holds (derived from
 * the retention policy), its export, account deletion, and the record of privacy policy versions.
 */
import { loginEventStatement, type AccountRequest } from "../accounts/common";
import type { MainDb } from "../db/client";

export { confirmAccountDeletion, closeAccount, ERASED_AT_CLOSURE, KEPT_AFTER_CLOSURE, requestAccountDeletion, type ClosureOutcome, type DeletionCodeCheck, type DeletionRequest, type KeptRecord } from "./closure";
export { readDataOverview, streamAccountData, EXPORT_FORMAT, type CategoryOverview } from "./export";
export { HASH_KEPT, INVENTORY, inventoryContext, OUTSIDE_INVENTORY, type ExportItem, type InventoryContext, type Section } from "./inventory";
export { acknowledgePolicyVersion, claimPolicyNotice, readPolicyRecord, type PolicyRecord } from "./policy-consent";

/** Records a data export in the login history (result success, reason `data_export`), where its owner sees it. */
export async function recordDataExport(db: MainDb, input: { accountId: number; request: Pick<AccountRequest, "client" | "userAgent"> }, now: number): Promise<void> {
  await loginEventStatement(db, { accountId: input.accountId, result: "success", reason: "data_export", request: input.request }, now);
}
