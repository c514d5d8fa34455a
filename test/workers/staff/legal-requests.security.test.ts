import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestAccount } from "../../helpers/factories";
import { auditRows, requestForm, requestIdFrom, staffClient, type StaffClient } from "../../helpers/staff";
import { WebClient } from "../../helpers/web-client";

let first: StaffClient;
let second: StaffClient;
let subject: { accountId: number; email: string };

async function record(by: StaffClient, overrides: Record<string, string> = {}): Promise<number> {
  const page = await by.client.post("/staff/requests", requestForm({ account: subject.email, ...overrides }));
  expect(page.status).toBe(303);
  return requestIdFrom(page.response.headers.get("location"));
}

async function lastAudit() {
  const rows = await auditRows();
  return rows[rows.length - 1]!;
}

beforeAll(async () => {
  first = await staffClient("legal");
  second = await staffClient("legal");
  subject = await createTestAccount();
});

describe("four-eyes and roles: refused actions answer 403 and are audited", () => {
  it("refuses an export to an account without the legal role, and audits it", async () => {
    const id = await record(first);
    await second.client.post(`/staff/requests/${id}/decision`, { decision: "approve", category_account: "on", category_login_events: "on", category_request_journal: "on" });
    for (const role of ["user", "admin"] as const) {
      const other = await staffClient(role);
      const page = await other.client.post(`/staff/requests/${id}/export`, {});
      expect(page.status).toBe(403);
      expect(page.response.headers.get("content-type")).toContain("text/html");
      expect(await lastAudit()).toMatchObject({ actor_account_id: other.accountId, actor_role: role, action: "access", outcome: "refused", subject: `POST /staff/requests/${id}/export` });
    }
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM legal_exports WHERE request_id = ?").bind(id).first<{ n: number }>())!.n).toBe(0);
  });

  it("refuses an export of a request no second officer approved, and audits it", async () => {
    const id = await record(first);
    const page = await first.client.post(`/staff/requests/${id}/export`, {});
    expect(page.status).toBe(403);
    expect(await lastAudit()).toMatchObject({ actor_account_id: first.accountId, action: "export_request", outcome: "refused", subject: `request:${id}` });
    expect(JSON.parse((await lastAudit()).details)).toEqual({ reason: "not_approved" });
  });

  it("refuses the recording officer's own approval, and audits it", async () => {
    const id = await record(first);
    const page = await first.client.post(`/staff/requests/${id}/decision`, { decision: "approve", category_account: "on" });
    expect(page.status).toBe(403);
    expect(await lastAudit()).toMatchObject({ actor_account_id: first.accountId, action: "approve_request", outcome: "refused" });
    expect(JSON.parse((await lastAudit()).details)).toEqual({ reason: "same_officer" });
    const row = await env.DB.prepare("SELECT status, decided_by FROM legal_requests WHERE id = ?").bind(id).first();
    expect(row).toEqual({ status: "pending", decided_by: null });
  });

  it("refuses an export by the approving officer alone (only the recording officer receives the data), and audits it", async () => {
    const id = await record(first);
    const approved = await second.client.post(`/staff/requests/${id}/decision`, { decision: "approve", category_account: "on", category_login_events: "on", category_request_journal: "on" });
    expect(approved.status).toBe(200);
    const page = await second.client.post(`/staff/requests/${id}/export`, {});
    expect(page.status).toBe(403);
    expect(await lastAudit()).toMatchObject({ actor_account_id: second.accountId, action: "export_request", outcome: "refused", subject: `request:${id}` });
    expect(JSON.parse((await lastAudit()).details)).toEqual({ reason: "not_recording_officer" });
  });

  it("refuses an export without a recorded request, and audits it", async () => {
    const page = await first.client.post("/staff/requests/987654/export", {});
    expect(page.status).toBe(403);
    expect(await lastAudit()).toMatchObject({ actor_account_id: first.accountId, action: "export_request", outcome: "refused", subject: "request:987654" });
    expect(JSON.parse((await lastAudit()).details)).toEqual({ reason: "no_request" });
  });

  it("lets an approval be downloaded once: the second download is refused and audited", async () => {
    const id = await record(first);
    await second.client.post(`/staff/requests/${id}/decision`, { decision: "approve", category_account: "on", category_login_events: "on", category_request_journal: "on" });
    const once = await first.client.post(`/staff/requests/${id}/export`, {});
    expect(once.status).toBe(200);
    const twice = await first.client.post(`/staff/requests/${id}/export`, {});
    expect(twice.status).toBe(403);
    expect(JSON.parse((await lastAudit()).details)).toEqual({ reason: "already_exported" });
    const exports = (await env.DB.prepare("SELECT COUNT(*) AS n FROM legal_exports WHERE request_id = ?").bind(id).first<{ n: number }>())!.n;
    expect(exports).toBe(1);
  });

  it("sends a visitor without a session to the login page, and refuses a form from another site", async () => {
    const visitor = new WebClient();
    const page = await visitor.get("/staff/requests");
    expect(page.status).toBe(303);
    expect(page.response.headers.get("location")).toBe("/login?next=%2Fstaff%2Frequests");
    const before = (await auditRows()).length;
    const forged = await first.client.post("/staff/requests", requestForm({ account: subject.email }), { origin: "https://evil.test" });
    expect(forged.status).toBe(403);
    expect(await auditRows()).toHaveLength(before);
  });

  it("asks for the password again after 10 minutes, does nothing meanwhile, and goes on once it is typed", async () => {
    const officer = await staffClient("legal");
    await env.DB.prepare("UPDATE sessions SET reauthenticated_at = reauthenticated_at - 11 * 60 * 1000 WHERE account_id = ?").bind(officer.accountId).run();
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM legal_requests").first<{ n: number }>();
    const refused = await officer.client.post("/staff/requests", requestForm({ account: subject.email }));
    expect(refused.status).toBe(401);
    expect(refused.html).toContain('action="/staff/reauthenticate"');
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM legal_requests").first<{ n: number }>()).toEqual(before);
    const wrong = await officer.client.post("/staff/reauthenticate", { password: "not the password at all", next: "/staff/requests" });
    expect(wrong.status).toBe(401);
    const right = await officer.client.post("/staff/reauthenticate", { password: officer.password, next: "/staff/requests" });
    expect(right.status).toBe(303);
    expect(right.response.headers.get("location")).toBe("/staff/requests");
    expect((await officer.client.get("/staff/requests")).status).toBe(200);
    const offsite = await officer.client.post("/staff/reauthenticate", { password: officer.password, next: "https://evil.test/" });
    expect(offsite.response.headers.get("location")).toBe("/staff");
  });

  it("lets an admin change roles but never their own, audited either way", async () => {
    const admin = await staffClient("admin");
    const target = await staffClient("user");
    const granted = await admin.client.post("/staff/roles", { email: target.email, role: "legal" });
    expect(granted.status).toBe(200);
    expect(await lastAudit()).toMatchObject({ actor_account_id: admin.accountId, action: "change_role", outcome: "done", subject: `account:${target.accountId}` });
    expect((await target.client.get("/staff/requests")).status).toBe(200);
    const own = await admin.client.post("/staff/roles", { email: admin.email, role: "user" });
    expect(own.status).toBe(403);
    expect(await lastAudit()).toMatchObject({ actor_account_id: admin.accountId, action: "change_role", outcome: "refused" });
    expect((await first.client.post("/staff/roles", { email: target.email, role: "admin" })).status).toBe(403);
  });
});
