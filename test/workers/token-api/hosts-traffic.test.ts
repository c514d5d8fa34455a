import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formatUtcDay, DAY_MS } from "../../../src/lib/time";
import { api, originFile, SITE, trafficBytes } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";

describe("traffic endpoints", () => {
  it("reports today's limits and use, and daily totals per host", async () => {
    const { token, accountId } = await createTestAccount({ premiumDays: 30 });
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(5000, "t.bin").url } })).json()) as { download: string };
    await (await exports.default.fetch(made.download)).arrayBuffer();
    await trafficBytes(accountId, "direct", 5000);

    const traffic = (await (await api("traffic", { token })).json()) as Record<string, Record<string, unknown>>;
    expect(traffic.direct).toMatchObject({ bytes: 5000, links: 1, type: "bytes", extra: 0, reset: "daily" });
    expect(traffic.direct!.left).toBe((traffic.direct!.limit as number) - 5000);
    expect(traffic["1fichier.com"]).toMatchObject({ bytes: 0, links: 0 });

    const today = formatUtcDay(Date.now());
    const details = (await (await api("traffic/details", { token })).json()) as Record<string, { host: Record<string, number>; bytes: number }>;
    expect(Object.keys(details)).toHaveLength(8);
    expect(details[today]).toEqual({ host: { direct: 5000 }, bytes: 5000 });
    const start = formatUtcDay(Date.now() - 2 * DAY_MS);
    const ranged = (await (await api(`traffic/details?start=${start}&end=${today}`, { token })).json()) as Record<string, unknown>;
    expect(Object.keys(ranged)).toEqual([start, formatUtcDay(Date.now() - DAY_MS), today]);
  });

  it("accepts 31 days, both included", async () => {
    const { token } = await createTestAccount();
    const response = await api("traffic/details?start=2026-01-01&end=2026-01-31", { token });
    expect(response.status).toBe(200);
    expect(Object.keys((await response.json()) as Record<string, unknown>)).toHaveLength(31);
  });

  it.each([
    ["start=2026-01-01&end=2026-03-01", "span over 31 days"],
    ["start=2026-01-01&end=2026-02-01", "32 days, both included"],
    ["start=2026-02-30", "an impossible date"],
    ["start=yesterday", "not a date"],
    ["start=2026-03-02&end=2026-03-01", "start after end"],
  ])("refuses %s (%s) with 400 code 2", async (query) => {
    const { token } = await createTestAccount();
    const response = await api(`traffic/details?${query}`, { token });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_parameter", error_code: 2 });
  });
});

describe("unsupported methods", () => {
  it.each([
    ["torrents", 404, "unknown_method", 3],
    ["torrents/addMagnet", 404, "unknown_method", 3],
    ["streaming/transcode/ABC", 403, "disabled_endpoint", 37],
    ["forum", 404, "unknown_method", 3],
    ["torrents/instantAvailability/abc/def", 403, "disabled_endpoint", 37],
  ])("answers /%s with JSON %i %s", async (path, status, error, code) => {
    const response = await exports.default.fetch(`${SITE}/rest/1.0/${path}`, { headers: { authorization: "Bearer whatever" } });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ error, error_code: code });
  });
});
