/**
 * "My data": everything the account holds, on a page, as one downloaded JSON file and at
 * GET /api/me/data, every category of the retention policy that can hold an account's data, each
 * item dated by the retention module; secrets never leave.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../../src/lib/crypto";
import { HASH_KEPT, INVENTORY, OUTSIDE_INVENTORY } from "../../../src/my-data";
import { deletionDeadline, describePeriod, RETENTION_CATEGORIES, type RetentionCategory } from "../../../src/retention/policy";
import { fullAccount, type FullAccount } from "../../helpers/account-data";
import { siteJson } from "../../helpers/api";
import { waitFor } from "../../helpers/storage";

type ExportDocument = {
  format: string;
  account_id: number;
  generated_at: string;
  categories: Record<string, { data: string; purpose: string; period: string; period_ms: number | null; kept_after_account_deletion: string | null; items: Record<string, unknown>[] }>;
};

/** Categories this account has data in after fullAccount() (the others: an unverified or closed account's, and device codes, deleted once used). */
const EMPTY_FOR_A_VERIFIED_ACCOUNT = new Set(["unverified_accounts", "closed_accounts", "device_codes"]);

let user: FullAccount;
let exported: { status: number; headers: Headers; text: string; document: ExportDocument };

beforeAll(async () => {
  user = await fullAccount();
  const page = await user.client.post("/account/data/export", {});
  exported = { status: page.status, headers: page.response.headers, text: page.html, document: JSON.parse(page.html) as ExportDocument };
});

