import { beforeAll, describe, expect, it } from "vitest";
import { createTestAccount } from "../../helpers/factories";
import { legalSnapshot, requestForm, staffClient, type StaffClient } from "../../helpers/staff";

let officer: StaffClient;
let subject: { email: string; accountId: number };

/** The error key the page shows for a field. */
function errorKey(html: string, field: string): string | null {
  return new RegExp(`data-error-for="${field}" data-error-key="([a-z_]+)"`).exec(html)?.[1] ?? null;
}

beforeAll(async () => {
  officer = await staffClient("legal");
  subject = await createTestAccount();
  // Opening the pages first: their views are audited, the refused forms below must add nothing.
  await officer.client.get("/staff/requests");
});

describe("bad input on the staff forms: a clear 422 naming the field, and nothing changed", () => {
  it.each([
    ["an unknown legal basis", { legal_basis: "martian_warrant" }, "legal_basis", "unknown_legal_basis"],
    ["a window over a year", { window_from: "2026-01-01T00:00", window_to: "2027-01-02T00:00" }, "window_to", "window_too_long"],
    ["a window ending before it starts", { window_from: "2027-02-01T00:00", window_to: "2027-01-01T00:00" }, "window_to", "window_reversed"],
    ["a malformed window time", { window_from: "2027-02-30T00:00" }, "window_from", "bad_time"],
    ["an IPv4 octet over 255", { scope_kind: "ip", ip_prefix: "203.0.113.300/32" }, "ip_prefix", "malformed_ip_prefix"],
    ["an IPv4 prefix length over 32", { scope_kind: "ip", ip_prefix: "203.0.113.0/33" }, "ip_prefix", "malformed_ip_prefix"],
    ["an IPv4 octet with a leading zero", { scope_kind: "ip", ip_prefix: "203.0.113.09" }, "ip_prefix", "malformed_ip_prefix"],
    ["a prefix length that is not a number", { scope_kind: "ip", ip_prefix: "203.0.113.0/2x4" }, "ip_prefix", "malformed_ip_prefix"],
    ["an IPv6 prefix length over 128", { scope_kind: "ip", ip_prefix: "2001:db8::/129" }, "ip_prefix", "malformed_ip_prefix"],
    ["an IPv6 address with a zone", { scope_kind: "ip", ip_prefix: "fe80::1%eth0" }, "ip_prefix", "malformed_ip_prefix"],
    ["two '::' in an IPv6 address", { scope_kind: "ip", ip_prefix: "2001::db8::1" }, "ip_prefix", "malformed_ip_prefix"],
    ["host bits past the prefix length", { scope_kind: "ip", ip_prefix: "203.0.113.9/24" }, "ip_prefix", "ip_prefix_host_bits"],
    ["a prefix wider than policy allows", { scope_kind: "ip", ip_prefix: "203.0.0.0/16" }, "ip_prefix", "ip_prefix_too_wide"],
    ["no IP at all for an IP scope", { scope_kind: "ip", ip_prefix: "" }, "ip_prefix", "missing"],
    ["an account that does not exist", { account: "nobody-here@example.test" }, "account", "unknown_account"],
    ["a document hash that is not SHA-256", { document_sha256: "abc" }, "document_sha256", "bad_document_hash"],
    ["no data category", { category_account: "", category_login_events: "", category_request_journal: "" }, "category_account", "no_category"],
    ["no reference", { reference: "   " }, "reference", "missing"],
  ])("refuses %s", async (_name, overrides, field, key) => {
    const before = await legalSnapshot();
    const page = await officer.client.post("/staff/requests", requestForm({ account: subject.email, ...overrides }));
    expect(page.status).toBe(422);
    expect(errorKey(page.html, field)).toBe(key);
    // What was typed stays in the form.
    if ("reference" in overrides === false) expect(page.html).toContain('value="PQ-2027-0042"');
    expect(await legalSnapshot()).toBe(before);
  });

  it.each([
    ["a hold without reference", { reference: "" }, "reference", "missing"],
    ["a hold with a malformed IP prefix", { scope_kind: "ip", ip_prefix: "203.0.113.1/40", window_from: "2027-01-01T00:00", window_to: "2027-01-02T00:00" }, "ip_prefix", "malformed_ip_prefix"],
    ["an IP hold over more than a year", { scope_kind: "ip", ip_prefix: "203.0.113.0/24", window_from: "2025-01-01T00:00", window_to: "2027-01-02T00:00" }, "window_to", "window_too_long"],
    ["an IP hold without a window", { scope_kind: "ip", ip_prefix: "203.0.113.0/24" }, "window_from", "window_required"],
    ["an IP hold on data that is not kept by address", { scope_kind: "ip", ip_prefix: "203.0.113.0/24", window_from: "2027-01-01T00:00", window_to: "2027-01-02T00:00", hold_login_events: "on" }, "hold_unverified_accounts", "ip_categories_only"],
    ["a hold without review date", { review_on: "" }, "review_on", "missing"],
    ["a hold of an unknown kind", { kind: "forever" }, "kind", "bad_hold_kind"],
    ["a hold naming an unknown request", { request_id: "424242" }, "request_id", "unknown_request"],
  ])("refuses %s", async (_name, overrides, field, key) => {
    const before = await legalSnapshot();
    const form = { kind: "preservation_order", scope_kind: "account", account: subject.email, ip_prefix: "", window_from: "", window_to: "", reference: "EPOC-PR 2027/17", review_on: "2027-04-01", request_id: "", hold_request_journal: "on", ...overrides };
    const page = await officer.client.post("/staff/holds", form);
    expect(page.status).toBe(422);
    expect(errorKey(page.html, field)).toBe(key);
    expect(await legalSnapshot()).toBe(before);
  });

  it("refuses a decision without a reason for a refusal, and one with a non-numeric id, changing nothing", async () => {
    const other = await staffClient("legal");
    const recorded = await officer.client.post("/staff/requests", requestForm({ account: subject.email }));
    const id = /\/staff\/requests\/(\d+)$/.exec(recorded.response.headers.get("location")!)![1]!;
    const before = await legalSnapshot();
    const page = await other.client.post(`/staff/requests/${id}/decision`, { decision: "refuse", reason: "" });
    expect(page.status).toBe(422);
    expect(errorKey(page.html, "reason")).toBe("missing");
    const partial = await other.client.post(`/staff/requests/${id}/decision`, { decision: "approve", category_account: "on", reason: "" });
    expect(partial.status).toBe(422);
    expect(errorKey(partial.html, "reason")).toBe("partial_needs_reason");
    expect((await other.client.post("/staff/requests/abc/decision", { decision: "approve" })).status).toBe(404);
    expect(await legalSnapshot()).toBe(before);
  });
});
