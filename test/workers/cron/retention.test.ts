import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { insertJournalRecords } from "../../../src/request-journal/write";
import { DAY_MS } from "../../../src/lib/time";
import { findRetentionCategory, RETENTION_CATEGORIES, REQUEST_JOURNAL_RETENTION_DAYS, TABLES_WITHOUT_SWEEP } from "../../../src/retention/policy";
import { runRetention } from "../../../src/retention/run";
import { sweepCategory } from "../../../src/retention/sweep";
import { fireCron } from "../../helpers/storage";

const NOW = Date.parse("2027-06-15T12:07:00Z");
const journalCategory = findRetentionCategory("request_journal");

function journalRecord(requestId: string, ageMs: number, accountId: number | null = null) {
  return { requestId, at: NOW - ageMs, ip: "192.0.2.1", method: "GET", host: "relais.test", path: "/", status: 200, durationMs: 1, responseBytes: 1, accountId };
}

async function journalIds(): Promise<string[]> {
  const { results } = await env.JOURNAL.prepare("SELECT request_id FROM request_journal ORDER BY request_id").all<{ request_id: string }>();
  return results.map((r) => r.request_id);
}

beforeEach(async () => {
  await env.JOURNAL.exec("DELETE FROM request_journal");
  await env.DB.exec("DELETE FROM retention_runs");
});