describe("the data export", () => {
  it("is one JSON file to download, made on demand, not cached", () => {
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="relais-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(exported.headers.get("cache-control")).toBe("no-store");
    expect(exported.document).toMatchObject({ format: "relais-account-data", account_id: user.accountId });
  });

  it("has a place for every category of the policy that can hold an account's data, in the policy's order, and only those", () => {
    const expected = RETENTION_CATEGORIES.filter((c) => !(c.id in OUTSIDE_INVENTORY)).map((c) => c.id);
    expect(Object.keys(exported.document.categories)).toEqual(expected);
    for (const id of Object.keys(OUTSIDE_INVENTORY)) expect(exported.document.categories).not.toHaveProperty(id);
  });

  it("gives each category its purpose and period, and each item the date the retention module deletes it by", () => {
    const categories = RETENTION_CATEGORIES as readonly RetentionCategory[];
    for (const category of categories.filter((c) => !(c.id in OUTSIDE_INVENTORY))) {
      const section = exported.document.categories[category.id]!;
      expect(section, category.id).toMatchObject({ data: category.data.en, purpose: category.purpose.en, period: describePeriod(category.periodMs, "en"), period_ms: category.periodMs });
      expect(section.kept_after_account_deletion).toBe(category.keptAfterClosure?.en ?? null);
      if (!EMPTY_FOR_A_VERIFIED_ACCOUNT.has(category.id)) expect(section.items.length, `${category.id} has items`).toBeGreaterThan(0);
      for (const item of section.items) {
        const time = category.sweep?.timeColumn;
        const at = time ? Date.parse(String(item[time])) : null;
        expect(Number.isNaN(at), `${category.id}: ${time} = ${String(time ? item[time] : null)}`).toBe(false);
        const deadline = deletionDeadline(category, at);
        expect(item.deleted_by, `${category.id} ${JSON.stringify(item)}`).toBe(deadline === null ? null : new Date(deadline).toISOString());
        // The period in full for a period category (kept this long, and not longer), the deadline's own hour for a deadline one.
        if (deadline !== null && at !== null) expect(deadline - at).toBe(category.sweep?.deadline ? 3_600_000 : category.periodMs);
      }
    }
  });

  it("holds what the account did: its link decrypted, its payment, its journal rows, its sessions and places", () => {
    const c = exported.document.categories;
    expect(c.accounts!.items[0]).toMatchObject({ id: user.accountId, email: user.email, password_hash: HASH_KEPT, policy_version_accepted: 1 });
    expect(c.download_links!.items[0]).toMatchObject({ filename: "holiday.mkv", readable: true, filesize: 2048 });
    expect(String(c.download_links!.items[0]!.link)).toContain("/files/2048/holiday.mkv");
    expect(c.payments!.items[0]).toMatchObject({ status: "paid", currency: "eur" });
    expect(c.request_journal!.items.some((r) => r.path === "/account/api-token")).toBe(true);
    expect(c.known_places!.items[0]).toMatchObject({ country: "FR", asn: 3215 });
    expect(c.trusted_networks!.items[0]).toMatchObject({ label: "Home", network: "192.0.2.0/24" });
    expect(c.login_challenges!.items[0]).toMatchObject({ purpose: "login", reason: "new_place", country: "JP", code_hash: HASH_KEPT, token_hash: HASH_KEPT });
    expect(c.avatars!.items[0]!.picture_base64).toEqual(expect.any(String));
    expect(c.rate_limits!.items.map((r) => r.key)).toContain(`login:account:${user.accountId}`);
    expect(c.oauth_clients!.items[0]).toMatchObject({ name: expect.any(String), client_secret_hash: HASH_KEPT });
  });

  it("holds every throttle counter that names the account", async () => {
    // Keys of the form `<what>:<account id>` or `<what>:account:<id>:…`, and `<what>:session:<id>` of its sessions.
    const { results } = await env.DB.prepare("SELECT key FROM rate_limits").all<{ key: string }>();
    const sessionIds = (await env.DB.prepare("SELECT id FROM sessions WHERE account_id = ?").bind(user.accountId).all<{ id: number }>()).results.map((r) => String(r.id));
    const id = String(user.accountId);
    const naming = results.map((r) => r.key).filter((key) => {
      const parts = key.split(":");
      const last = parts[parts.length - 1]!;
      return parts[parts.length - 2] === "session" ? sessionIds.includes(last) : last === id || (parts[1] === "account" && parts[2] === id);
    });
    expect(naming.filter((key) => key.includes(":session:")).length).toBeGreaterThanOrEqual(2);
    expect(naming.length).toBeGreaterThanOrEqual(4);
    expect(exported.document.categories.rate_limits!.items.map((r) => r.key).sort()).toEqual(expect.arrayContaining(naming.sort()));
  });

  it("never exports a secret: no password, token, code or cookie hash, no token itself", async () => {
    const hashes: string[] = [];
    for (const [table, column, owner] of [
      ["accounts", "password_hash", "id"], ["api_tokens", "token_hash", "account_id"], ["sessions", "token_hash", "account_id"], ["login_challenges", "code_hash", "account_id"],
      ["login_challenges", "token_hash", "account_id"], ["email_tokens", "token_hash", "account_id"], ["oauth_clients", "client_secret_hash", "account_id"],
    ]) {
      const { results } = await env.DB.prepare(`SELECT ${column} AS h FROM ${table} WHERE ${owner} = ?`).bind(user.accountId).all<{ h: string | null }>();
      hashes.push(...results.map((r) => r.h).filter((h): h is string => Boolean(h)));
    }
    const secrets = [...hashes, user.token, user.appToken, user.client.cookie!.split("=")[1]!, await sha256Hex(user.token)];
    expect(secrets.length).toBeGreaterThan(8);
    for (const secret of secrets) expect(exported.text).not.toContain(secret);
    expect(exported.text).toContain(HASH_KEPT);
  });

  it("is recorded in the login history, where the security page shows it", async () => {
    const row = await env.DB.prepare("SELECT result, reason, ip FROM login_events WHERE account_id = ? AND reason = 'data_export'").bind(user.accountId).first();
    expect(row).toEqual({ result: "success", reason: "data_export", ip: user.client.ip });
    expect((await user.client.get("/account/security")).html).toContain("export of your data");
  });

  it("answers the same document at GET /api/me/data, inline, and records that read too", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM login_events WHERE account_id = ? AND reason = 'data_export'").bind(user.accountId).first<{ n: number }>();
    const response = await user.client.get("/api/me/data");
    expect(response.status).toBe(200);
    expect(response.response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.response.headers.get("content-disposition")).toBeNull();
    const document = JSON.parse(response.html) as ExportDocument;
    expect(Object.keys(document.categories)).toEqual(Object.keys(exported.document.categories));
    expect(document.categories.download_links!.items).toEqual(exported.document.categories.download_links!.items);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM login_events WHERE account_id = ? AND reason = 'data_export'").bind(user.accountId).first<{ n: number }>();
    expect(after!.n).toBe(before!.n + 1);
  });

  it("reads the whole of a category past one page of the export's queries", async () => {
    // 5,001 journal rows of the account: two pages of DATA_EXPORT_PAGE_ROWS, none lost or doubled.
    const base = Date.now() - 10 * 86_400_000;
    const rows = Array.from({ length: 5001 }, (_, i) => ({ request_id: `bulk-${i}`, at: base + Math.floor(i / 2), account_id: user.accountId }));
    await env.JOURNAL.prepare(
      "INSERT INTO request_journal (request_id, at, method, host, path, status, duration_ms, response_bytes, account_id) SELECT value ->> '$.request_id', value ->> '$.at', 'GET', 'relais.test', '/bulk', 200, 1, 1, value ->> '$.account_id' FROM json_each(?)",
    )
      .bind(JSON.stringify(rows))
      .run();
    const response = await user.client.get("/api/me/data");
    const items = (JSON.parse(response.html) as ExportDocument).categories.request_journal!.items;
    const bulk = items.filter((r) => String(r.request_id).startsWith("bulk-"));
    expect(bulk).toHaveLength(5001);
    expect(new Set(bulk.map((r) => r.request_id)).size).toBe(5001);
  });
});

