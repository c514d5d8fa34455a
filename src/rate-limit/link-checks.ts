/**
 * The public `unrestrict/check` throttle: each check makes outbound requests (DNS, the origin or the
 * hoster's API) for anyone, so it is limited per network (an IPv4 address, an IPv6 /64), checked
 * and counted atomically in D1 with the fixed-window counters of `rate_limits`.
 */
import { admitWindow } from "../accounts/rate-limits";
import { LINK_CHECKS_PER_MINUTE } from "../config";
import type { MainDb } from "../db/client";
import { networkOf } from "../lib/network";
import { MINUTE_MS } from "../lib/time";

export type CheckDecision = { allowed: boolean; retryAfterSeconds: number };

/** Admits one check from `ip`'s network at `now` if it is within the limit; one statement when admitted. */
export async function countLinkCheck(db: MainDb, input: { ip: string | null }, now: number): Promise<CheckDecision> {
  const decision = await admitWindow(db, `unrestrict-check:${networkOf(input.ip)}`, LINK_CHECKS_PER_MINUTE, MINUTE_MS, now);
  return decision.allowed ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) };
}
