/** Every KV key is built here, each kind under its own prefix. Keys stay under KV's 512 bytes. */

export const JOURNAL_SPILL_PREFIX = "journal-spill:";

/** A journal record waiting for D1 (see request-journal/write.ts). */
export function journalSpillKey(requestId: string): string {
  return `${JOURNAL_SPILL_PREFIX}${requestId}`;
}
