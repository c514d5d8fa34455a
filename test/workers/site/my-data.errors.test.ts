/**
 * Bad input on the data-rights routes: a wrong password or a missing confirmation on deletion, a
 * replayed deletion, an export without a session, forged policy version numbers. Each gets a clear
 * 4xx, and nothing changes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DATA_EXPORTS_PER_ACCOUNT_PER_HOUR } from "../../../src/config";
import { siteJson } from "../../helpers/api";
import { accountIdOf } from "../../helpers/account-data";
import { countRows, snapshotDatabase } from "../../helpers/storage";
import { loginCodeFromMail, PLACES, registeredClient, waitForMail, WebClient } from "../../helpers/web-client";

/** Tables that record a wrong password itself (the attempt, its throttle counter), and the local mailbox. */
const ATTEMPT_RECORDS = ["login_events", "rate_limits", "dev_mailbox"];

describe("deleting an account with bad input", () => {
  it("refuses a wrong password with 401 and deletes nothing (only the failed attempt is recorded)", async () => {
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    const before = await snapshotDatabase(env.DB, ATTEMPT_RECORDS);
    const page = await client.post("/account/delete", { current_password: "a wrong password, long enough", confirm: "1" });
    expect(page.status).toBe(401);
    expect(page.html).toContain("Wrong current password: nothing was deleted.");
    expect(await snapshotDatabase(env.DB, ATTEMPT_RECORDS)).toEqual(before);
    expect(await env.DB.prepare("SELECT result, reason FROM login_events WHERE account_id = ? ORDER BY id DESC LIMIT 1").bind(accountId).first()).toEqual({ result: "failure", reason: "reauth_failed" });
    expect((await client.get("/account")).status).toBe(200);
  });

  it("refuses a missing confirmation or password with 400, before any check, and changes nothing at all", async () => {
    const { client, password } = await registeredClient();
    const before = await snapshotDatabase(env.DB);
    const forms: Record<string, string>[] = [{ current_password: password }, { current_password: password, confirm: "yes" }, { confirm: "1" }, {}];
    for (const form of forms) {
      const page = await client.post("/account/delete", form);
      expect(page.status, JSON.stringify(form)).toBe(400);
      expect(page.html).toContain("nothing was deleted");
    }
    expect(await snapshotDatabase(env.DB)).toEqual(before);
  });

  it("answers a replayed deletion with 401 and changes nothing: the account is already gone", async () => {
    const { client, password } = await registeredClient();
    const cookie = client.cookie;
    expect((await client.post("/account/delete", { current_password: password, confirm: "1" })).status).toBe(200);
    const before = await snapshotDatabase(env.DB);
    client.cookie = cookie;
    const replay = await client.post("/account/delete", { current_password: password, confirm: "1" });
    expect(replay.status).toBe(401);
    expect(replay.html).toContain("This browser is signed in to no account: nothing was done.");
    expect(await snapshotDatabase(env.DB)).toEqual(before);
  });

  it("answers a replayed or forged code step with 401 without a session, and 400 with a dead challenge", async () => {
    const { client, email, password } = await registeredClient({ cf: PLACES.paris });
    const abroad = new WebClient("203.0.113.91", PLACES.berlin);
    abroad.cookie = client.cookie;
    const held = await abroad.post("/account/delete", { current_password: password, confirm: "1" });
    const challenge = /name="challenge" value="([A-Z2-7]{52})"/.exec(held.html)![1]!;
    const code = loginCodeFromMail((await waitForMail(email, "Account deletion code")).body);
    const cookie = abroad.cookie;
    expect((await abroad.post("/account/delete/code", { challenge, code })).status).toBe(200);
    const before = await snapshotDatabase(env.DB);
    abroad.cookie = cookie;
    expect((await abroad.post("/account/delete/code", { challenge, code })).status).toBe(401);
    expect(await snapshotDatabase(env.DB)).toEqual(before);

    const { client: other } = await registeredClient();
    const forged = await other.post("/account/delete/code", { challenge: "A".repeat(52), code: "123456" });
    expect(forged.status).toBe(400);
    expect(forged.html).toContain("This request expired or was already used: nothing was deleted.");
  });

  it("stops after five wrong codes, and the account stays", async () => {
    const { client, email, password } = await registeredClient({ cf: PLACES.paris });
    const accountId = await accountIdOf(email);
    const abroad = new WebClient("203.0.113.92", PLACES.boston);
    abroad.cookie = client.cookie;
    const held = await abroad.post("/account/delete", { current_password: password, confirm: "1" });
    const challenge = /name="challenge" value="([A-Z2-7]{52})"/.exec(held.html)![1]!;
    const code = loginCodeFromMail((await waitForMail(email, "Account deletion code")).body);
    const wrong = code === "999999" ? "888888" : "999999";
    let last = held;
    for (let i = 0; i < 5; i++) last = await abroad.post("/account/delete/code", { challenge, code: wrong });
    expect(last.status).toBe(400);
    expect(last.html).toContain("5 wrong codes: this code no longer works.");
    // The right code no longer works either.
    expect((await abroad.post("/account/delete/code", { challenge, code })).status).toBe(400);
    expect(await countRows("accounts", "id = ?", accountId)).toBe(1);
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(0);
  });
});

