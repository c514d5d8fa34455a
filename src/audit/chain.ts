/**
 * The audit chain's hashing, shared by the Worker and `npm run audit:verify` (Node): it imports
 * nothing, so Node runs it as it is. A row's hash is SHA-256(previous row's hash ‖ canonical
 * content), hex; the first row's previous hash is GENESIS_HASH.
 */

export const GENESIS_HASH = "0".repeat(64);

export type AuditRowContent = {
  seq: number;
  at: number;
  actorAccountId: number | null;
  actorRole: string;
  action: string;
  outcome: string;
  subject: string;
  /** Canonical JSON text, hashed exactly as stored. */
  details: string;
};

export type AuditRow = AuditRowContent & { prevHash: string; hash: string };

/** The row's content in a fixed order, as one JSON array: no key order or whitespace to vary. */
export function canonicalAuditContent(row: AuditRowContent): string {
  return JSON.stringify([row.seq, row.at, row.actorAccountId, row.actorRole, row.action, row.outcome, row.subject, row.details]);
}

/** JSON with object keys sorted at every level, so the same details always give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

export async function hashAuditRow(prevHash: string, row: AuditRowContent): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(prevHash + canonicalAuditContent(row)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export type ChainCheck =
  | { valid: true; rows: number; headSeq: number | null; headHash: string; firstSeq: number | null }
  | { valid: false; rows: number; badSeq: number; reason: "hash_mismatch" | "link_broken" | "sequence_gap" };

/** Where a page-by-page check stands: a valid page's result, or the start (no row yet). */
export type ChainProgress = { headSeq: number | null; headHash: string; rows: number; firstSeq: number | null };
export const CHAIN_START: ChainProgress = { headSeq: null, headHash: GENESIS_HASH, rows: 0, firstSeq: null };

/**
 * Checks rows in `seq` order, page by page (pass the previous page's result as `from` to go on:
 * the result then covers every page so far). The first row kept may follow rows deleted at the
 * end of their retention: its own `prev_hash` is then the anchor.
 */
export async function checkAuditRows(rows: readonly AuditRow[], from?: ChainProgress): Promise<ChainCheck> {
  let headSeq = from?.headSeq ?? null;
  let headHash = from?.headHash ?? GENESIS_HASH;
  let count = from?.rows ?? 0;
  let firstSeq = from?.firstSeq ?? null;
  for (const row of rows) {
    if (headSeq === null) {
      if (row.seq === 1 && row.prevHash !== GENESIS_HASH) return { valid: false, rows: count, badSeq: row.seq, reason: "link_broken" };
    } else {
      if (row.seq !== headSeq + 1) return { valid: false, rows: count, badSeq: headSeq + 1, reason: "sequence_gap" };
      if (row.prevHash !== headHash) return { valid: false, rows: count, badSeq: row.seq, reason: "link_broken" };
    }
    if ((await hashAuditRow(row.prevHash, row)) !== row.hash) return { valid: false, rows: count, badSeq: row.seq, reason: "hash_mismatch" };
    firstSeq ??= row.seq;
    headSeq = row.seq;
    headHash = row.hash;
    count++;
  }
  return { valid: true, rows: count, headSeq, headHash, firstSeq };
}
