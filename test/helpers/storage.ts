/** Helpers for tests running inside workerd. */
import { env, exports } from "cloudflare:workers";

export type JournalRow = Record<string, unknown> & { request_id: string };

/** Journal rows of one request, waiting for the after-response write to land. */
export async function waitForJournal(requestId: string, timeoutMs = 3000): Promise<JournalRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { results } = await env.JOURNAL.prepare("SELECT * FROM request_journal WHERE request_id = ?").bind(requestId).all<JournalRow>();
    if (results.length > 0 || Date.now() > deadline) return results;
    await new Promise((r) => setTimeout(r, 20));
  }
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

type ScheduledExport = { scheduled(options: { scheduledTime: Date; cron: string }): Promise<{ outcome: string }> };

/** Fires the Worker's Cron Trigger at a chosen time (needs the service_binding_extra_handlers flag). */
export function fireCron(scheduledTime: Date, cron = "7 * * * *"): Promise<{ outcome: string }> {
  return (exports.default as unknown as ScheduledExport).scheduled({ scheduledTime, cron });
}
