/** One retention run: every category swept, each sweep recorded in `retention_runs`. */
import { mainDb } from "../db/client";
import { retentionRuns } from "../db/schema";
import { drainParkedJournalRecords } from "../request-journal/write";
import { RETENTION_CATEGORIES, type RetentionCategory } from "./policy";
import { sweepCategory, type SweepOptions } from "./sweep";

export type RetentionRunReport = { category: string; rowsDeleted: number; complete: boolean; durationMs: number; error?: string };

/**
 * Sweeps every category at `now` (the cron's scheduled time) and records each sweep.
 * A failing category does not stop the others; the run then fails, so the cron shows it.
 */
export async function runRetention(
  env: { DB: D1Database; JOURNAL: D1Database; KV: KVNamespace },
  now: Date,
  options: SweepOptions = {},
  categories: readonly RetentionCategory[] = RETENTION_CATEGORIES,
): Promise<RetentionRunReport[]> {
  // Parked journal records first, so that an old one is swept in the same run if it is due.
  await drainParkedJournalRecords(env);
  const reports: RetentionRunReport[] = [];
  for (const category of categories) {
    if (!category.sweep) continue;
    const startedAt = Date.now();
    let report: RetentionRunReport;
    let cutoffAt = now.getTime();
    try {
      const result = await sweepCategory(env[category.sweep.store], category, now, options);
      cutoffAt = result.cutoffAt;
      report = { category: category.id, rowsDeleted: result.rowsDeleted, complete: result.complete, durationMs: Date.now() - startedAt };
    } catch (error) {
      report = { category: category.id, rowsDeleted: 0, complete: false, durationMs: Date.now() - startedAt, error: String(error).slice(0, 500) };
    }
    reports.push(report);
    await mainDb(env.DB).insert(retentionRuns).values({
      category: report.category,
      startedAt: now.getTime(),
      cutoffAt,
      rowsDeleted: report.rowsDeleted,
      durationMs: report.durationMs,
      complete: report.complete,
      error: report.error ?? null,
    });
  }
  console.log(JSON.stringify({ event: "retention_run", at: now.toISOString(), reports }));
  const failed = reports.filter((r) => r.error);
  if (failed.length > 0) throw new Error(`retention failed for ${failed.map((r) => r.category).join(", ")}`);
  return reports;
}
