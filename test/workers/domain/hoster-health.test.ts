import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mainDb } from "../../../src/db/client";
import { recordHosterOutcome } from "../../../src/hosters/health";
import { reportHosters } from "../../../src/hosters/lookups";
import { HOUR_MS } from "../../../src/lib/time";
import { findRetentionCategory } from "../../../src/retention/policy";
import { sweepCategory } from "../../../src/retention/sweep";
import { api } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { PIXELDRAIN } from "../../servers/hoster-fixtures";

type OutcomeRow = { hoster_id: string; minute_at: number; checks_ok: number; checks_failed: number; downloads_ok: number; downloads_failed: number };

/** The counters of a hoster over all minutes, once the after-response writes have landed. */
async function counters(hosterId: string, expectTotal: number): Promise<Omit<OutcomeRow, "hoster_id" | "minute_at">> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const row = await env.DB.prepare(
      "SELECT coalesce(sum(checks_ok),0) AS checks_ok, coalesce(sum(checks_failed),0) AS checks_failed, coalesce(sum(downloads_ok),0) AS downloads_ok, coalesce(sum(downloads_failed),0) AS downloads_failed FROM hoster_outcomes WHERE hoster_id = ?",
    ).bind(hosterId).first<Omit<OutcomeRow, "hoster_id" | "minute_at">>();
    const total = row!.checks_ok + row!.checks_failed + row!.downloads_ok + row!.downloads_failed;
    if (total >= expectTotal || Date.now() > deadline) return row!;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("hoster health counters", () => {
  it("count checks and downloads: a dead file is an answer, the hoster's limit a failure", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const check = (id: string) => api("unrestrict/check", { form: { link: `https://pixeldrain.com/u/${id}` } });
    expect((await check("pxOk1234")).status).toBe(200);
    expect((await check("pxGone99")).status).toBe(503);
    expect((await check("pxLimit01")).status).toBe(503);
    const made = (await (await api("unrestrict/link", { token, form: { link: "https://pixeldrain.com/u/pxTwo567" } })).json()) as { download: string };
    const download = await exports.default.fetch(made.download);
    expect(new Uint8Array(await download.arrayBuffer()).byteLength).toBe(PIXELDRAIN.files.pxTwo567!.size);
    expect(await counters("pixeldrain", 5)).toEqual({ checks_ok: 3, checks_failed: 1, downloads_ok: 1, downloads_failed: 0 });
  });

  it("hold nothing but hoster ids, minutes and counts", async () => {
    await api("unrestrict/check", { form: { link: "https://pixeldrain.com/u/pxOk1234" } });
    await counters("pixeldrain", 1);
    const { results } = await env.DB.prepare("SELECT * FROM hoster_outcomes").all<OutcomeRow>();
    expect(results.length).toBeGreaterThan(0);
    for (const row of results) {
      expect(Object.keys(row).sort()).toEqual(["checks_failed", "checks_ok", "downloads_failed", "downloads_ok", "hoster_id", "minute_at"]);
      expect(row.minute_at % 60_000).toBe(0);
    }
    expect(JSON.stringify(results)).not.toContain("pxOk1234");
  });

  it("put the operator's maintenance and a missing key before the outcomes", async () => {
    const db = mainDb(env.DB);
    const now = Date.now();
    for (let i = 0; i < 20; i++) await recordHosterOutcome(db, { hosterId: "mega", kind: "download", ok: true }, now);
    const rows = await reportHosters(db, { env: { ...env, HOSTERS_IN_MAINTENANCE: "mega, gofile", NITROFLARE_PREMIUM_KEY: "" } }, now);
    const state = (id: string) => rows.find((row) => row.adapter.id === id)!.report;
    expect(state("mega")).toMatchObject({ state: "maintenance", successShare: 1, outcomes: 20 });
    expect(state("gofile").state).toBe("maintenance");
    expect(state("nitroflare").state).toBe("down");
    expect(state("rapidgator").state).toBe("up");
  });

  it("are swept a day after their minute", async () => {
    const db = mainDb(env.DB);
    // Other tests of this file counted outcomes just now: they stay.
    const now = Date.now();
    await recordHosterOutcome(db, { hosterId: "dropbox", kind: "check", ok: true }, now - 25 * HOUR_MS);
    await recordHosterOutcome(db, { hosterId: "dropbox", kind: "check", ok: false }, now - 22 * HOUR_MS);
    const result = await sweepCategory(env, findRetentionCategory("hoster_outcomes"), now);
    expect(result.rowsDeleted).toBe(1);
    const { results } = await env.DB.prepare("SELECT minute_at FROM hoster_outcomes WHERE hoster_id = 'dropbox'").all<{ minute_at: number }>();
    expect(results.map((row) => row.minute_at)).toEqual([now - 22 * HOUR_MS - ((now - 22 * HOUR_MS) % 60_000)]);
  });
});
