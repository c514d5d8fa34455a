/**
 * Quota arithmetic: which limits apply to a hoster for a plan, and how a refusal is said. Every
 * refusal says why, how much is left and when it resets (Retry-After and `reset_at`), with
 * Real-Debrid's codes: 18 hoster limit, 23 traffic exhausted, 36 fair usage.
 */
import { FREE_BYTES_PER_DAY, FREE_LINKS_PER_DAY, PREMIUM_FAIR_USAGE_BYTES_PER_DAY, type Plan } from "../config";
import { AppError, type ErrorKey } from "../errors";
import type { HosterLimits } from "../hosters/types";
import { DAY_MS, utcDayStart } from "../lib/time";
import type { HostUsage, TrafficCaps, TrafficCounter } from "../traffic/counters";

export type Limit = { host: string; type: TrafficCounter; limit: number; used: number };

export function planOf(premiumUntil: number | null, now: number): Plan {
  return premiumUntil !== null && premiumUntil > now ? "premium" : "free";
}

/** Throws hoster_not_free (code 20) when a free account asks for a premium-only hoster: at unrestrict, download and media-info time alike. */
export function assertHosterAllowed(plan: Plan, hoster: HosterLimits): void {
  if (plan === "free" && !hoster.free) throw new AppError("hoster_not_free", { details: { plan, premium_required: true } });
}

/** Every limit that applies to `host` for this plan, with today's use. */
export function limitsFor(plan: Plan, hoster: HosterLimits, host: string, usage: HostUsage[]): Limit[] {
  const onHost = usage.find((u) => u.host === host) ?? { bytes: 0, links: 0 };
  const total = usage.reduce((sum, u) => ({ bytes: sum.bytes + u.bytes, links: sum.links + u.links }), { bytes: 0, links: 0 });
  if (plan === "free") {
    return [
      { host: "*", type: "links", limit: FREE_LINKS_PER_DAY, used: total.links },
      { host: "*", type: "bytes", limit: FREE_BYTES_PER_DAY, used: total.bytes },
    ];
  }
  return [
    { host, type: "links", limit: hoster.linksPerDay, used: onHost.links },
    { host, type: "bytes", limit: hoster.bytesPerDay, used: onHost.bytes },
    { host: "*", type: "bytes", limit: PREMIUM_FAIR_USAGE_BYTES_PER_DAY, used: total.bytes },
  ];
}

/** The caps of one counter for a conditional counter update: the day's total and the host's. */
export function capsFor(plan: Plan, hoster: HosterLimits, host: string, type: TrafficCounter): TrafficCaps {
  const limits = limitsFor(plan, hoster, host, []).filter((limit) => limit.type === type);
  return {
    total: limits.find((limit) => limit.host === "*")?.limit ?? Number.MAX_SAFE_INTEGER,
    host: limits.find((limit) => limit.host !== "*")?.limit ?? Number.MAX_SAFE_INTEGER,
  };
}

/** The first limit of a counter that `amount` more would pass, given today's use; the first one when none would. */
export function limitPassedBy(plan: Plan, hoster: HosterLimits, host: string, usage: HostUsage[], type: TrafficCounter, amount: number): Limit {
  const limits = limitsFor(plan, hoster, host, usage).filter((limit) => limit.type === type);
  return limits.find((limit) => limit.used + amount > limit.limit) ?? { ...limits[0]!, used: limits[0]!.limit };
}

export function limitError(plan: Plan, limit: Limit, now: number): AppError {
  const resetAt = utcDayStart(now) + DAY_MS;
  const key: ErrorKey = plan === "free" ? (limit.type === "bytes" ? "traffic_exhausted" : "hoster_limit_reached") : limit.host === "*" ? "fair_usage_limit" : "hoster_limit_reached";
  return new AppError(key, {
    retryAfterSeconds: Math.ceil((resetAt - now) / 1000),
    details: { plan, limit_type: limit.type, limit: limit.limit, used: limit.used, left: Math.max(0, limit.limit - limit.used), reset_at: new Date(resetAt).toISOString() },
  });
}