describe("retention sweeps", () => {
  it("keeps a journal record 364 days old and deletes one 366 days old", async () => {
    await insertJournalRecords(env.JOURNAL, [journalRecord("young", 364 * DAY_MS), journalRecord("old", 366 * DAY_MS)]);
    const result = await sweepCategory(env, journalCategory, NOW);
    expect(result).toMatchObject({ rowsDeleted: 1, complete: true });
    expect(await journalIds()).toEqual(["young"]);
  });

  it("never lets a record outlive its period between two hourly sweeps", async () => {
    const period = REQUEST_JOURNAL_RETENTION_DAYS * DAY_MS;
    // 59 minutes short of the deadline: the next sweep would come too late, so this one deletes it.
    await insertJournalRecords(env.JOURNAL, [journalRecord("due-before-next-sweep", period - 59 * 60 * 1000)]);
    await sweepCategory(env, journalCategory, NOW);
    expect(await journalIds()).toEqual([]);
  });

  it("touches no rows when nothing has expired", async () => {
    const records = Array.from({ length: 2000 }, (_, i) => journalRecord(`fresh-${i}`, (i % 360) * DAY_MS));
    await insertJournalRecords(env.JOURNAL, records);
    const result = await sweepCategory(env, journalCategory, NOW);
    expect(result.rowsDeleted).toBe(0);
    // An index probe, whatever the table's size: the cost follows what is deleted.
    expect(result.rowsRead).toBeLessThanOrEqual(2);
    expect(await journalIds()).toHaveLength(2000);
  });

  it("reads about as many rows as it deletes, not the whole table", async () => {
    const records = [
      ...Array.from({ length: 30 }, (_, i) => journalRecord(`old-${i}`, 400 * DAY_MS)),
      ...Array.from({ length: 2000 }, (_, i) => journalRecord(`fresh-${i}`, (i % 360) * DAY_MS)),
    ];
    await insertJournalRecords(env.JOURNAL, records);
    const result = await sweepCategory(env, journalCategory, NOW);
    expect(result.rowsDeleted).toBe(30);
    // A few reads per deleted row (index entry, row, subquery), none for the 2,000 kept.
    expect(result.rowsRead).toBeLessThanOrEqual(5 * 30);
  });

  it("finishes on the next run when interrupted after one chunk, and is idempotent", async () => {
    await insertJournalRecords(env.JOURNAL, Array.from({ length: 5 }, (_, i) => journalRecord(`old-${i}`, 400 * DAY_MS)));
    await insertJournalRecords(env.JOURNAL, [journalRecord("fresh", DAY_MS)]);
    const first = await sweepCategory(env, journalCategory, NOW, { chunkRows: 2, maxChunks: 1 });
    expect(first).toMatchObject({ rowsDeleted: 2, complete: false });
    expect(await journalIds()).toHaveLength(4);
    const second = await sweepCategory(env, journalCategory, NOW, { chunkRows: 2 });
    expect(second).toMatchObject({ rowsDeleted: 3, complete: true });
    const third = await sweepCategory(env, journalCategory, NOW, { chunkRows: 2 });
    expect(third).toMatchObject({ rowsDeleted: 0, complete: true });
    expect(await journalIds()).toEqual(["fresh"]);
  });

  it("skips records of accounts under a legal hold", async () => {
    await insertJournalRecords(env.JOURNAL, [journalRecord("held", 400 * DAY_MS, 41), journalRecord("free", 400 * DAY_MS, 42), journalRecord("anon", 400 * DAY_MS)]);
    const holds = [{ id: 1, accountId: 41, ipLow: null, ipHigh: null, windowFrom: null, windowTo: null, categories: ["request_journal"] }];
    const result = await sweepCategory(env, journalCategory, NOW, { holds });
    expect(result).toMatchObject({ rowsDeleted: 2, rowsHeld: 1, heldBy: [1] });
    expect(await journalIds()).toEqual(["held"]);
  });

  it("records each category's sweep where an operator can read it", async () => {
    await insertJournalRecords(env.JOURNAL, [journalRecord("old", 366 * DAY_MS)]);
    const reports = await runRetention(env, NOW);
    expect(reports.find((r) => r.category === "request_journal")).toMatchObject({ rowsDeleted: 1, complete: true });
    const { results } = await env.DB.prepare("SELECT category, rows_deleted, complete, started_at FROM retention_runs ORDER BY id").all();
    expect(results).toContainEqual({ category: "request_journal", rows_deleted: 1, complete: 1, started_at: NOW });
    expect(results.map((r) => r.category)).toEqual(RETENTION_CATEGORIES.filter((c) => "sweep" in c).map((c) => c.id));
  });

  it("shares one D1 query budget per run among categories, and finishes what is left on the next run", async () => {
    await insertJournalRecords(env.JOURNAL, Array.from({ length: 7 }, (_, i) => journalRecord(`old-${i}`, 400 * DAY_MS)));
    await env.DB.prepare("INSERT INTO retention_runs (category, started_at, cutoff_at, rows_deleted, duration_ms, complete) VALUES ('old', ?, 0, 0, 0, 1)")
      .bind(NOW - 200 * DAY_MS)
      .run();
    const categories = [journalCategory, findRetentionCategory("retention_runs")];
    // Budget 4, chunks of 2: two chunks each; the runs table needs one, and its spare goes to the journal.
    const first = await runRetention(env, NOW, { chunkRows: 2, queryBudget: 4 }, categories);
    expect(first).toEqual([
      expect.objectContaining({ category: "request_journal", rowsDeleted: 6, complete: false }),
      expect.objectContaining({ category: "retention_runs", rowsDeleted: 1, complete: true }),
    ]);
    const second = await runRetention(env, NOW, { chunkRows: 2, queryBudget: 4 }, categories);
    expect(second[0]).toMatchObject({ category: "request_journal", rowsDeleted: 1, complete: true });
    expect(await journalIds()).toEqual([]);
  });

  it("gives every category at least one chunk, however small the budget", async () => {
    await insertJournalRecords(env.JOURNAL, [journalRecord("old", 400 * DAY_MS)]);
    const reports = await runRetention(env, NOW, { queryBudget: 1 });
    expect(reports.every((r) => r.complete)).toBe(true);
    expect(await journalIds()).toEqual([]);
  });

  it("runs from the Cron Trigger with the scheduled time as now", async () => {
    await insertJournalRecords(env.JOURNAL, [journalRecord("young", 364 * DAY_MS), journalRecord("old", 366 * DAY_MS)]);
    const outcome = await fireCron(new Date(NOW));
    expect(outcome.outcome).toBe("ok");
    expect(await journalIds()).toEqual(["young"]);
    const { results } = await env.DB.prepare("SELECT category FROM retention_runs WHERE started_at = ?").bind(NOW).all();
    expect(results.length).toBeGreaterThan(0);
  });

  it("gives every table of both databases a retention category", async () => {
    const swept = new Set<string>(RETENTION_CATEGORIES.flatMap((c) => ("sweep" in c ? [c.sweep.table] : [])));
    const keptWithAccount = new Set<string>(RETENTION_CATEGORIES.filter((c) => c.periodMs === null).map((c) => c.id));
    for (const db of [env.DB, env.JOURNAL]) {
      const { results } = await db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")
        .all<{ name: string }>();
      for (const { name } of results) {
        expect(swept.has(name) || keptWithAccount.has(name) || name in TABLES_WITHOUT_SWEEP, `table ${name} has no retention category`).toBe(true);
      }
    }
  });
});
