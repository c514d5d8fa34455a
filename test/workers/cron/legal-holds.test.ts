import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { mainDb } from "../../../src/db/client";
import { isUnderHold, placeLegalHold, releaseLegalHold, type NewLegalHold } from "../../../src/legal/holds";
import { DAY_MS } from "../../../src/lib/time";
import { parseIpPrefix } from "../../../src/request-journal/ip-key";
import { insertJournalRecords } from "../../../src/request-journal/write";
import { LEGAL_SCOPE_MIN_PREFIX_LENGTH, PRESERVATION_ORDER_LIFETIME_MS } from "../../../src/config";
import { runRetention } from "../../../src/retention/run";
import { createTestAccount } from "../../helpers/factories";
import { auditRows, staffClient } from "../../helpers/staff";

const NOW = Date.parse("2027-06-15T12:07:00Z");
const db = mainDb(env.DB);
const officer = { accountId: 9_000, role: "legal" as const };

function accountHold(accountId: number, categories: string[], kind: NewLegalHold["kind"] = "litigation"): NewLegalHold {
  return { kind, scope: { kind: "account", accountId }, windowFrom: null, windowTo: null, categories, reference: "TJ Paris 27/123", requestId: null, reviewAt: NOW + 30 * DAY_MS };
}

async function loginReasons(): Promise<string[]> {
  return (await env.DB.prepare("SELECT reason FROM login_events ORDER BY reason").all<{ reason: string }>()).results.map((r) => r.reason);
}

async function journalIds(): Promise<string[]> {
  return (await env.JOURNAL.prepare("SELECT request_id FROM request_journal ORDER BY request_id").all<{ request_id: string }>()).results.map((r) => r.request_id);
}

function journal(requestId: string, ip: string, atMs: number, accountId: number | null) {
  return { requestId, at: atMs, ip, method: "GET", host: "relais.test", path: "/", status: 200, durationMs: 1, responseBytes: 1, accountId };
}

beforeEach(async () => {
  await env.DB.exec("DELETE FROM login_events; DELETE FROM legal_holds; DELETE FROM retention_runs;");
  await env.JOURNAL.exec("DELETE FROM request_journal");
});

