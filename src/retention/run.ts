/** One retention run: every category swept within the run's D1 query budget, each sweep recorded in `retention_runs`. */
import { RETENTION_CATEGORIES, type RetentionCategory } from "./policy";
import { loadActiveHolds } from "./holds";
import { sweepCategory, type SweepOptions } from "./sweep";

/**
 * DELETE chunks one run may send: D1 allows 50 queries per Worker invocation on the Free plan
 * (1,000 on Paid; raise SWEEP_QUERY_BUDGET there), and a run also spends a few on bookkeeping
 * (reading the active holds, recording the run); counting what holds kept comes out of the budget.
 */
export const DEFAULT_SWEEP_QUERY_BUDGET = 45;

export type RetentionRunReport = {
  category: string;
  rowsDeleted: number;
  complete: boolean;
  durationMs: number;
  cutoffAt: number;
  /** Expired rows a legal hold kept, and the holds that covered the category. */
  rowsHeld: number;
  heldBy: number[];
  error?: string;
};
export type RetentionRunOptions = Omit<SweepOptions, "maxChunks"> & { queryBudget?: number };

type RetentionEnv = { DB: D1Database; JOURNAL: D1Database; KV: KVNamespace; SWEEP_QUERY_BUDGET?: string };

/** The run's budget: configured, but never less than one chunk per category, so none is starved. */
function queryBudget(env: RetentionEnv, options: RetentionRunOptions, categoryCount: number): number {
  const configured = options.queryBudget ?? (Number.parseInt(env.SWEEP_QUERY_BUDGET ?? "", 10) || DEFAULT_SWEEP_QUERY_BUDGET);
  return Math.max(configured, categoryCount);
}

/**
 * Sweeps every category at `now` (the cron's scheduled time) and records each sweep. The budget
 * is shared out evenly, and what a finished category leaves goes to the unfinished ones; what is
 * still due waits for the next run. A failing category does not stop the others; the run then
 * fails, so the cron shows it.
 */
export async function runRetention(
  env: RetentionEnv,
  now: number,
  options: RetentionRunOptions = {},
  categories: readonly RetentionCategory[] = RETENTION_CATEGORIES,
): Promise<RetentionRunReport[]> {
  const swept = categories.filter((c) => c.sweep);
  const reports = new Map<string, RetentionRunReport>(
    swept.map((c) => [c.id, { category: c.id, rowsDeleted: 0, complete: false, durationMs: 0, cutoffAt: now, rowsHeld: 0, heldBy: [] }]),
  );
  // One read of the active holds for the whole run (the main database's sweeps also join the table itself).
  const holds = options.holds ?? (await loadActiveHolds(env.DB, now));
  let remaining = queryBudget(env, options, swept.length);
  let pending = swept;
  while (pending.length > 0 && remaining > 0) {
    const share = Math.max(1, Math.floor(remaining / pending.length));
    const unfinished: RetentionCategory[] = [];
    for (const category of pending) {
      if (remaining <= 0) break;
      const report = reports.get(category.id)!;
      const startedAt = Date.now();
      try {
        const result = await sweepCategory(env, category, now, { ...options, holds, maxChunks: Math.min(share, remaining) });
        remaining -= result.chunks + (result.heldBy.length > 0 ? 1 : 0);
        Object.assign(report, {
          rowsDeleted: report.rowsDeleted + result.rowsDeleted,
          complete: result.complete,
          cutoffAt: result.cutoffAt,
          // The count is of what is still kept after this pass: the last pass's is the run's.
          rowsHeld: result.rowsHeld,
          heldBy: result.heldBy,
        });
        if (!result.complete) unfinished.push(category);
      } catch (error) {
        remaining -= 1;
        report.error = String(error).slice(0, 500);
      }
      report.durationMs += Date.now() - startedAt;
    }
    pending = unfinished;
  }
  const list = [...reports.values()];
  await recordRetentionRun(env.DB, now, list);
  console.log(JSON.stringify({ event: "retention_run", at: new Date(now).toISOString(), reports: list }));
  const failed = list.filter((r) => r.error);
  if (failed.length > 0) throw new Error(`retention failed for ${failed.map((r) => r.category).join(", ")}`);
  return list;
}

/** One row per category, in one statement (one query of the budget, whatever the number of categories). Raw SQL: rows travel as one JSON parameter, since 7 columns × every category would pass D1's 100 bound parameters. */
async function recordRetentionRun(db: D1Database, now: number, reports: RetentionRunReport[]): Promise<void> {
  const rows = reports.map((r) => ({ ...r, startedAt: now, complete: r.complete ? 1 : 0, error: r.error ?? null, heldBy: r.heldBy.length > 0 ? JSON.stringify(r.heldBy) : null }));
  await db
    .prepare(
      `INSERT INTO retention_runs (category, started_at, cutoff_at, rows_deleted, duration_ms, complete, error, rows_held, held_by)
       SELECT value ->> '$.category', value ->> '$.startedAt', value ->> '$.cutoffAt', value ->> '$.rowsDeleted',
              value ->> '$.durationMs', value ->> '$.complete', value ->> '$.error', value ->> '$.rowsHeld', value ->> '$.heldBy' FROM json_each(?1)`,
    )
    .bind(JSON.stringify(rows))
    .run();
}
