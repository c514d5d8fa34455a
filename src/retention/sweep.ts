/**
 * Retention sweeps: delete every record past its category's period, in bounded chunks.
 * Each chunk is its own committed statement, so an interrupted sweep loses nothing and the next
 * run goes on from there; a sweep with nothing to delete reads one index entry and writes nothing.
 * Rows under an active legal hold are kept (retention/holds.ts), and counted.
 */
import { heldRowCondition, holdsCovering, isHoldable, loadActiveHolds, type ActiveHold } from "./holds";
import { expiryCutoff, type RetentionCategory } from "./policy";

/** Rows per DELETE: large enough to be cheap, small enough for D1's 30 s per query. */
export const SWEEP_CHUNK_ROWS = 5000;
/** Chunks one sweep call may send unless told otherwise (runs give each category its share of the run budget). */
export const SWEEP_MAX_CHUNKS = 12;

export type RetentionStores = { DB: D1Database; JOURNAL: D1Database };
/** `holds`: the active holds (a run reads them once); read from the main database when absent. */
export type SweepOptions = { chunkRows?: number; maxChunks?: number; holds?: readonly ActiveHold[] };
export type SweepResult = {
  rowsDeleted: number;
  rowsRead: number;
  chunks: number;
  complete: boolean;
  cutoffAt: number;
  /** Expired rows kept because a hold covers them, and the ids of those holds. */
  rowsHeld: number;
  heldBy: number[];
};

const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

function expiredCondition(category: RetentionCategory): string {
  const sweep = category.sweep!;
  for (const name of [sweep.table, sweep.timeColumn, sweep.accountColumn ?? "x", ("ipKeyColumn" in sweep && sweep.ipKeyColumn) || "x"]) {
    if (!SQL_NAME.test(name)) throw new Error(`unsafe SQL name ${name}`);
  }
  return [`${sweep.timeColumn} < ?1`, ...(sweep.where ? [`(${sweep.where})`] : [])].join(" AND ");
}

/** Deletes a category's expired records at `now`, keeping held ones; idempotent. Never reads the clock itself. */
export async function sweepCategory(stores: RetentionStores, category: RetentionCategory, now: number, options: SweepOptions = {}): Promise<SweepResult> {
  const cutoffAt = expiryCutoff(category, now);
  const sweep = category.sweep;
  if (!sweep || cutoffAt === null) return { rowsDeleted: 0, rowsRead: 0, chunks: 0, complete: true, cutoffAt: now, rowsHeld: 0, heldBy: [] };
  const database = stores[sweep.store];
  const chunkRows = options.chunkRows ?? SWEEP_CHUNK_ROWS;
  const maxChunks = options.maxChunks ?? SWEEP_MAX_CHUNKS;
  const expired = expiredCondition(category);
  const holdable = isHoldable(sweep);
  const covering = holdable ? holdsCovering(category, options.holds ?? (await loadActiveHolds(stores.DB, now))) : [];
  // The main database joins the holds table (any number of holds, and the latest ones); the
  // journal, in another database, gets the snapshot's covering holds as one JSON parameter.
  const joined = sweep.store === "DB";
  const held = holdable && (joined || covering.length > 0) ? heldRowCondition(sweep, joined ? "joined" : "json") : null;
  const third = joined ? now : JSON.stringify(covering);
  const fourth = "anyHoldKeeps" in sweep && sweep.anyHoldKeeps ? null : category.id;
  const keep = held ? ` AND NOT ${held}` : "";
  const statement = database.prepare(
    `DELETE FROM ${sweep.table} WHERE rowid IN (SELECT rowid FROM ${sweep.table} WHERE ${expired}${keep} ORDER BY ${sweep.timeColumn} LIMIT ?2)`,
  );
  // ?4 (the category) is used only by the joined form: D1 wants exactly as many values as the highest ?N.
  const bind = (s: D1PreparedStatement) => (!held ? s.bind(cutoffAt, chunkRows) : joined ? s.bind(cutoffAt, chunkRows, third, fourth) : s.bind(cutoffAt, chunkRows, third));
  let rowsDeleted = 0;
  let rowsRead = 0;
  let chunks = 0;
  let complete = false;
  while (chunks < maxChunks) {
    const { meta } = await bind(statement).run();
    chunks++;
    rowsDeleted += meta.changes;
    rowsRead += meta.rows_read ?? 0;
    if (meta.changes < chunkRows) {
      complete = true;
      break;
    }
  }
  let rowsHeld = 0;
  if (held && covering.length > 0) {
    // What the holds kept, for the run report: one more query, only when a hold covers the category.
    const row = await bind(database.prepare(`SELECT COUNT(*) AS n FROM ${sweep.table} WHERE ${expired} AND ${held}`)).first<{ n: number }>();
    rowsHeld = row?.n ?? 0;
  }
  return { rowsDeleted, rowsRead, chunks, complete, cutoffAt, rowsHeld, heldBy: covering.map((h) => h.id) };
}
