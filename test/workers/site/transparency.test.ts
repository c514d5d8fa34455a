import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestAccount } from "../../helpers/factories";
import { requestForm, requestIdFrom, staffClient, type StaffClient } from "../../helpers/staff";
import { WebClient } from "../../helpers/web-client";

let first: StaffClient;
let second: StaffClient;

async function record(overrides: Record<string, string>): Promise<number> {
  const page = await first.client.post("/staff/requests", requestForm(overrides));
  expect(page.status).toBe(303);
  return requestIdFrom(page.response.headers.get("location"));
}

function figure(html: string, period: string, name: string): number {
  const section = new RegExp(`data-period="${period}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
  const match = new RegExp(`data-(?:figure|basis)="${name}">(\\d+)<`).exec(section);
  if (!match) throw new Error(`no figure ${name} for ${period}`);
  return Number(match[1]);
}

beforeAll(async () => {
  first = await staffClient("legal");
  second = await staffClient("legal");
});

describe("/transparency", () => {
  it("shows, per half-year, figures that match the register after requests are recorded, approved and refused", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    const complied = await record({ account: a.email, received_on: "2027-02-10" });
    const partly = await record({ account: b.email, received_on: "2027-05-31", legal_basis: "eu_production_order" });
    const refused = await record({ account: a.email, received_on: "2027-06-30", legal_basis: "mutual_legal_assistance" });
    await record({ account: b.email, received_on: "2027-03-01" });
    await record({ account: a.email, received_on: "2026-11-20", legal_basis: "own_legal_claim" });
    await record({ account: a.email, received_on: "2027-07-01" });

    expect((await second.client.post(`/staff/requests/${complied}/decision`, { decision: "approve", category_account: "on", category_login_events: "on", category_request_journal: "on" })).status).toBe(200);
    expect((await second.client.post(`/staff/requests/${partly}/decision`, { decision: "approve", category_account: "on", reason: "Minimum needed." })).status).toBe(200);
    expect((await second.client.post(`/staff/requests/${refused}/decision`, { decision: "refuse", reason: "Not via an official channel." })).status).toBe(200);
    expect((await first.client.post(`/staff/requests/${complied}/export`, {})).status).toBe(200);
    expect((await first.client.post(`/staff/requests/${partly}/export`, {})).status).toBe(200);

    const page = await new WebClient().get("/en/transparency");
    expect(page.status).toBe(200);
    const h1 = { received: 4, complied: 1, partly: 1, refused: 1, pending: 1, accounts: 2, fr_judicial_requisition: 2, eu_production_order: 1, mutual_legal_assistance: 1, own_legal_claim: 0 };
    for (const [name, value] of Object.entries(h1)) expect(figure(page.html, "2027-H1", name), name).toBe(value);
    const h2of2026 = { received: 1, complied: 0, pending: 1, accounts: 0, own_legal_claim: 1 };
    for (const [name, value] of Object.entries(h2of2026)) expect(figure(page.html, "2026-H2", name), name).toBe(value);
    expect(figure(page.html, "2027-H2", "received")).toBe(1);
    // Newest half-year first, in French too, and linked from the privacy policy.
    expect(page.html.indexOf('data-period="2027-H2"')).toBeLessThan(page.html.indexOf('data-period="2027-H1"'));
    const fr = await exports.default.fetch("https://relais.test/fr/transparency");
    expect(await fr.text()).toContain("Rapport de transparence");
    const privacy = await new WebClient().get("/en/privacy");
    expect(privacy.html).toContain('href="/en/transparency"');
  });
});
