/**
 * Retention sweeps: delete every record past its category's period, in bounded chunks.
 * Each chunk is its own committed statement, so an interrupted sweep loses nothing and the next
 * run goes on from there; a sweep with nothing to delete reads one index entry and writes nothing.
 */
import { expiryCutoff, type RetentionCategory } from "./policy";

/** Rows per DELETE: large enough to be cheap, small enough for D1's 30 s per query. */
export const SWEEP_CHUNK_ROWS = 5000;
/** Chunks one sweep call may send unless told otherwise (runs give each category its share of the run budget). */
export const SWEEP_MAX_CHUNKS = 12;
/** D1 allows 100 bound parameters per statement; two are the cutoff and the limit. */
const MAX_HELD_ACCOUNTS_PER_STATEMENT = 90;

/** Seam for legal holds: accounts whose records a sweep must keep. */
export type LegalHolds = { heldAccountIds(categoryId: string): Promise<number[]> };
export const NO_LEGAL_HOLDS: LegalHolds = { heldAccountIds: async () => [] };

export type SweepOptions = { chunkRows?: number; maxChunks?: number; holds?: LegalHolds };
export type SweepResult = { rowsDeleted: number; rowsRead: number; chunks: number; complete: boolean; cutoffAt: number };

const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

function buildChunkDelete(sweep: NonNullable<RetentionCategory["sweep"]>, heldCount: number): string {
  for (const name of [sweep.table, sweep.timeColumn, sweep.accountColumn ?? "x"]) {
    if (!SQL_NAME.test(name)) throw new Error(`unsafe SQL name ${name}`);
  }
  const conditions = [`${sweep.timeColumn} < ?1`];
  if (sweep.where) conditions.push(`(${sweep.where})`);
  if (heldCount > 0 && sweep.accountColumn) {
    const placeholders = Array.from({ length: heldCount }, (_, i) => `?${i + 3}`).join(", ");
    conditions.push(`(${sweep.accountColumn} IS NULL OR ${sweep.accountColumn} NOT IN (${placeholders}))`);
  }
  return `DELETE FROM ${sweep.table} WHERE rowid IN (SELECT rowid FROM ${sweep.table} WHERE ${conditions.join(" AND ")} ORDER BY ${sweep.timeColumn} LIMIT ?2)`;
}

/** Deletes a category's expired records at `now`; idempotent. Never reads the clock itself. */
export async function sweepCategory(
  database: D1Database,
  category: RetentionCategory,
  now: number,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const cutoffAt = expiryCutoff(category, now);
  if (!category.sweep || cutoffAt === null) return { rowsDeleted: 0, rowsRead: 0, chunks: 0, complete: true, cutoffAt: now };
  const chunkRows = options.chunkRows ?? SWEEP_CHUNK_ROWS;
  const maxChunks = options.maxChunks ?? SWEEP_MAX_CHUNKS;
  const held = category.sweep.accountColumn ? await (options.holds ?? NO_LEGAL_HOLDS).heldAccountIds(category.id) : [];
  if (held.length > MAX_HELD_ACCOUNTS_PER_STATEMENT) {
    // Refuse rather than silently delete held data; a hold table joined in SQL is the next step.
    throw new Error(`more than ${MAX_HELD_ACCOUNTS_PER_STATEMENT} accounts on hold for ${category.id}`);
  }
  const statement = database.prepare(buildChunkDelete(category.sweep, held.length));
  let rowsDeleted = 0;
  let rowsRead = 0;
  let chunks = 0;
  while (chunks < maxChunks) {
    const { meta } = await statement.bind(cutoffAt, chunkRows, ...held).run();
    chunks++;
    rowsDeleted += meta.changes;
    rowsRead += meta.rows_read ?? 0;
    if (meta.changes < chunkRows) return { rowsDeleted, rowsRead, chunks, complete: true, cutoffAt };
  }
  return { rowsDeleted, rowsRead, chunks, complete: false, cutoffAt };
}
