/** Helpers for tests running inside workerd. */
import { env, exports } from "cloudflare:workers";

export type JournalRow = Record<string, unknown> & { request_id: string };

/**
 * Reads until `isDone` says the value is there, or the time is up: for writes made after the
 * response (journal, mails, traffic). Returns the last value read either way.
 */
export async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Journal rows of one request, waiting for the after-response write to land. */
export function waitForJournal(requestId: string, timeoutMs = 3000): Promise<JournalRow[]> {
  const read = async () => (await env.JOURNAL.prepare("SELECT * FROM request_journal WHERE request_id = ?").bind(requestId).all<JournalRow>()).results;
  return waitFor(read, (rows) => rows.length > 0, timeoutMs);
}

/** Rows of a main-database table, optionally only those matching `where` (SQL with `?` parameters). */
export async function countRows(table: string, where = "1", ...params: unknown[]): Promise<number> {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`).bind(...params).first<{ n: number }>())!.n;
}

/** Row counts of several tables, for "nothing was written" checks. */
export async function tableCounts(tables: readonly string[]): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await countRows(table)] as const)));
}

/** Every row of every table of both databases, as one string: for "is this secret stored anywhere" checks. */
export async function dumpAllStorage(): Promise<string> {
  const parts: string[] = [];
  for (const db of [env.DB, env.JOURNAL]) {
    const { results: tables } = await db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")
      .all<{ name: string }>();
    for (const { name } of tables) {
      const { results } = await db.prepare(`SELECT * FROM "${name}"`).all();
      parts.push(JSON.stringify(results));
    }
  }
  const keys = await env.KV.list();
  for (const key of keys.keys) parts.push(key.name, (await env.KV.get(key.name)) ?? "");
  return parts.join("\n");
}

/** Every row of every table of one database but `except`, for "nothing changed" checks. */
export async function snapshotDatabase(db: D1Database, except: readonly string[] = []): Promise<Record<string, unknown[]>> {
  const { results: tables } = await db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name")
    .all<{ name: string }>();
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) if (!except.includes(name)) out[name] = (await db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()).results;
  return out;
}

type ScheduledExport = { scheduled(options: { scheduledTime: Date; cron: string }): Promise<{ outcome: string }> };

/** Fires the Worker's Cron Trigger at a chosen time (needs the service_binding_extra_handlers flag). */
export function fireCron(scheduledTime: Date, cron = "7 * * * *"): Promise<{ outcome: string }> {
  return (exports.default as unknown as ScheduledExport).scheduled({ scheduledTime, cron });
}
