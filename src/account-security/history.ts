/** The login history of an account, as its owner sees it (security page, JSON): over its retention period. */
import { and, count, desc, eq, gt } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { loginEvents } from "../db/schema";
import { DAY_MS } from "../lib/time";
import { LOGIN_EVENT_RETENTION_DAYS } from "../retention/policy";

export type LoginHistoryEntry = { id: number; at: number; result: string; reason: string; ip: string | null; country: string | null; city: string | null; asn: number | null; userAgent: string | null };

/** One page of the account's login attempts within the retention period, newest first, and how many there are. */
export async function listLoginHistory(
  db: MainDb,
  input: { accountId: number; offset?: number; limit?: number },
  now: number,
): Promise<{ total: number; entries: LoginHistoryEntry[] }> {
  const visible = and(eq(loginEvents.accountId, input.accountId), gt(loginEvents.at, now - LOGIN_EVENT_RETENTION_DAYS * DAY_MS));
  const [totals, entries] = await db.batch([
    db.select({ total: count() }).from(loginEvents).where(visible),
    db
      .select({
        id: loginEvents.id, at: loginEvents.at, result: loginEvents.result, reason: loginEvents.reason, ip: loginEvents.ip,
        country: loginEvents.country, city: loginEvents.city, asn: loginEvents.asn, userAgent: loginEvents.userAgent,
      })
      .from(loginEvents)
      .where(visible)
      .orderBy(desc(loginEvents.at), desc(loginEvents.id))
      .limit(input.limit ?? 100)
      .offset(input.offset ?? 0),
  ]);
  return { total: totals[0]?.total ?? 0, entries };
}
