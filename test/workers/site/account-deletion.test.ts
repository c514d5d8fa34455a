/**
 * Account deletion from the account pages: every credential ends at once, the account's data goes,
 * only what the law requires stays (locked away, listed on the confirmation page with its period and
 * basis), the address can sign up again, and the old account can never sign in.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { avatarKey } from "../../../src/lib/kv-keys";
import { INVENTORY, KEPT_AFTER_CLOSURE } from "../../../src/my-data";
import { api, SITE } from "../../helpers/api";
import { accountIdOf, fullAccount } from "../../helpers/account-data";
import { countRows, waitFor } from "../../helpers/storage";
import { GOOD_PASSWORD, loginCodeFromMail, mailCount, PLACES, registeredClient, tokenFromMail, waitForMail, WebClient } from "../../helpers/web-client";

/** Rows of each inventory table that name the account, but the tables the law keeps after deletion. */
async function ownedRows(accountId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const section of INVENTORY) {
    if (section.store !== "DB" || section.category.keptAfterClosure || section.tableName === "rate_limits" || section.tableName === "api_rate_windows") continue;
    const owner = section.columns.omitted.account_id ? "account_id" : section.columns.omitted.approved_account_id ? "approved_account_id" : section.tableName === "accounts" ? "id" : "account_id";
    out[section.tableName] = await countRows(section.tableName, `${owner} = ?`, accountId);
  }
  out.rate_limits = await countRows("rate_limits", "key LIKE ? OR key LIKE ? OR key = ?", `login:account:${accountId}`, `login:account:${accountId}:%`, `login-code:${accountId}`);
  return out;
}

