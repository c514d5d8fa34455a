import { env } from "cloudflare:workers";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { journalDb } from "../../../src/db/client";
import { findAccountsUsingIp } from "../../../src/legal/scope";
import { parseIpPrefix } from "../../../src/request-journal/ip-key";
import { insertJournalRecords } from "../../../src/request-journal/write";
import { LEGAL_SCOPE_MIN_PREFIX_LENGTH } from "../../../src/config";
import { createTestAccount } from "../../helpers/factories";
import { auditRows, requestForm, requestIdFrom, staffClient, type StaffClient } from "../../helpers/staff";
import { mailCount } from "../../helpers/web-client";

let first: StaffClient;
let second: StaffClient;

const DAY = "2027-03-01";
const at = (time: string) => Date.parse(`${DAY}T${time}Z`);

async function sha256(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function journal(requestId: string, ip: string, time: string, accountId: number | null) {
  return { requestId, at: at(time), ip, method: "GET", host: "relais.test", path: "/rest/1.0/user", status: 200, durationMs: 3, responseBytes: 10, accountId };
}

/** Records (first officer), approves (second), exports (first): the bundle's files by name. */
async function recordApproveExport(form: Record<string, string>, approve: Record<string, string>): Promise<{ id: number; response: Response; files: Record<string, Uint8Array> }> {
  const recorded = await first.client.post("/staff/requests", form);
  expect(recorded.status).toBe(303);
  const id = requestIdFrom(recorded.response.headers.get("location"));
  const decided = await second.client.post(`/staff/requests/${id}/decision`, { decision: "approve", ...approve });
  expect(decided.status).toBe(200);
  const headers: Record<string, string> = { "cf-connecting-ip": first.client.ip, origin: "https://relais.test", "content-type": "application/x-www-form-urlencoded", cookie: first.client.cookie! };
  const { exports } = await import("cloudflare:workers");
  const response = await exports.default.fetch(`https://relais.test/staff/requests/${id}/export`, { method: "POST", headers, body: "" });
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.clone().arrayBuffer()));
  return { id, response, files };
}

beforeAll(async () => {
  first = await staffClient("legal");
  second = await staffClient("legal");
});

