/**
 * The parallel-downloads limit (code 21): one row per download connection being served, removed
 * when it ends. Rows older than a few hours are taken for leftovers of a crash and not counted.
 */
import { AppError } from "../errors";
import { randomToken } from "../lib/crypto";
import { HOUR_MS } from "../lib/time";
import type { Plan } from "./plans";

/** Connections at once (a multi-connection downloader opens `chunks` of them per file). */
export const MAX_ACTIVE_TRANSFERS: Record<Plan, number> = { free: 4, premium: 32 };
const STALE_AFTER_MS = 6 * HOUR_MS;
/** A connection usually ends within seconds to minutes: worth retrying after this. */
const RETRY_AFTER_SECONDS = 30;

/** Registers a connection, or throws too_many_active_downloads. Count and insert are one statement, so two requests cannot both take the last place. */
export async function startTransfer(d1: D1Database, accountId: number, plan: Plan, now: number): Promise<string> {
  const id = randomToken(16);
  const limit = MAX_ACTIVE_TRANSFERS[plan];
  const { meta } = await d1
    .prepare(
      "INSERT INTO active_transfers (id, account_id, started_at) SELECT ?1, ?2, ?3 WHERE (SELECT count(*) FROM active_transfers WHERE account_id = ?2 AND started_at > ?4) < ?5",
    )
    .bind(id, accountId, now, now - STALE_AFTER_MS, limit)
    .run();
  if (meta.changes === 0) {
    throw new AppError("too_many_active_downloads", { retryAfterSeconds: RETRY_AFTER_SECONDS, details: { plan, limit, active: limit, left: 0 } });
  }
  return id;
}

export async function endTransfer(d1: D1Database, id: string): Promise<void> {
  await d1.prepare("DELETE FROM active_transfers WHERE id = ?").bind(id).run();
}