describe("the export without a session", () => {
  it("answers 401 on the page and on /api/me/data, and records nothing", async () => {
    const before = await snapshotDatabase(env.DB);
    const page = await new WebClient().post("/account/data/export", {});
    expect(page.status).toBe(401);
    expect(page.response.headers.get("content-disposition")).toBeNull();
    const attempts: Record<string, string>[] = [{}, { cookie: "__Host-session=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRST" }, { authorization: "Bearer not-a-session" }];
    for (const headers of attempts) {
      const api = await siteJson("/api/me/data", { headers });
      expect(api.status).toBe(401);
      expect(api.body).toMatchObject({ error: "login_required", error_code: 8 });
    }
    expect(await snapshotDatabase(env.DB)).toEqual(before);
  });
});

describe("too many exports", () => {
  it("get 429 with Retry-After past the hourly allowance, and record nothing", async () => {
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    for (let i = 0; i < DATA_EXPORTS_PER_ACCOUNT_PER_HOUR; i++) expect((await client.get("/api/me/data")).status).toBe(200);
    const events = await countRows("login_events", "account_id = ? AND reason = 'data_export'", accountId);
    const api = await client.get("/api/me/data");
    expect(api.status).toBe(429);
    expect(JSON.parse(api.html)).toMatchObject({ error: "too_many_requests", error_code: 34 });
    expect(Number(api.response.headers.get("retry-after"))).toBeGreaterThan(0);
    const page = await client.post("/account/data/export", {});
    expect(page.status).toBe(429);
    expect(page.response.headers.get("content-disposition")).toBeNull();
    expect(await countRows("login_events", "account_id = ? AND reason = 'data_export'", accountId)).toBe(events);
  });
});

describe("forged privacy policy version numbers", () => {
  it("name no page: 404, in both languages", async () => {
    for (const number of ["0", "2", "99", "-1", "abc", "01", "1.0", "1e3", "99999999999999999999", "%201"]) {
      // The test browser prefers English: the bare path is English, /fr French.
      for (const prefix of ["", "/en", "/fr"]) {
        const page = await new WebClient().get(`${prefix}/privacy/versions/${number}`);
        expect(page.status, `${prefix}/privacy/versions/${number}`).toBe(404);
        expect(page.html).toContain(prefix === "/fr" ? "Cette page n'existe pas." : "This page does not exist.");
      }
    }
  });

  it("are refused on acknowledgement (400 malformed, 404 unknown), and nothing is recorded", async () => {
    const { client } = await registeredClient();
    const before = await snapshotDatabase(env.DB);
    for (const [version, status] of [["0", 400], ["-1", 400], ["abc", 400], ["1.5", 400], ["99999999999999999999", 400], ["", 400], ["99", 404], ["2", 404]] as const) {
      const page = await client.post("/privacy/acknowledge", { version, return_to: "/account" });
      expect(page.status, version).toBe(status);
    }
    expect(await snapshotDatabase(env.DB, ["sessions"])).toEqual(Object.fromEntries(Object.entries(before).filter(([t]) => t !== "sessions")));
  });
});
