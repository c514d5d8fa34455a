/**
 * The daily audit check: walk the chain, compare the head recorded last time (kept in KV, outside
 * D1: a chain rewritten from some row on, hashes recomputed, no longer holds that head), record the
 * new head, and log a failure loudly.
 */
import type { MainDb } from "../db/client";
import { AUDIT_HEAD_KEY } from "../lib/kv-keys";
import { auditHashAt, verifyAuditChain } from "./log";

export type AuditHeadRecord = {
  checkedAt: number;
  valid: boolean;
  rows: number;
  headSeq: number | null;
  headHash: string | null;
  /** When invalid: the first row that does not hold, and why. */
  badSeq?: number;
  reason?: string;
};

/** The last recorded check, or null before the first one. */
export async function readAuditHead(kv: KVNamespace): Promise<AuditHeadRecord | null> {
  return kv.get<AuditHeadRecord>(AUDIT_HEAD_KEY, "json");
}

/** Checks the chain at `now` and records the result in KV; returns it. Never throws for a broken chain: it logs it. */
export async function checkAuditChainDaily(db: MainDb, input: { kv: KVNamespace }, now: number): Promise<AuditHeadRecord> {
  const previous = await readAuditHead(input.kv);
  const check = await verifyAuditChain(db);
  let record: AuditHeadRecord;
  if (!check.valid) {
    record = { checkedAt: now, valid: false, rows: check.rows, headSeq: null, headHash: null, badSeq: check.badSeq, reason: check.reason };
  } else {
    record = { checkedAt: now, valid: true, rows: check.rows, headSeq: check.headSeq, headHash: check.headHash };
    // The head seen last time must still be there with the same hash (unless retention removed it since).
    if (previous?.valid && previous.headSeq !== null && previous.headHash) {
      const hash = await auditHashAt(db, previous.headSeq);
      const pruned = hash === null && check.firstSeq !== null && check.firstSeq > previous.headSeq;
      if (!pruned && hash !== previous.headHash) {
        record = { ...record, valid: false, badSeq: previous.headSeq, reason: "recorded_head_changed" };
      }
    }
  }
  // A broken chain keeps the last good head on record, so that a later repair cannot pass it off.
  await input.kv.put(AUDIT_HEAD_KEY, JSON.stringify(record.valid || !previous?.valid ? record : { ...record, headSeq: previous.headSeq, headHash: previous.headHash }));
  if (!record.valid) console.error(JSON.stringify({ event: "audit_chain_broken", at: new Date(now).toISOString(), badSeq: record.badSeq, reason: record.reason }));
  else console.log(JSON.stringify({ event: "audit_chain_checked", at: new Date(now).toISOString(), rows: record.rows, headSeq: record.headSeq, headHash: record.headHash }));
  return record;
}
