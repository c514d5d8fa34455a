/** `/rest/1.0/traffic` and `/traffic/details`: today's limits and past daily totals per hoster. */
import { Hono } from "hono";
import * as v from "valibot";
import { TRAFFIC_DETAILS_DEFAULT_SPAN_DAYS, TRAFFIC_DETAILS_MAX_SPAN_DAYS } from "../../../config";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { DIRECT_HOST, directHttpAdapter } from "../../../hosters/direct-http";
import { NAMED_HOSTERS } from "../../../hosters/registry";
import { DAY_MS, formatUtcDay, parseUtcDay, utcDayStart } from "../../../lib/time";
import { limitsFor, readDayUse } from "../../../quotas";
import { usageBetween } from "../../../traffic/counters";
import { requireApiAccount } from "../api-token";
import { tokenApiInput } from "../input";

export const trafficApi = new Hono<AppEnv>();
trafficApi.use(requireApiAccount());

trafficApi.get("/", async (c) => {
  const { plan, usage } = await readDayUse(c.var.db, c.var.credential!.accountId, Date.now());
  const hosts = new Map(NAMED_HOSTERS.map((adapter) => [adapter.domains[0]!, adapter]));
  hosts.set(DIRECT_HOST, directHttpAdapter);
  // Hosts counted before every direct link counted under DIRECT_HOST are direct links too.
  for (const { host } of usage) if (!hosts.has(host)) hosts.set(host, directHttpAdapter);
  const body: Record<string, unknown> = {};
  for (const [host, adapter] of hosts) {
    const bytesLimit = limitsFor(plan, adapter.limits, host, usage).find((limit) => limit.type === "bytes" && limit.host === (plan === "free" ? "*" : host))!;
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

const Day = v.pipe(v.string(), v.transform(parseUtcDay), v.number());
const DetailsQuery = v.object({ start: v.optional(Day), end: v.optional(Day) });

/** `start`/`end` as YYYY-MM-DD (defaults: a week ago, today); at most 31 days, both included. */
trafficApi.get("/details", tokenApiInput("query", DetailsQuery), async (c) => {
  const query = c.req.valid("query");
  const end = query.end ?? utcDayStart(Date.now());
  const start = query.start ?? end - TRAFFIC_DETAILS_DEFAULT_SPAN_DAYS * DAY_MS;
  // Both ends count: start and end 31 days apart would be 32 days.
  if (start > end || (end - start) / DAY_MS + 1 > TRAFFIC_DETAILS_MAX_SPAN_DAYS) {
    throw new AppError("bad_parameter", { details: { parameter: "start", max_span_days: TRAFFIC_DETAILS_MAX_SPAN_DAYS } });
  }
  const rows = await usageBetween(c.var.db, c.var.credential!.accountId, start, end);
  const body: Record<string, { host: Record<string, number>; bytes: number }> = {};
  for (let day = start; day <= end; day += DAY_MS) body[formatUtcDay(day)] = { host: {}, bytes: 0 };
  for (const row of rows) {
    const entry = body[formatUtcDay(row.dayAt)]!;
    entry.host[row.host] = (entry.host[row.host] ?? 0) + row.bytes;
    entry.bytes += row.bytes;
  }
  return c.json(body);
});
