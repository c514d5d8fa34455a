/**
 * The parallel-downloads limit (code 21): one row per download connection being served, removed
 * when it ends. Rows older than ACTIVE_TRANSFER_STALE_MS are taken for leftovers of a crash.
 */
import { eq, sql } from "drizzle-orm";
import { ACTIVE_TRANSFER_RETRY_AFTER_SECONDS, ACTIVE_TRANSFER_STALE_MS, MAX_ACTIVE_TRANSFERS, type Plan } from "../config";
import type { MainDb } from "../db/client";
import { activeTransfers } from "../db/schema";
import { AppError } from "../errors";
import { randomToken } from "../lib/crypto";

/**
 * Registers a connection, or throws too_many_active_downloads. Count and insert are one statement,
 * so two requests cannot both take the last place. Raw SQL: an INSERT … SELECT gated on a count,
 * which drizzle's builder cannot express.
 */
export async function startTransfer(db: MainDb, input: { accountId: number; plan: Plan }, now: number): Promise<string> {
  const id = randomToken(16);
  const limit = MAX_ACTIVE_TRANSFERS[input.plan];
  const { meta } = await db.run(sql`INSERT INTO active_transfers (id, account_id, started_at) SELECT ${id}, ${input.accountId}, ${now}
    WHERE (SELECT count(*) FROM active_transfers WHERE account_id = ${input.accountId} AND started_at > ${now - ACTIVE_TRANSFER_STALE_MS}) < ${limit}`);
  if (meta.changes === 0) {
    throw new AppError("too_many_active_downloads", { retryAfterSeconds: ACTIVE_TRANSFER_RETRY_AFTER_SECONDS, details: { plan: input.plan, limit, active: limit, left: 0 } });
  }
  return id;
}

export async function endTransfer(db: MainDb, id: string): Promise<void> {
  await db.delete(activeTransfers).where(eq(activeTransfers.id, id));
}
