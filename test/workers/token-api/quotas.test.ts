import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FREE_BYTES_PER_DAY, FREE_LINKS_PER_DAY, MAX_ACTIVE_TRANSFERS, PREMIUM_FAIR_USAGE_BYTES_PER_DAY } from "../../../src/config";
import { mainDb } from "../../../src/db/client";
import { unrestrictLink } from "../../../src/downloads/unrestrict";
import { checkHosterLink } from "../../../src/hosters/lookups";
import { DAY_MS, utcDayStart } from "../../../src/lib/time";
import { api, originFile, originRequests, trafficBytes } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { createTestAccount } from "../../helpers/factories";

const GIB = 1024 ** 3;

async function setUsage(accountId: number, host: string, usage: { bytes?: number; links?: number }) {
  await env.DB.prepare("INSERT INTO traffic_daily (account_id, host, day_at, bytes, links) VALUES (?, ?, ?, ?, ?)")
    .bind(accountId, host, utcDayStart(Date.now()), usage.bytes ?? 0, usage.links ?? 0)
    .run();
}

function expectResetInfo(response: Response, body: Record<string, unknown>) {
  const resetAt = utcDayStart(Date.now()) + DAY_MS;
  expect(body.reset_at).toBe(new Date(resetAt).toISOString());
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(Math.abs(retryAfter - (resetAt - Date.now()) / 1000)).toBeLessThan(5);
}