describe("deleting one's account", () => {
  it("ends every credential, erases the account's data, keeps only what the law requires, and frees the address", async () => {
    const user = await fullAccount();
    const { accountId, client } = user;
    const avatar = await env.DB.prepare("SELECT public_id FROM avatars WHERE account_id = ?").bind(accountId).first<{ public_id: string }>();
    const cookie = client.cookie!;
    const before = await ownedRows(accountId);
    // The throttle counters that name the account, as its export lists them (its sessions' included).
    const counters = (JSON.parse((await client.get("/api/me/data")).html) as { categories: { rate_limits: { items: { key: string }[] } } }).categories.rate_limits.items.map((r) => r.key);
    expect(counters.some((key) => key.includes(":session:"))).toBe(true);
    expect(before.sessions).toBeGreaterThan(0);
    expect(before.downloads).toBe(1);

    const form = await client.get("/account/delete");
    expect(form.status).toBe(200);
    for (const category of KEPT_AFTER_CLOSURE) expect(form.html).toContain(category.keptAfterClosure!.en);

    const deleted = await client.post("/account/delete", { current_password: user.password, confirm: "1" });
    expect(deleted.status).toBe(200);
    expect(deleted.html).toContain("Your account is deleted");
    // Each kept category, with its period and legal basis, on the confirmation page.
    for (const category of KEPT_AFTER_CLOSURE) {
      expect(deleted.html).toContain(`data-category="${category.id}"`);
      expect(deleted.html).toContain(category.keptAfterClosure!.en);
    }
    expect(deleted.html).toContain("Period: 1 year");
    expect(deleted.html).toContain("Period: 10 years");
    expect(deleted.html).toMatch(/accounting records[^<]*1 record\. Kept until \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC at the latest\./);
    expect(deleted.html).toContain("Data may also be kept longer where the law requires it.");
    // Logged out: the cookie is cleared, and the browser told to forget it.
    expect(deleted.setCookies).toHaveLength(1);
    expect(deleted.setCookies[0]).toMatch(/^__Host-session=;.*Max-Age=0/i);
    expect(deleted.response.headers.get("clear-site-data")).toBe('"cookies"');
    expect(client.cookie).toBeNull();
    // The page is a logged-out one, but the deletion's own request is journaled as the account's.
    expect(deleted.html).not.toContain('href="/logout"');
    expect(deleted.html).toContain('href="/login"');
    const journaled = await waitFor(
      async () => (await env.JOURNAL.prepare("SELECT account_id FROM request_journal WHERE method = 'POST' AND path = '/account/delete' AND status = 200").all<{ account_id: number | null }>()).results,
      (rows) => rows.length > 0,
    );
    expect(journaled.map((r) => r.account_id)).toEqual([accountId]);

    // Every session ends at once, the old cookie too.
    client.cookie = cookie;
    expect((await client.get("/account")).status).toBe(303);
    client.cookie = null;
    // The private token and the app's token: 401 code 8.
    for (const token of [user.token, user.appToken]) {
      const response = await api("user", { token });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "bad_token", error_code: 8 });
    }
    // The generated link no longer downloads.
    const download = await exports.default.fetch(user.downloadUrl, { headers: { "cf-connecting-ip": client.ip } });
    expect(download.status).toBe(404);
    expect(await download.json()).toMatchObject({ error: "download_expired", error_code: 7 });
    // The old account can never sign in again.
    expect((await new WebClient(client.ip, client.cf).post("/login", { email: user.email, password: user.password })).status).toBe(401);

    // Its data is gone: every table of the inventory but those the law keeps.
    const after = await ownedRows(accountId);
    for (const [table, n] of Object.entries(after)) expect(n, table).toBe(0);
    expect(await countRows("api_rate_windows", "token_id NOT IN (SELECT id FROM api_tokens)")).toBe(0);
    expect(await countRows("rate_limits", `key IN (${counters.map(() => "?").join(", ")})`, ...counters)).toBe(0);
    expect(await env.KV.get(avatarKey(avatar!.public_id))).toBeNull();
    // What the law requires stays: identification data, the payment record, the journal rows.
    const closed = await env.DB.prepare("SELECT account_id, email, password_hash, signup_ip, closed_at FROM closed_accounts WHERE account_id = ?").bind(accountId).first();
    expect(closed).toMatchObject({ account_id: accountId, email: user.email, signup_ip: client.ip });
    expect(String(closed!.password_hash)).toMatch(/^pbkdf2/);
    expect(await countRows("payments", "account_id = ?", accountId)).toBe(1);
    expect((await env.JOURNAL.prepare("SELECT count(*) AS n FROM request_journal WHERE account_id = ?").bind(accountId).first<{ n: number }>())!.n).toBeGreaterThan(0);

    // The owner is told, with what was kept.
    const mail = await waitForMail(user.email, "deleted");
    expect(mail.body).toContain("can create a new account right away");
    expect(mail.body).toContain(KEPT_AFTER_CLOSURE[0]!.keptAfterClosure!.en);

    // The same address signs up again, as a new account with a new id.
    const again = new WebClient(client.ip, client.cf);
    const mailsBefore = await mailCount(user.email);
    expect((await again.post("/register", { email: user.email, password: GOOD_PASSWORD })).status).toBe(200);
    await waitFor(() => mailCount(user.email), (n) => n > mailsBefore);
    const confirm = await waitForMail(user.email, "Confirm");
    expect((await again.post("/verify", { token: tokenFromMail(confirm.body) })).status).toBe(200);
    expect((await again.post("/login", { email: user.email, password: GOOD_PASSWORD })).status).toBe(303);
    const newId = await accountIdOf(user.email);
    expect(newId).toBeGreaterThan(accountId);
    const fresh = JSON.parse((await again.get("/api/me/data")).html) as { categories: Record<string, { items: unknown[] }> };
    expect(fresh.categories.payments!.items).toEqual([]);
    expect(fresh.categories.download_links!.items).toEqual([]);
  });

  it("from a place the account has not used, waits for the code mailed to the owner, in that session only", async () => {
    const { client, email, password } = await registeredClient({ cf: PLACES.paris });
    const accountId = await accountIdOf(email);
    // The same session, now used from São Paulo (a stolen cookie, say).
    const abroad = new WebClient("203.0.113.77", PLACES.saoPaulo);
    abroad.cookie = client.cookie;
    const held = await abroad.post("/account/delete", { current_password: password, confirm: "1" });
    expect(held.status).toBe(200);
    expect(held.html).toContain("Confirm the deletion of your account");
    expect(await countRows("accounts", "id = ?", accountId)).toBe(1);
    const mail = await waitForMail(email, "Account deletion code");
    expect(mail.body).toContain("A request to delete your Relais account comes from an unusual place.");
    const challenge = /name="challenge" value="([A-Z2-7]{52})"/.exec(held.html)![1]!;

    // Another session cannot use this code.
    const { client: other } = await registeredClient({ cf: PLACES.paris });
    const foreign = await other.post("/account/delete/code", { challenge, code: loginCodeFromMail(mail.body) });
    expect(foreign.status).toBe(400);
    expect(await countRows("accounts", "id = ?", accountId)).toBe(1);

    const wrong = await abroad.post("/account/delete/code", { challenge, code: loginCodeFromMail(mail.body) === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain("This is not the right code. 4 more tries.");
    expect(await countRows("accounts", "id = ?", accountId)).toBe(1);

    const done = await abroad.post("/account/delete/code", { challenge, code: loginCodeFromMail(mail.body) });
    expect(done.status).toBe(200);
    expect(done.html).toContain("Your account is deleted");
    expect(await countRows("accounts", "id = ?", accountId)).toBe(0);
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(1);
    expect((await client.get("/account")).status).toBe(303);
  });

  it("is also for an account that has done nothing yet (nothing to keep but its identification)", async () => {
    const { client, email, password } = await registeredClient();
    const accountId = await accountIdOf(email);
    const deleted = await client.post("/account/delete", { current_password: password, confirm: "1" });
    expect(deleted.status).toBe(200);
    // Payments: none recorded.
    expect(deleted.html).toMatch(/accounting records[^<]*You have none\./);
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(1);
    const response = await exports.default.fetch(`${SITE}/api/me/data`, { headers: { cookie: "__Host-session=AAAA" } });
    expect(response.status).toBe(401);
  });
});
