/** Daily traffic counters per account and hoster: bytes sent and links generated, nothing else. */
import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { trafficDaily } from "../db/schema";
import { utcDayStart } from "../lib/time";

export type HostUsage = { host: string; bytes: number; links: number };
export type TrafficKey = { accountId: number; host: string };
export type TrafficCounter = "links" | "bytes";
/** Caps a conditional addition must stay within: the account's total for the day, and this host's. */
export type TrafficCaps = { total: number; host: number };

const NO_CAP = Number.MAX_SAFE_INTEGER;

function dayOf(key: TrafficKey, at: number) {
  return and(eq(trafficDaily.accountId, key.accountId), eq(trafficDaily.host, key.host), eq(trafficDaily.dayAt, utcDayStart(at)));
}

/** Adds bytes sent to the counter of the day containing `now`. */
export async function addBytesSent(db: MainDb, key: TrafficKey, bytes: number, now: number): Promise<void> {
  if (bytes <= 0) return;
  await db
    .insert(trafficDaily)
    .values({ ...key, dayAt: utcDayStart(now), bytes: Math.trunc(bytes), links: 0 })
    .onConflictDoUpdate({ target: [trafficDaily.accountId, trafficDaily.dayAt, trafficDaily.host], set: { bytes: sql`${trafficDaily.bytes} + ${Math.trunc(bytes)}` } });
}

/** Gives back reserved bytes that were not sent (never below zero). */
export async function refundBytes(db: MainDb, key: TrafficKey, bytes: number, now: number): Promise<void> {
  if (bytes <= 0) return;
  await db.update(trafficDaily).set({ bytes: sql`max(0, ${trafficDaily.bytes} - ${Math.trunc(bytes)})` }).where(dayOf(key, now));
}

/** Takes back one counted link (a counted link whose record could not be written). */
export function uncountLinkStatement(db: MainDb, key: TrafficKey, at: number) {
  return db.update(trafficDaily).set({ links: sql`max(0, ${trafficDaily.links} - 1)` }).where(dayOf(key, at));
}

/** Usage per host on the UTC day containing `at` (a query: await it, or put it in a batch). */
export function usageOnDay(db: MainDb, accountId: number, at: number) {
  return db
    .select({ host: trafficDaily.host, bytes: trafficDaily.bytes, links: trafficDaily.links })
    .from(trafficDaily)
    .where(and(eq(trafficDaily.accountId, accountId), eq(trafficDaily.dayAt, utcDayStart(at))));
}

/** Counters of every day in [fromDayAt, toDayAt], both UTC day starts. */
export async function usageBetween(db: MainDb, accountId: number, fromDayAt: number, toDayAt: number) {
  return db
    .select({ dayAt: trafficDaily.dayAt, host: trafficDaily.host, bytes: trafficDaily.bytes, links: trafficDaily.links })
    .from(trafficDaily)
    .where(and(eq(trafficDaily.accountId, accountId), gte(trafficDaily.dayAt, fromDayAt), lte(trafficDaily.dayAt, toDayAt)))
    .orderBy(trafficDaily.dayAt);
}

/**
 * Adds `amount` links or bytes to a day's counter only if the day's total and the host's counter
 * stay within the caps. One statement, so parallel requests cannot both take the last unit;
 * `meta.changes` is 1 when added, 0 when refused. Raw SQL: an INSERT … SELECT … WHERE gated on two
 * aggregates with an upsert, which drizzle's builder cannot express; a D1 statement, since
 * drizzle's batch() cannot carry raw SQL with parameters.
 */
export function addWithinCapsStatement(db: MainDb, counter: TrafficCounter, key: TrafficKey, amount: number, caps: Partial<TrafficCaps>, at: number): D1PreparedStatement {
  const values = counter === "links" ? "0, ?4" : "?4, 0";
  return db.$client
    .prepare(
      `INSERT INTO traffic_daily (account_id, host, day_at, bytes, links) SELECT ?1, ?2, ?3, ${values}
       WHERE (SELECT coalesce(sum(${counter}), 0) FROM traffic_daily WHERE account_id = ?1 AND day_at = ?3) + ?4 <= ?5
         AND (SELECT coalesce(sum(${counter}), 0) FROM traffic_daily WHERE account_id = ?1 AND day_at = ?3 AND host = ?2) + ?4 <= ?6
       ON CONFLICT (account_id, day_at, host) DO UPDATE SET ${counter} = ${counter} + ?4`,
    )
    .bind(key.accountId, key.host, utcDayStart(at), Math.max(0, Math.trunc(amount)), caps.total ?? NO_CAP, caps.host ?? NO_CAP);
}
