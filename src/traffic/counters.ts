/** Daily traffic counters per account and hoster: bytes sent and links generated, nothing else. */
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { mainDb } from "../db/client";
import { trafficDaily } from "../db/schema";
import { utcDayStart } from "../downloads/link-crypto";

export type HostUsage = { host: string; bytes: number; links: number };

/** The statement adding to one day's counters (for use inside a batch). */
export function addTrafficStatement(d1: D1Database, accountId: number, host: string, at: number, delta: { bytes?: number; links?: number }) {
  const bytes = Math.max(0, Math.trunc(delta.bytes ?? 0));
  const links = Math.max(0, Math.trunc(delta.links ?? 0));
  return mainDb(d1)
    .insert(trafficDaily)
    .values({ accountId, host, dayAt: utcDayStart(at), bytes, links })
    .onConflictDoUpdate({
      target: [trafficDaily.accountId, trafficDaily.dayAt, trafficDaily.host],
      set: { bytes: sql`${trafficDaily.bytes} + ${bytes}`, links: sql`${trafficDaily.links} + ${links}` },
    });
}

/** Adds bytes sent to a day's counter. */
export async function addBytesSent(d1: D1Database, accountId: number, host: string, at: number, bytes: number): Promise<void> {
  if (bytes <= 0) return;
  await addTrafficStatement(d1, accountId, host, at, { bytes });
}

/** Usage per host on the UTC day containing `at`. */
export async function usageOnDay(d1: D1Database, accountId: number, at: number): Promise<HostUsage[]> {
  return mainDb(d1)
    .select({ host: trafficDaily.host, bytes: trafficDaily.bytes, links: trafficDaily.links })
    .from(trafficDaily)
    .where(and(eq(trafficDaily.accountId, accountId), eq(trafficDaily.dayAt, utcDayStart(at))));
}

/** Counters of every day in [fromDayAt, toDayAt], both UTC day starts. */
export async function usageBetween(d1: D1Database, accountId: number, fromDayAt: number, toDayAt: number) {
  return mainDb(d1)
    .select({ dayAt: trafficDaily.dayAt, host: trafficDaily.host, bytes: trafficDaily.bytes, links: trafficDaily.links })
    .from(trafficDaily)
    .where(and(eq(trafficDaily.accountId, accountId), gte(trafficDaily.dayAt, fromDayAt), lte(trafficDaily.dayAt, toDayAt)))
    .orderBy(trafficDaily.dayAt);
}

/** Caps a conditional addition must stay within: the account's total for the day, and this host's. */
export type TrafficCaps = { total: number; host: number };

const NO_CAP = Number.MAX_SAFE_INTEGER;

/**
 * Adds `amount` links or bytes to a day's counter only if the day's total and the host's counter
 * stay within the caps (links: strictly below before adding one; bytes: at most the cap after
 * adding). One statement, so parallel requests cannot both take the last unit; `meta.changes` is 1
 * when added, 0 when refused.
 */
export function addWithinCapsStatement(d1: D1Database, column: "links" | "bytes", accountId: number, host: string, at: number, amount: number, caps: Partial<TrafficCaps>): D1PreparedStatement {
  const values = column === "links" ? "0, ?4" : "?4, 0";
  return d1
    .prepare(
      `INSERT INTO traffic_daily (account_id, host, day_at, bytes, links) SELECT ?1, ?2, ?3, ${values}
       WHERE (SELECT coalesce(sum(${column}), 0) FROM traffic_daily WHERE account_id = ?1 AND day_at = ?3) + ?4 <= ?5
         AND (SELECT coalesce(sum(${column}), 0) FROM traffic_daily WHERE account_id = ?1 AND day_at = ?3 AND host = ?2) + ?4 <= ?6
       ON CONFLICT (account_id, day_at, host) DO UPDATE SET ${column} = ${column} + ?4`,
    )
    .bind(accountId, host, utcDayStart(at), Math.max(0, Math.trunc(amount)), caps.total ?? NO_CAP, caps.host ?? NO_CAP);
}

/** Gives back reserved bytes that were not sent (never below zero). */
export async function refundBytes(d1: D1Database, accountId: number, host: string, at: number, bytes: number): Promise<void> {
  if (bytes <= 0) return;
  await d1
    .prepare("UPDATE traffic_daily SET bytes = max(0, bytes - ?4) WHERE account_id = ?1 AND host = ?2 AND day_at = ?3")
    .bind(accountId, host, utcDayStart(at), Math.trunc(bytes))
    .run();
}