describe("legal holds and the retention sweeps", () => {
  it("keeps held login events through a sweep that removes the same data unheld, reports what it skipped, and lets them go once released", async () => {
    const held = await createTestAccount();
    const free = await createTestAccount();
    await env.DB.prepare("INSERT INTO login_events (account_id, at, result, reason) VALUES (?1, ?3, 'success', 'held'), (?2, ?3, 'success', 'free')")
      .bind(held.accountId, free.accountId, NOW - 400 * DAY_MS)
      .run();
    const holdId = await placeLegalHold(db, { officer, hold: accountHold(held.accountId, ["login_events"]) }, NOW - DAY_MS);

    const reports = await runRetention(env, NOW);
    expect(await loginReasons()).toEqual(["held"]);
    expect(reports.find((r) => r.category === "login_events")).toMatchObject({ rowsDeleted: 1, rowsHeld: 1, heldBy: [holdId] });
    const run = await env.DB.prepare("SELECT rows_deleted, rows_held, held_by FROM retention_runs WHERE category = 'login_events' AND started_at = ?").bind(NOW).first();
    expect(run).toEqual({ rows_deleted: 1, rows_held: 1, held_by: `[${holdId}]` });

    expect(await releaseLegalHold(db, { officer, holdId }, NOW + 1000)).toMatchObject({ kind: "done" });
    const later = await runRetention(env, NOW + DAY_MS);
    expect(await loginReasons()).toEqual([]);
    expect(later.find((r) => r.category === "login_events")).toMatchObject({ rowsDeleted: 1, rowsHeld: 0, heldBy: [] });
    expect((await auditRows()).map((r) => r.action).slice(-2)).toEqual(["place_hold", "release_hold"]);
  });

  it("holds only the categories named: the same account's journal rows still go", async () => {
    const account = await createTestAccount();
    await env.DB.prepare("INSERT INTO login_events (account_id, at, result, reason) VALUES (?, ?, 'success', 'held')").bind(account.accountId, NOW - 400 * DAY_MS).run();
    await insertJournalRecords(env.JOURNAL, [journal("old-of-held-account", "192.0.2.1", NOW - 400 * DAY_MS, account.accountId)]);
    await placeLegalHold(db, { officer, hold: accountHold(account.accountId, ["login_events"]) }, NOW);
    await runRetention(env, NOW);
    expect(await loginReasons()).toEqual(["held"]);
    expect(await journalIds()).toEqual([]);
  });

  it("keeps journal rows in an IP hold's prefix and window, in the other database, and only those", async () => {
    const prefix = parseIpPrefix("198.51.100.0/24", LEGAL_SCOPE_MIN_PREFIX_LENGTH);
    if (typeof prefix === "string") throw new Error(prefix);
    const start = NOW - 400 * DAY_MS;
    await insertJournalRecords(env.JOURNAL, [
      journal("in-scope", "198.51.100.77", start + 1000, 5),
      journal("in-scope-anonymous", "198.51.100.8", start + 2000, null),
      journal("other-ip", "198.51.101.77", start + 1000, 5),
      journal("outside-window", "198.51.100.77", start + 2 * DAY_MS, 5),
    ]);
    const holdId = await placeLegalHold(
      db,
      { officer, hold: { ...accountHold(0, ["request_journal"]), scope: { kind: "ip", prefix: prefix.text, low: prefix.low, high: prefix.high }, windowFrom: start, windowTo: start + DAY_MS } },
      NOW,
    );
    const reports = await runRetention(env, NOW);
    expect(await journalIds()).toEqual(["in-scope", "in-scope-anonymous"]);
    expect(reports.find((r) => r.category === "request_journal")).toMatchObject({ rowsDeleted: 2, rowsHeld: 2, heldBy: [holdId] });
  });

  it("never deletes an unverified account that a hold covers, whatever the category (deleting it would cascade)", async () => {
    const row = await env.DB.prepare("INSERT INTO accounts (email, email_normalized, created_at) VALUES ('held-unverified@example.test', 'held-unverified@example.test', ?) RETURNING id")
      .bind(NOW - 30 * DAY_MS)
      .first<{ id: number }>();
    await env.DB.prepare("INSERT INTO accounts (email, email_normalized, created_at) VALUES ('gone@example.test', 'gone@example.test', ?)").bind(NOW - 30 * DAY_MS).run();
    await placeLegalHold(db, { officer, hold: accountHold(row!.id, ["login_events"]) }, NOW);
    await runRetention(env, NOW);
    const left = (await env.DB.prepare("SELECT email FROM accounts WHERE email_verified_at IS NULL").all<{ email: string }>()).results.map((r) => r.email);
    expect(left).toEqual(["held-unverified@example.test"]);
    expect(await isUnderHold(db, { accountId: row!.id }, NOW)).toBe(true);
    expect(await isUnderHold(db, { accountId: row!.id, category: "request_journal" }, NOW)).toBe(false);
  });

  it("lets a preservation order end by itself after 60 days", async () => {
    const account = await createTestAccount();
    await env.DB.prepare("INSERT INTO login_events (account_id, at, result, reason) VALUES (?, ?, 'success', 'preserved')").bind(account.accountId, NOW - 400 * DAY_MS).run();
    await placeLegalHold(db, { officer, hold: accountHold(account.accountId, ["login_events"], "preservation_order") }, NOW);
    expect(await isUnderHold(db, { accountId: account.accountId }, NOW + PRESERVATION_ORDER_LIFETIME_MS - 1)).toBe(true);
    await runRetention(env, NOW + PRESERVATION_ORDER_LIFETIME_MS - DAY_MS);
    expect(await loginReasons()).toEqual(["preserved"]);
    await runRetention(env, NOW + PRESERVATION_ORDER_LIFETIME_MS + DAY_MS);
    expect(await loginReasons()).toEqual([]);
  });

  it("places, extends once and releases through the staff pages, each audited; a second extension is refused (403)", async () => {
    const officerClient = await staffClient("legal");
    const account = await createTestAccount();
    const placed = await officerClient.client.post("/staff/holds", {
      kind: "preservation_order", scope_kind: "account", account: account.email, reference: "EPOC-PR 2027/17", review_on: "2027-08-01", hold_login_events: "on", hold_request_journal: "on",
    });
    expect(placed.status).toBe(303);
    const hold = await env.DB.prepare("SELECT id, placed_at, expires_at, categories FROM legal_holds WHERE account_id = ?").bind(account.accountId).first<{ id: number; placed_at: number; expires_at: number; categories: string }>();
    expect(hold!.expires_at - hold!.placed_at).toBe(PRESERVATION_ORDER_LIFETIME_MS);
    expect(JSON.parse(hold!.categories)).toEqual(["login_events", "request_journal"]);
    expect((await officerClient.client.post(`/staff/holds/${hold!.id}/extend`, {})).status).toBe(303);
    expect((await officerClient.client.post(`/staff/holds/${hold!.id}/extend`, {})).status).toBe(403);
    expect((await officerClient.client.post(`/staff/holds/${hold!.id}/release`, {})).status).toBe(303);
    const actions = (await auditRows()).filter((r) => r.subject === `hold:${hold!.id}` && r.actor_account_id === officerClient.accountId).map((r) => [r.action, r.outcome]);
    expect(actions).toEqual([["place_hold", "done"], ["extend_hold", "done"], ["extend_hold", "refused"], ["release_hold", "done"]]);
    const page = await officerClient.client.get("/staff/holds");
    expect(page.html).toContain('data-state="released"');
  });
});