describe("daily quotas", () => {
  it("free accounts: the 21st link of the day is refused with code 18, what is left and when it resets", async () => {
    const { token, accountId } = await createTestAccount();
    await setUsage(accountId, "direct", { links: FREE_LINKS_PER_DAY - 1 });
    expect((await api("unrestrict/link", { token, form: { link: originFile(10, "a.bin").url } })).status).toBe(200);
    const rows = await countRows("downloads");
    const response = await api("unrestrict/link", { token, form: { link: originFile(10, "b.bin").url } });
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "hoster_limit_reached", error_code: 18, plan: "free", limit_type: "links", limit: FREE_LINKS_PER_DAY, used: FREE_LINKS_PER_DAY, left: 0 });
    expectResetInfo(response, body);
    expect(await countRows("downloads")).toBe(rows);
  });

  it("free accounts: parallel calls at 19/20 links make exactly one more link", async () => {
    const { token, accountId } = await createTestAccount();
    await setUsage(accountId, "direct", { links: FREE_LINKS_PER_DAY - 1 });
    const responses = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => api("unrestrict/link", { token, form: { link: originFile(10, `race${i}.bin`, i + 1).url } })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 503, 503, 503, 503, 503]);
    for (const response of responses.filter((r) => r.status === 503)) expect(await response.json()).toMatchObject({ error: "hoster_limit_reached", error_code: 18, left: 0 });
    expect(await env.DB.prepare("SELECT sum(links) AS n FROM traffic_daily WHERE account_id = ?").bind(accountId).first("n")).toBe(FREE_LINKS_PER_DAY);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM downloads WHERE account_id = ?").bind(accountId).first("n")).toBe(1);
  });

  it("free accounts: traffic exhausted (code 23) on new links and on downloads", async () => {
    const { token, accountId } = await createTestAccount();
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(10, "a.bin").url } })).json()) as { download: string };
    await env.DB.prepare("UPDATE traffic_daily SET bytes = ? WHERE account_id = ?").bind(FREE_BYTES_PER_DAY, accountId).run();
    const response = await api("unrestrict/link", { token, form: { link: originFile(10, "b.bin").url } });
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "traffic_exhausted", error_code: 23, limit_type: "bytes", limit: FREE_BYTES_PER_DAY, left: 0 });
    expectResetInfo(response, body);
    const download = await exports.default.fetch(made.download);
    expect(download.status).toBe(503);
    expect(download.headers.get("retry-after")).not.toBeNull();
    expect(await download.json()).toMatchObject({ error: "traffic_exhausted", error_code: 23, left: 0, reset_at: new Date(utcDayStart(Date.now()) + DAY_MS).toISOString() });
  });

  it("free accounts: bytes are reserved before the origin is opened; what does not fit is refused with what is left", async () => {
    const { token, accountId } = await createTestAccount();
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(5000, "r.bin", 21).url } })).json()) as { download: string };
    await env.DB.prepare("UPDATE traffic_daily SET bytes = ? WHERE account_id = ?").bind(FREE_BYTES_PER_DAY - 1000, accountId).run();
    const before = await originRequests();
    const refused = await exports.default.fetch(made.download);
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "traffic_exhausted", error_code: 23, limit_type: "bytes", left: 1000 });
    expectResetInfo(refused, body);
    expect(await originRequests()).toBe(before);
    // A range that fits is served, and counted exactly once the stream ends.
    const part = await exports.default.fetch(made.download, { headers: { range: "bytes=0-499" } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(500);
    expect(await trafficBytes(accountId, "direct", FREE_BYTES_PER_DAY - 500)).toBe(FREE_BYTES_PER_DAY - 500);
  });

  it("free accounts: parallel downloads cannot together pass the daily bytes", async () => {
    const { token, accountId } = await createTestAccount();
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(600, "p.bin", 22).url } })).json()) as { download: string };
    await env.DB.prepare("UPDATE traffic_daily SET bytes = ? WHERE account_id = ?").bind(FREE_BYTES_PER_DAY - 1000, accountId).run();
    const responses = await Promise.all([0, 1, 2].map(() => exports.default.fetch(made.download)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 503, 503]);
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(await trafficBytes(accountId, "direct", FREE_BYTES_PER_DAY - 400)).toBe(FREE_BYTES_PER_DAY - 400);
  });

  it("free accounts: a file of unknown length stops once the day's allowance is used", async () => {
    const { token, accountId } = await createTestAccount();
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(5000, "u.bin", 23, "&noranges=1&chunked=1").url } })).json()) as { download: string; filesize: number };
    expect(made.filesize).toBe(0);
    await env.DB.prepare("UPDATE traffic_daily SET bytes = ? WHERE account_id = ?").bind(FREE_BYTES_PER_DAY - 1000, accountId).run();
    const response = await exports.default.fetch(made.download);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let received = 0;
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) break;
      received += chunk.value!.byteLength;
    }
    expect(received).toBe(1000);
    expect(await trafficBytes(accountId, "direct", FREE_BYTES_PER_DAY)).toBe(FREE_BYTES_PER_DAY);
  });

  it("a premium-only hoster's link stops downloading once the account is free", async () => {
    const { token, accountId } = await createTestAccount({ premiumDays: 30 });
    const made = (await (await api("unrestrict/link", { token, form: { link: "https://1fichier.com/?relais1test" } })).json()) as { download: string };
    await env.DB.prepare("UPDATE accounts SET premium_until = ? WHERE id = ?").bind(Date.now() - 1000, accountId).run();
    const response = await exports.default.fetch(made.download, { headers: { range: "bytes=0-9" } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "hoster_not_free", error_code: 20 });
  });

  it("premium accounts: a hoster's daily bytes limit gives code 18 with the hoster's numbers", async () => {
    const { token, accountId } = await createTestAccount({ premiumDays: 30 });
    await setUsage(accountId, "direct", { bytes: 500 * GIB });
    const response = await api("unrestrict/link", { token, form: { link: originFile(10, "a.bin").url } });
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "hoster_limit_reached", error_code: 18, plan: "premium", limit_type: "bytes", limit: 500 * GIB, left: 0 });
    expectResetInfo(response, body);
  });

  it("premium accounts: the fair-usage total across hosters gives code 36", async () => {
    const { token, accountId } = await createTestAccount({ premiumDays: 30 });
    for (const host of ["a.example", "b.example", "c.example"]) await setUsage(accountId, host, { bytes: PREMIUM_FAIR_USAGE_BYTES_PER_DAY / 3 + 1 });
    const response = await api("unrestrict/link", { token, form: { link: originFile(10, "a.bin").url } });
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "fair_usage_limit", error_code: 36, limit: PREMIUM_FAIR_USAGE_BYTES_PER_DAY, left: 0 });
    expectResetInfo(response, body);
  });

  it("too many parallel connections give code 21 with Retry-After; finished ones free their place", async () => {
    const { token, accountId } = await createTestAccount();
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(100_000, "p.bin").url } })).json()) as { download: string };
    const done = await exports.default.fetch(made.download);
    expect((await done.arrayBuffer()).byteLength).toBe(100_000);
    for (let i = 0; i < 50 && (await env.DB.prepare("SELECT count(*) AS n FROM active_transfers").first<number>("n")) !== 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await env.DB.prepare("SELECT count(*) AS n FROM active_transfers").first("n")).toBe(0);

    for (let i = 0; i < MAX_ACTIVE_TRANSFERS.free; i++) {
      await env.DB.prepare("INSERT INTO active_transfers (id, account_id, started_at) VALUES (?, ?, ?)").bind(`busy-${i}`, accountId, Date.now()).run();
    }
    const refused = await exports.default.fetch(made.download);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await refused.json()).toMatchObject({ error: "too_many_active_downloads", error_code: 21, plan: "free", limit: MAX_ACTIVE_TRANSFERS.free, left: 0 });
    const inBrowser = await exports.default.fetch(made.download, { headers: { accept: "text/html,*/*" } });
    expect(inBrowser.status).toBe(503);
    expect(inBrowser.headers.get("content-type")).toContain("text/html");
    await inBrowser.arrayBuffer();
    // A leftover from hours ago (a crashed isolate) does not count.
    await env.DB.prepare("UPDATE active_transfers SET started_at = ? WHERE id = 'busy-0'").bind(Date.now() - 7 * 3600_000).run();
    const allowed = await exports.default.fetch(made.download, { headers: { range: "bytes=0-9" } });
    expect(allowed.status).toBe(206);
    await allowed.arrayBuffer();
  });

  it("an expired premium is a free account", async () => {
    const { token, accountId } = await createTestAccount({ premiumDays: 30 });
    await env.DB.prepare("UPDATE accounts SET premium_until = ? WHERE id = ?").bind(Date.now() - 1000, accountId).run();
    const response = await api("unrestrict/link", { token, form: { link: "https://1fichier.com/?relais1test" } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "hoster_not_free", error_code: 20 });
  });
});

describe("hoster maintenance", () => {
  it("answers code 17 for a hoster the operator put in maintenance, writing nothing", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 30 });
    const inMaintenance = { ...env, HOSTERS_IN_MAINTENANCE: "1fichier, direct" };
    const before = await countRows("downloads");
    for (const link of [originFile(10, "a.bin").url, "https://1fichier.com/?relais1test"]) {
      await expect(unrestrictLink(mainDb(env.DB), { env: inMaintenance, accountId, link, remote: false, declaredIp: null, client: null }, Date.now())).rejects.toMatchObject({
        key: "hoster_in_maintenance",
        errorCode: 17,
        status: 503,
      });
      await expect(checkHosterLink(mainDb(env.DB), { env: inMaintenance, link }, Date.now())).rejects.toMatchObject({ key: "hoster_in_maintenance" });
    }
    expect(await countRows("downloads")).toBe(before);
  });
});
