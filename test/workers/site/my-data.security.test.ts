/**
 * The data-rights routes against other people: forms sent from another site, another account's
 * data, and the legal procedure, whose holds the owner is never told of (that would tip off an
 * investigation): the export, the my-data page, the deletion page and mail read the same with a
 * hold or without.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mainDb } from "../../../src/db/client";
import { placeLegalHold } from "../../../src/legal/holds";
import { DAY_MS } from "../../../src/lib/time";
import { accountIdOf } from "../../helpers/account-data";
import { api, originFile } from "../../helpers/api";
import { countRows, snapshotDatabase } from "../../helpers/storage";
import { registeredClient, waitForMail, type WebClient } from "../../helpers/web-client";

const HOLD_REFERENCE = "PARQUET-2027-SECRET-4711";

async function holdAccount(accountId: number): Promise<void> {
  const now = Date.now();
  await placeLegalHold(
    mainDb(env.DB),
    {
      officer: { accountId: 9_001, role: "legal" },
      hold: { kind: "preservation_order", scope: { kind: "account", accountId }, windowFrom: null, windowTo: null, categories: ["login_events", "request_journal", "traffic_counters", "payments", "closed_accounts"], reference: HOLD_REFERENCE, requestId: null, reviewAt: now + 30 * DAY_MS },
    },
    now,
  );
}

/** A page's main content with what differs between two accounts (dates, times, ids, addresses) blanked. */
function shape(html: string, email: string): string {
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return main
    .replaceAll(email, "EMAIL")
    .replace(/\d{1,2} \w{3,9} \d{4}(, \d{2}:\d{2} UTC)?/g, "DATE")
    .replace(/\d+/g, "N");
}

describe("forms from another site", () => {
  it("cannot export, acknowledge or delete: 403, nothing recorded", async () => {
    const { client, password } = await registeredClient();
    const before = await snapshotDatabase(env.DB, ["sessions"]);
    for (const [path, form] of [["/account/data/export", {}], ["/account/delete", { current_password: password, confirm: "1" }], ["/privacy/acknowledge", { version: "1" }]] as const) {
      const page = await client.post(path, form, { origin: "https://evil.example" });
      expect(page.status, path).toBe(403);
      expect(page.response.headers.get("content-disposition")).toBeNull();
    }
    expect(await snapshotDatabase(env.DB, ["sessions"])).toEqual(before);
    expect((await client.get("/account")).status).toBe(200);
  });
});

describe("another account's data", () => {
  it("never appears in an export or on the my-data page", async () => {
    const a = await registeredClient();
    const b = await registeredClient({ ip: "198.51.100.201" });
    const bId = await accountIdOf(b.email);
    const token = /data-testid="new-token">([^<]+)</.exec((await b.client.post("/account/api-token", {})).html)![1]!;
    expect((await api("unrestrict/link", { token, form: { link: originFile(4096, "someone-elses-secret.bin", 9).url }, headers: { "cf-connecting-ip": b.client.ip } })).status).toBe(200);
    for (const text of [(await a.client.get("/api/me/data")).html, (await a.client.get("/account/data")).html]) {
      expect(text).not.toContain(b.email);
      expect(text).not.toContain(b.client.ip);
      expect(text).not.toContain("someone-elses-secret");
      expect(text).not.toContain(token);
    }
    const document = JSON.parse((await a.client.get("/api/me/data")).html) as { account_id: number; categories: Record<string, { items: Record<string, unknown>[] }> };
    expect(document.account_id).not.toBe(bId);
    expect(document.categories.accounts!.items.map((i) => i.id)).toEqual([await accountIdOf(a.email)]);
  });
});

describe("legal holds", () => {
  async function deleteAndRead(user: { client: WebClient; email: string; password: string }) {
    const exported = (await user.client.get("/api/me/data")).html;
    const page = (await user.client.get("/account/data")).html;
    const deletePage = (await user.client.get("/account/delete")).html;
    const confirmation = (await user.client.post("/account/delete", { current_password: user.password, confirm: "1" })).html;
    const mail = (await waitForMail(user.email, "deleted")).body;
    return { exported, page, deletePage, confirmation, mail };
  }

  it("are never told to the owner: export, my-data page, deletion page, confirmation and mail read the same as without one", async () => {
    const held = await registeredClient();
    const free = await registeredClient();
    const heldId = await accountIdOf(held.email);
    const freeId = await accountIdOf(free.email);
    await holdAccount(heldId);
    const withHold = await deleteAndRead(held);
    const without = await deleteAndRead(free);
    for (const text of Object.values(withHold)) {
      expect(text).not.toContain(HOLD_REFERENCE);
      expect(text).not.toMatch(/legal hold|preservation|gel conservatoire|\bhold\b/i);
    }
    expect(shape(withHold.confirmation, held.email)).toBe(shape(without.confirmation, free.email));
    expect(shape(withHold.deletePage, held.email)).toBe(shape(without.deletePage, free.email));
    expect(withHold.mail.replace(/\d+/g, "N")).toBe(without.mail.replace(/\d+/g, "N"));
    const a = JSON.parse(withHold.exported) as { categories: Record<string, { items: Record<string, unknown>[] }> };
    const b = JSON.parse(without.exported) as { categories: Record<string, { items: Record<string, unknown>[] }> };
    expect(Object.keys(a.categories)).toEqual(Object.keys(b.categories));
    // The held account's dates are the policy's, as anyone's.
    for (const item of a.categories.login_events!.items) expect(Date.parse(String(item.deleted_by)) - Date.parse(String(item.at))).toBe(365 * DAY_MS);
    // And the hold did keep what it holds.
    expect(await countRows("login_events", "account_id = ?", heldId)).toBeGreaterThan(0);
    expect(await countRows("login_events", "account_id = ?", freeId)).toBe(0);
  });
});