describe("legal requests: record, approve, export", () => {
  it("yields, for an approved request, a ZIP whose manifest hashes match its files, with one audit row, and tells the user", async () => {
    const subject = await createTestAccount();
    await env.DB.prepare("INSERT INTO login_events (account_id, at, result, reason, ip, country) VALUES (?, ?, 'success', 'password', '192.0.2.44', 'FR')").bind(subject.accountId, Date.parse("2027-02-01T08:00:00Z")).run();
    await insertJournalRecords(env.JOURNAL, [journal("acct-in", "192.0.2.44", "09:00", subject.accountId)]);
    const auditBefore = (await auditRows()).length;
    const { id, response, files } = await recordApproveExport(requestForm({ account: subject.email, window_to: "2027-03-02T00:00" }), {
      category_account: "on", category_login_events: "on", category_request_journal: "on",
    });
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="relais-disclosure-\d+-[0-9a-f]{12}\.zip"$/);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]!)) as { files: { name: string; sha256: string; bytes: number }[]; account_ids: number[] };
    expect(response.headers.get("x-manifest-sha256")).toBe(await sha256(files["manifest.json"]!));
    expect(manifest.files.map((f) => f.name).sort()).toEqual(["account.csv", "account.json", "login_events.csv", "login_events.json", "request_journal.csv", "request_journal.json"]);
    expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f) => f.name), "manifest.json"].sort());
    for (const f of manifest.files) {
      expect(await sha256(files[f.name]!), f.name).toBe(f.sha256);
      expect(files[f.name]!.byteLength).toBe(f.bytes);
    }
    expect(manifest.account_ids).toEqual([subject.accountId]);
    const account = JSON.parse(new TextDecoder().decode(files["account.json"]!)) as Record<string, unknown>[];
    expect(account).toEqual([expect.objectContaining({ id: subject.accountId, email: subject.email })]);
    expect(account[0]).not.toHaveProperty("passwordHash");
    expect(new TextDecoder().decode(files["login_events.csv"]!)).toContain("192.0.2.44");
    expect(JSON.parse(new TextDecoder().decode(files["request_journal.json"]!))).toEqual([expect.objectContaining({ requestId: "acct-in", accountId: subject.accountId })]);

    const rows = (await auditRows()).slice(auditBefore);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([["record_request", "done"], ["approve_request", "done"], ["export_request", "done"]]);
    expect(JSON.parse(rows[2]!.details)).toMatchObject({ manifest_sha256: response.headers.get("x-manifest-sha256"), user_notified: true, account_ids: [subject.accountId] });
    const record = await env.DB.prepare("SELECT exported_by, manifest_sha256, accounts_disclosed, user_notified FROM legal_exports WHERE request_id = ?").bind(id).first();
    expect(record).toEqual({ exported_by: first.accountId, manifest_sha256: response.headers.get("x-manifest-sha256"), accounts_disclosed: 1, user_notified: 1 });
    expect(await mailCount(subject.email)).toBe(1);
    const page = await first.client.get(`/staff/requests/${id}`);
    expect(page.html).toContain(response.headers.get("x-manifest-sha256")!);
  });

  it("answers 'who used 203.0.113.9 between 10:00 and 11:00' with that account, not one that used it at 11:05", async () => {
    const during = await createTestAccount();
    const after = await createTestAccount();
    const neighbour = await createTestAccount();
    await insertJournalRecords(env.JOURNAL, [
      journal("ip-during", "203.0.113.9", "10:30", during.accountId),
      journal("ip-after", "203.0.113.9", "11:05", after.accountId),
      journal("ip-neighbour", "203.0.113.10", "10:15", neighbour.accountId),
      journal("ip-anonymous", "203.0.113.9", "10:40", null),
    ]);
    const exact = parseIpPrefix("203.0.113.9", LEGAL_SCOPE_MIN_PREFIX_LENGTH);
    if (typeof exact === "string") throw new Error(exact);
    const window = { from: at("10:00"), to: at("11:00") };
    expect((await findAccountsUsingIp(journalDb(env.JOURNAL), { low: exact.low, high: exact.high, ...window })).map((u) => u.accountId)).toEqual([during.accountId]);
    const block = parseIpPrefix("203.0.113.0/24", LEGAL_SCOPE_MIN_PREFIX_LENGTH);
    if (typeof block === "string") throw new Error(block);
    expect((await findAccountsUsingIp(journalDb(env.JOURNAL), { low: block.low, high: block.high, ...window })).map((u) => u.accountId).sort((a, b) => a - b)).toEqual(
      [during.accountId, neighbour.accountId].sort((a, b) => a - b),
    );

    // The same question through the register: the bundle names only that account, with the rows that show it.
    const { files } = await recordApproveExport(
      requestForm({ scope_kind: "ip", ip_prefix: "203.0.113.9", window_from: `${DAY}T10:00`, window_to: `${DAY}T11:00`, category_login_events: "" }),
      { category_account: "on", category_request_journal: "on" },
    );
    const accounts = JSON.parse(new TextDecoder().decode(files["account.json"]!)) as { id: number }[];
    expect(accounts.map((a) => a.id)).toEqual([during.accountId]);
    const rows = JSON.parse(new TextDecoder().decode(files["request_journal.json"]!)) as { requestId: string }[];
    expect(rows.map((r) => r.requestId)).toEqual(["ip-during"]);
  });

  it("matches an IPv6 address whatever its spelling, by its /64 prefix", async () => {
    const user = await createTestAccount();
    await insertJournalRecords(env.JOURNAL, [journal("v6", "2001:DB8:0:7:0::1", "10:10", user.accountId)]);
    const prefix = parseIpPrefix("2001:db8:0:7::/64", LEGAL_SCOPE_MIN_PREFIX_LENGTH);
    if (typeof prefix === "string") throw new Error(prefix);
    expect(prefix.text).toBe("2001:db8:0:7::/64");
    const found = await findAccountsUsingIp(journalDb(env.JOURNAL), { low: prefix.low, high: prefix.high, from: at("10:00"), to: at("11:00") });
    expect(found.map((u) => u.accountId)).toEqual([user.accountId]);
  });

  it("records a partial approval and a request that forbids telling the user: no mail, and the record says so", async () => {
    const subject = await createTestAccount();
    const { id, files } = await recordApproveExport(requestForm({ account: String(subject.accountId), notification_forbidden: "on" }), { category_account: "on", reason: "Login events are beyond what the requisition needs." });
    expect(Object.keys(files).sort()).toEqual(["account.csv", "account.json", "manifest.json"]);
    const request = await env.DB.prepare("SELECT status, decision_reason FROM legal_requests WHERE id = ?").bind(id).first();
    expect(request).toEqual({ status: "partly_approved", decision_reason: "Login events are beyond what the requisition needs." });
    const record = await env.DB.prepare("SELECT user_notified, notification_note FROM legal_exports WHERE request_id = ?").bind(id).first();
    expect(record).toEqual({ user_notified: 0, notification_note: "forbidden by the request" });
    expect(await mailCount(subject.email)).toBe(0);
  });

  it("records a refusal with its reason, and the audit page shows the chain valid", async () => {
    const subject = await createTestAccount();
    const recorded = await first.client.post("/staff/requests", requestForm({ account: subject.email }));
    const id = requestIdFrom(recorded.response.headers.get("location"));
    const refused = await second.client.post(`/staff/requests/${id}/decision`, { decision: "refuse", reason: "Not an official channel." });
    expect(refused.status).toBe(200);
    expect(await env.DB.prepare("SELECT status, decided_by, decision_reason FROM legal_requests WHERE id = ?").bind(id).first()).toEqual({
      status: "refused", decided_by: second.accountId, decision_reason: "Not an official channel.",
    });
    const audit = await second.client.get("/staff/audit");
    expect(audit.status).toBe(200);
    expect(audit.html).toMatch(/data-testid="chain-state" data-valid="true">Chain valid/);
  });
});
