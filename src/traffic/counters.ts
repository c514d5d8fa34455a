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
