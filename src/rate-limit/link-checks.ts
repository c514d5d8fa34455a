/**
 * The public `unrestrict/check` throttle: each check makes outbound requests (DNS, the origin or the
 * hoster's API) for anyone, so it is limited per network (an IPv4 address, an IPv6 /64), counted
 * in D1 with the fixed-window counters of `rate_limits` (refused calls count too).
 */
import { sql } from "drizzle-orm";
import { mainDb } from "../db/client";
import { rateLimits } from "../db/schema";
import { countEvent } from "../accounts/rate-limits";
import { MINUTE_MS } from "../lib/time";
import { networkOf } from "../lib/network";

export const LINK_CHECKS_PER_MINUTE = 60;

export type CheckDecision = { allowed: boolean; retryAfterSeconds: number };

/** Counts one check from `ip`'s network at `now` and says whether it is within the limit; one statement. */
export async function countLinkCheck(d1: D1Database, ip: string | null, now: number): Promise<CheckDecision> {
  const [row] = await countEvent(mainDb(d1), `unrestrict-check:${networkOf(ip)}`, MINUTE_MS, now).returning({
    count: rateLimits.windowCount,
    startedAt: sql<number>`${rateLimits.windowStartedAt}`,
  });
  const count = row?.count ?? 1;
  const startedAt = row?.startedAt ?? now;
  return { allowed: count <= LINK_CHECKS_PER_MINUTE, retryAfterSeconds: Math.max(1, Math.ceil((startedAt + MINUTE_MS - now) / 1000)) };
}
