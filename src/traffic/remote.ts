/** Remote traffic: bytes sent through `remote=1` links per account and UTC day, under their own daily allowance. */
import { and, eq, sql } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { remoteTrafficDaily } from "../db/schema";
import { utcDayStart } from "../lib/time";

/** Remote bytes used on the UTC day containing `at` (a query: await it, or put it in a batch). */
export function remoteUsageOnDay(db: MainDb, accountId: number, at: number) {
  return db.select({ bytes: remoteTrafficDaily.bytes }).from(remoteTrafficDaily).where(and(eq(remoteTrafficDaily.accountId, accountId), eq(remoteTrafficDaily.dayAt, utcDayStart(at))));
}

/**
 * Adds `amount` remote bytes to the day's counter only if it stays within `cap`: one statement, so
 * parallel downloads cannot both take the last bytes; `meta.changes` is 1 when added. Raw SQL: an
 * upsert gated on the counter's own value, which drizzle's builder cannot express.
 */
export function addRemoteWithinCapStatement(db: MainDb, accountId: number, amount: number, cap: number, at: number): D1PreparedStatement {
  return db.$client
    .prepare(
      `INSERT INTO remote_traffic_daily (account_id, day_at, bytes) SELECT ?1, ?2, ?3
       WHERE coalesce((SELECT bytes FROM remote_traffic_daily WHERE account_id = ?1 AND day_at = ?2), 0) + ?3 <= ?4
       ON CONFLICT (account_id, day_at) DO UPDATE SET bytes = bytes + excluded.bytes`,
    )
    .bind(accountId, utcDayStart(at), Math.max(0, Math.trunc(amount)), cap);
}

/** Adds remote bytes sent beyond what was reserved (never refused: they were sent). */
export async function addRemoteBytes(db: MainDb, accountId: number, bytes: number, at: number): Promise<void> {
  if (bytes <= 0) return;
  await db
    .insert(remoteTrafficDaily)
    .values({ accountId, dayAt: utcDayStart(at), bytes: Math.trunc(bytes) })
    .onConflictDoUpdate({ target: [remoteTrafficDaily.accountId, remoteTrafficDaily.dayAt], set: { bytes: sql`${remoteTrafficDaily.bytes} + ${Math.trunc(bytes)}` } });
}

/** Gives back reserved remote bytes that were not sent (never below zero). */
export async function refundRemoteBytes(db: MainDb, accountId: number, bytes: number, at: number): Promise<void> {
  if (bytes <= 0) return;
  await db
    .update(remoteTrafficDaily)
    .set({ bytes: sql`max(0, ${remoteTrafficDaily.bytes} - ${Math.trunc(bytes)})` })
    .where(and(eq(remoteTrafficDaily.accountId, accountId), eq(remoteTrafficDaily.dayAt, utcDayStart(at))));
}