describe("the my-data page", () => {
  it("lists every category with its items and their deletion dates, the download, and what can be corrected where", async () => {
    const page = await user.client.get("/account/data");
    expect(page.status).toBe(200);
    for (const section of INVENTORY) expect(page.html).toContain(`data-category="${section.category.id}"`);
    expect(page.html).toContain("deleted by");
    expect(page.html).toContain('action="/account/data/export"');
    for (const href of ["/account/settings", "/account/security", "/downloads", "/account/delete"]) expect(page.html).toContain(`href="${href}"`);
    expect(page.html).toContain("record what happened");
    expect(page.html).toContain("accounting records");
    expect(page.html).toContain("Version accepted at sign-up: 1.");
    expect(page.html).not.toContain(user.token);
  });

  it("lets the language be corrected from the settings, and shows the correction at once", async () => {
    expect((await user.client.post("/account/settings", { setting_name: "locale", setting_value: "en" })).status).toBe(200);
    const document = JSON.parse((await user.client.get("/api/me/data")).html) as ExportDocument;
    expect(document.categories.accounts!.items[0]).toMatchObject({ locale: "en" });
    expect((await user.client.post("/account/settings", { setting_name: "locale", setting_value: "fr" })).status).toBe(200);
    const again = JSON.parse((await user.client.get("/api/me/data")).html) as ExportDocument;
    expect(again.categories.accounts!.items[0]).toMatchObject({ locale: "fr" });
  });

  it("is linked from the account page, with account deletion", async () => {
    const page = await user.client.get("/account");
    expect(page.html).toContain('href="/account/data"');
    expect(page.html).toContain('href="/account/delete"');
  });
});

describe("GET /api/me/data", () => {
  it("sends a JSON document a program can read, the journal rows of its own requests included", async () => {
    const first = await siteJson("/api/me/data", { headers: { cookie: user.client.cookie!, "cf-connecting-ip": user.client.ip } });
    expect(first.status).toBe(200);
    const requestIds = new Set((first.body as ExportDocument).categories.request_journal!.items.map((r) => r.request_id));
    // That read is itself journalled: it shows in the next one.
    await waitFor(async () => (await env.JOURNAL.prepare("SELECT count(*) AS n FROM request_journal WHERE account_id = ? AND path = '/api/me/data'").bind(user.accountId).first<{ n: number }>())!.n, (n) => n >= 3);
    const second = await siteJson("/api/me/data", { headers: { cookie: user.client.cookie!, "cf-connecting-ip": user.client.ip } });
    const newer = (second.body as ExportDocument).categories.request_journal!.items.filter((r) => !requestIds.has(r.request_id));
    expect(newer.some((r) => r.path === "/api/me/data")).toBe(true);
  });
});
