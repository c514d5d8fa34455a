/**
 * Quota decisions. Every refusal says why, how much is left and when it resets (Retry-After and
 * `reset_at`), with Real-Debrid's codes: 18 hoster limit, 20 not for free users, 23 traffic
 * exhausted, 36 fair usage.
 */
import { eq } from "drizzle-orm";
import { mainDb } from "../db/client";
import { accounts } from "../db/schema";
import { AppError, type ErrorKey } from "../errors";
import { hosterStatus } from "../hosters/registry";
import type { HosterAdapter, HosterContext } from "../hosters/types";
import { DAY_MS } from "../lib/time";
import { utcDayStart } from "../downloads/link-crypto";
import { usageOnDay, type HostUsage, type TrafficCaps } from "../traffic/counters";
import { FREE_BYTES_PER_DAY, FREE_LINKS_PER_DAY, PREMIUM_FAIR_USAGE_BYTES_PER_DAY, planOf, type Plan } from "./plans";

export type Limit = { host: string; type: "links" | "bytes"; limit: number; used: number };

/** Every limit that applies to `host` for this plan, with today's use. */
export function limitsFor(plan: Plan, adapter: HosterAdapter, host: string, usage: HostUsage[]): Limit[] {
  const onHost = usage.find((u) => u.host === host) ?? { bytes: 0, links: 0 };
  const total = usage.reduce((sum, u) => ({ bytes: sum.bytes + u.bytes, links: sum.links + u.links }), { bytes: 0, links: 0 });
  if (plan === "free") {
    return [
      { host: "*", type: "links", limit: FREE_LINKS_PER_DAY, used: total.links },
      { host: "*", type: "bytes", limit: FREE_BYTES_PER_DAY, used: total.bytes },
    ];
  }
  return [
    { host, type: "links", limit: adapter.limits.linksPerDay, used: onHost.links },
    { host, type: "bytes", limit: adapter.limits.bytesPerDay, used: onHost.bytes },
    { host: "*", type: "bytes", limit: PREMIUM_FAIR_USAGE_BYTES_PER_DAY, used: total.bytes },
  ];
}

export function limitError(plan: Plan, limit: Limit, now: number): AppError {
  const resetAt = utcDayStart(now) + DAY_MS;
  const key: ErrorKey = plan === "free" ? (limit.type === "bytes" ? "traffic_exhausted" : "hoster_limit_reached") : limit.host === "*" ? "fair_usage_limit" : "hoster_limit_reached";
  return new AppError(key, {
    retryAfterSeconds: Math.ceil((resetAt - now) / 1000),
    details: { plan, limit_type: limit.type, limit: limit.limit, used: limit.used, left: Math.max(0, limit.limit - limit.used), reset_at: new Date(resetAt).toISOString() },
  });
}

export async function accountPlan(d1: D1Database, accountId: number, now: number): Promise<Plan> {
  const row = await mainDb(d1).query.accounts.findFirst({ columns: { premiumUntil: true }, where: eq(accounts.id, accountId) });
  return planOf(row?.premiumUntil ?? null, now);
}

/** The plan of an account about to unrestrict a link; unverified accounts may not (they must confirm their email first). */
export async function unrestrictingPlan(d1: D1Database, accountId: number, now: number): Promise<Plan> {
  const row = await mainDb(d1).query.accounts.findFirst({ columns: { premiumUntil: true, emailVerifiedAt: true }, where: eq(accounts.id, accountId) });
  if (!row) throw new AppError("bad_token");
  if (row.emailVerifiedAt === null) throw new AppError("account_not_verified");
  return planOf(row.premiumUntil, now);
}

/** Refuses when the hoster is in maintenance (17) or down (19). */
export function assertHosterUp(adapter: HosterAdapter, ctx: HosterContext): void {
  const status = hosterStatus(adapter, ctx);
  if (status === "maintenance") throw new AppError("hoster_in_maintenance");
  if (status === "down") throw new AppError("hoster_unavailable");
}

/** Refuses when the hoster is not up or not for this plan. */
export function assertHosterUsable(plan: Plan, adapter: HosterAdapter, ctx: HosterContext): void {
  assertHosterUp(adapter, ctx);
  if (plan === "free" && !adapter.limits.free) throw new AppError("hoster_not_free", { details: { plan, premium_required: true } });
}

/** Refuses a new link when a links or bytes limit of today is used up. */
export async function assertUnrestrictAllowed(d1: D1Database, accountId: number, plan: Plan, adapter: HosterAdapter, host: string, now: number, known?: HostUsage[]): Promise<void> {
  const usage = known ?? (await usageOnDay(d1, accountId, now));
  const exhausted = limitsFor(plan, adapter, host, usage).find((limit) => limit.used >= limit.limit);
  if (exhausted) throw limitError(plan, exhausted, now);
}

/** The caps of one kind (links or bytes) for a conditional counter update: the day's total and the host's. */
export function capsFor(plan: Plan, adapter: HosterAdapter, host: string, type: Limit["type"]): { caps: TrafficCaps; limits: Limit[] } {
  const limits = limitsFor(plan, adapter, host, []).filter((limit) => limit.type === type);
  const total = limits.find((limit) => limit.host === "*")?.limit;
  const onHost = limits.find((limit) => limit.host !== "*")?.limit;
  return { caps: { total: total ?? Number.MAX_SAFE_INTEGER, host: onHost ?? Number.MAX_SAFE_INTEGER }, limits };
}

/** The first limit of a kind that `amount` more would pass, with today's use (for the refusal's details). */
export async function limitPassedBy(d1: D1Database, accountId: number, plan: Plan, adapter: HosterAdapter, host: string, type: Limit["type"], amount: number, now: number): Promise<Limit> {
  const usage = await usageOnDay(d1, accountId, now);
  const limits = limitsFor(plan, adapter, host, usage).filter((limit) => limit.type === type);
  return limits.find((limit) => limit.used + amount > limit.limit) ?? { ...limits[0]!, used: limits[0]!.limit };
}

/** Bytes the account may still download today from this host (the smallest room left under its bytes limits). */
export async function bytesAllowance(d1: D1Database, accountId: number, plan: Plan, adapter: HosterAdapter, host: string, now: number): Promise<number> {
  const usage = await usageOnDay(d1, accountId, now);
  return Math.max(0, Math.min(...limitsFor(plan, adapter, host, usage).filter((limit) => limit.type === "bytes").map((limit) => limit.limit - limit.used)));
}

/** Refuses to start sending bytes once a bytes limit of today is used up. */
export async function assertDownloadAllowed(d1: D1Database, accountId: number, plan: Plan, adapter: HosterAdapter, host: string, now: number): Promise<void> {
  const usage = await usageOnDay(d1, accountId, now);
  const exhausted = limitsFor(plan, adapter, host, usage).find((limit) => limit.type === "bytes" && limit.used >= limit.limit);
  if (exhausted) throw limitError(plan, exhausted, now);
}
