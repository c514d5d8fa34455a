/** `/rest/1.0/traffic` and `/traffic/details`: today's limits and past daily totals per hoster. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { findAdapterById, NAMED_HOSTERS } from "../../hosters/registry";
import { DAY_MS, formatUtcDay } from "../../lib/time";
import { utcDayStart } from "../../downloads/link-crypto";
import { accountPlan, limitsFor } from "../../quotas/enforce";
import { usageBetween, usageOnDay } from "../../traffic/counters";
import { apiRateLimit } from "../middleware/api-rate-limit";
import { requireApiAccount } from "../middleware/api-auth";

export const trafficApi = new Hono<AppEnv>();
trafficApi.use(requireApiAccount(), apiRateLimit());

const MAX_SPAN_DAYS = 31;

trafficApi.get("/", async (c) => {
  const accountId = Number(c.var.accountId);
  const now = Date.now();
  const [plan, usage] = await Promise.all([accountPlan(c.env.DB, accountId, now), usageOnDay(c.env.DB, accountId, now)]);
  const direct = findAdapterById("direct")!;
  const hosts = new Map(NAMED_HOSTERS.map((adapter) => [adapter.domains[0]!, adapter]));
  hosts.set(direct.hostOf(new URL("https://example.com/")), direct);
  for (const { host } of usage) if (!hosts.has(host)) hosts.set(host, direct);
  const body: Record<string, unknown> = {};
  for (const [host, adapter] of hosts) {
    const bytesLimit = limitsFor(plan, adapter, host, usage).find((limit) => limit.type === "bytes" && limit.host === (plan === "free" ? "*" : host))!;
    const used = usage.find((u) => u.host === host) ?? { bytes: 0, links: 0 };
    const allowed = plan === "premium" || adapter.limits.free;
    body[host] = {
      left: allowed ? Math.max(0, bytesLimit.limit - bytesLimit.used) : 0,
      bytes: used.bytes,
      links: used.links,
      limit: allowed ? bytesLimit.limit : 0,
      type: "bytes",
      extra: 0,
      reset: "daily",
    };
  }
  return c.json(body);
});

function parseDay(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (!Number.isFinite(at) || formatUtcDay(at) !== value) throw new AppError("bad_parameter", { details: { parameter: name } });
  return at;
}

/** `start`/`end` as YYYY-MM-DD (defaults: a week ago, today); at most 31 days, both included. */
trafficApi.get("/details", async (c) => {
  const today = utcDayStart(Date.now());
  const end = parseDay(c.req.query("end"), "end", today);
  const start = parseDay(c.req.query("start"), "start", end - 7 * DAY_MS);
  // Both ends count: start and end 31 days apart would be 32 days.
  if (start > end || (end - start) / DAY_MS + 1 > MAX_SPAN_DAYS) throw new AppError("bad_parameter", { details: { parameter: "start", max_span_days: MAX_SPAN_DAYS } });
  const rows = await usageBetween(c.env.DB, Number(c.var.accountId), start, end);
  const body: Record<string, { host: Record<string, number>; bytes: number }> = {};
  for (let day = start; day <= end; day += DAY_MS) body[formatUtcDay(day)] = { host: {}, bytes: 0 };
  for (const row of rows) {
    const entry = body[formatUtcDay(row.dayAt)]!;
    entry.host[row.host] = (entry.host[row.host] ?? 0) + row.bytes;
    entry.bytes += row.bytes;
  }
  return c.json(body);
});
