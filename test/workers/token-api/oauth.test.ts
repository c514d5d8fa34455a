import { sha256Hex } from "../../../src/lib/crypto";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SITE } from "../../helpers/api";
import { connectApp, DEVICE_GRANT, forgetLastPoll, oauthApi, OPEN_SOURCE_CLIENT, tokenRequest } from "../../helpers/oauth";
import { registeredClient, waitForMail, WebClient } from "../../helpers/web-client";


describe("OAuth device flow", () => {
  it("lets an app get tokens once a logged-in user approves its code, then call /rest/1.0/user", async () => {
    const { client: user, email } = await registeredClient();
    const start = await oauthApi(`/oauth/v2/device/code?client_id=${OPEN_SOURCE_CLIENT}&new_credentials=yes`);
    expect(start.body).toMatchObject({ interval: 5, expires_in: 600, verification_url: "http://localhost:8787/device" });
    expect(start.body.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
    expect(start.body.device_code).toMatch(/^[A-Z2-7]{52}$/);

    const app = await connectApp(user);
    expect(app.tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    const me = await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${app.tokens.access_token}` } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, username: email.split("@")[0], points: 0, locale: "en", type: "free", premium: 0 });
    expect(Object.keys(me.body).sort()).toEqual(["avatar", "email", "expiration", "id", "locale", "points", "premium", "type", "username"]);
    expect(new Date(me.body.expiration).toJSON()).toBe(me.body.expiration);
    // The device code is single use.
    await forgetLastPoll(app.device_code);
    expect((await tokenRequest({ client_id: app.client_id, client_secret: app.client_secret, code: app.device_code, grant_type: DEVICE_GRANT })).status).toBe(400);
  });

  it("lets the user-bound credentials run the ordinary device flow later, refusing new_credentials for them", async () => {
    const { client: user } = await registeredClient();
    const app = await connectApp(user);
    expect((await oauthApi(`/oauth/v2/device/code?client_id=${app.client_id}&new_credentials=yes`)).status).toBe(400);
    const start = await oauthApi(`/oauth/v2/device/code?client_id=${app.client_id}`);
    expect(start.status).toBe(200);
    const pending = await tokenRequest({ client_id: app.client_id, client_secret: app.client_secret, code: start.body.device_code, grant_type: DEVICE_GRANT });
    expect(pending.status).toBe(403);
    expect(pending.body).toMatchObject({ error: "authorization_pending" });
    await user.post("/device/approve", { user_code: start.body.user_code });
    await forgetLastPoll(start.body.device_code);
    const tokens = await tokenRequest({ client_id: app.client_id, client_secret: app.client_secret, code: start.body.device_code, grant_type: DEVICE_GRANT });
    expect(tokens.status).toBe(200);
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${tokens.body.access_token}` } })).status).toBe(200);
  });

  it("says slow_down to a client polling faster than the interval", async () => {
    const start = await oauthApi(`/oauth/v2/device/code?client_id=${OPEN_SOURCE_CLIENT}&new_credentials=yes`);
    const url = `/oauth/v2/device/credentials?client_id=${OPEN_SOURCE_CLIENT}&code=${start.body.device_code}`;
    expect((await oauthApi(url)).body.error).toBe("authorization_pending");
    const fast = await oauthApi(url);
    expect(fast.status).toBe(429);
    expect(fast.body).toMatchObject({ error: "slow_down", error_code: 5 });
  });

  it("rotates refresh tokens and revokes the whole family when a spent one comes back", async () => {
    const { client: user } = await registeredClient();
    const app = await connectApp(user);
    const refresh = (code: string) => tokenRequest({ client_id: app.client_id, client_secret: app.client_secret, code, grant_type: DEVICE_GRANT });
    const second = await refresh(app.tokens.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(app.tokens.refresh_token);
    // The first access token went with the rotation; the new one works.
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${app.tokens.access_token}` } })).status).toBe(401);
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${second.body.access_token}` } })).status).toBe(200);
    // A thief replays the spent refresh token: everything of that app dies.
    expect((await refresh(app.tokens.refresh_token)).status).toBe(400);
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${second.body.access_token}` } })).status).toBe(401);
    expect((await refresh(second.body.refresh_token)).status).toBe(400);
  });

  it("refuses a wrong client secret and an expired device code", async () => {
    const { client: user } = await registeredClient();
    const app = await connectApp(user);
    expect((await tokenRequest({ client_id: app.client_id, client_secret: "WRONG", code: app.tokens.refresh_token, grant_type: DEVICE_GRANT })).body).toMatchObject({ error: "invalid_client", error_code: 8 });
    const start = await oauthApi(`/oauth/v2/device/code?client_id=${OPEN_SOURCE_CLIENT}&new_credentials=yes`);
    await env.DB.prepare("UPDATE device_codes SET expires_at = 0 WHERE device_code_hash = ?").bind(await sha256Hex(start.body.device_code)).run();
    expect((await oauthApi(`/oauth/v2/device/credentials?client_id=${OPEN_SOURCE_CLIENT}&code=${start.body.device_code}`)).body.error).toBe("invalid_grant");
    expect((await user.post("/device", { user_code: start.body.user_code })).status).toBe(400);
  });

  it("lists the app on the account page and refuses its next call once revoked there", async () => {
    const { client: user } = await registeredClient();
    const app = await connectApp(user);
    const page = await user.get("/account");
    const familyId = /name="family_id" value="([^"]+)"/.exec(page.html)?.[1];
    expect(familyId).toBeDefined();
    await user.post("/account/apps/revoke", { family_id: familyId! });
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${app.tokens.access_token}` } })).status).toBe(401);
    expect((await tokenRequest({ client_id: app.client_id, client_secret: app.client_secret, code: app.tokens.refresh_token, grant_type: DEVICE_GRANT })).status).toBe(400);
  });

  it("needs a recently typed password to approve, and mails the owner about the new device", async () => {
    const { client: user, email, password } = await registeredClient();
    await env.DB.prepare("UPDATE sessions SET reauthenticated_at = 0 WHERE account_id = (SELECT id FROM accounts WHERE email_normalized = ?)").bind(email).run();
    const start = await oauthApi(`/oauth/v2/device/code?client_id=${OPEN_SOURCE_CLIENT}&new_credentials=yes`);
    const review = await user.post("/device", { user_code: start.body.user_code });
    expect(review.html).toContain('name="current_password"');
    expect((await user.post("/device/approve", { user_code: start.body.user_code })).status).toBe(401);
    expect((await oauthApi(`/oauth/v2/device/credentials?client_id=${OPEN_SOURCE_CLIENT}&code=${start.body.device_code}`)).status).toBe(403);
    expect((await user.post("/device/approve", { user_code: start.body.user_code, current_password: password })).status).toBe(200);
    expect((await waitForMail(email, "New device")).body).toContain("Open-source app");
  });

  it("stops code guessing on /device after 5 wrong codes", async () => {
    const { client: user } = await registeredClient();
    for (let i = 0; i < 5; i++) expect((await user.post("/device", { user_code: "BBBBBBBB" })).status).toBe(400);
    const blocked = await user.post("/device", { user_code: "BBBBBBBB" });
    expect(blocked.status).toBe(429);
    expect(blocked.response.headers.get("retry-after")).not.toBeNull();
  });

  it("sends visitors who are not logged in to the login page first", async () => {
    const page = await new WebClient().get("/device");
    expect(page.status).toBe(303);
    expect(page.response.headers.get("location")).toBe("/login?next=%2Fdevice");
  });
});

describe("private API token and REST", () => {
  it("shows a new private token once, accepts it as Bearer and auth_token, and disable_access_token revokes it", async () => {
    const { client: user, email } = await registeredClient();
    const made = await user.post("/account/api-token", {});
    const token = /data-testid="new-token">([A-Z2-7]{52})</.exec(made.html)![1]!;
    expect((await user.get("/account")).html).not.toContain(token);
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${token}` } })).body.email).toBe(email);
    expect((await oauthApi(`/rest/1.0/user?auth_token=${token}`)).status).toBe(200);
    // Regenerating kills the old one.
    const again = /data-testid="new-token">([A-Z2-7]{52})</.exec((await user.post("/account/api-token", {})).html)![1]!;
    expect((await oauthApi(`/rest/1.0/user?auth_token=${token}`)).body).toMatchObject({ error: "bad_token", error_code: 8 });
    expect((await oauthApi("/rest/1.0/disable_access_token", { headers: { authorization: `Bearer ${again}` } })).status).toBe(204);
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${again}` } })).status).toBe(401);
  });

  it("reports premium time left", async () => {
    const { client: user, email } = await registeredClient();
    await env.DB.prepare("UPDATE accounts SET premium_until = ? WHERE email_normalized = ?").bind(Date.now() + 86_400_000, email).run();
    const token = /data-testid="new-token">([A-Z2-7]{52})</.exec((await user.post("/account/api-token", {})).html)![1]!;
    const me = await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${token}` } });
    expect(me.body.type).toBe("premium");
    expect(me.body.premium).toBeGreaterThan(86_300);
  });
});

describe("OAuth races and family limits", () => {
  it("issues credentials and first tokens once, even to parallel calls", async () => {
    const { client: user } = await registeredClient();
    const start = await oauthApi(`/oauth/v2/device/code?client_id=${OPEN_SOURCE_CLIENT}&new_credentials=yes`);
    const { device_code, user_code } = start.body;
    expect((await user.post("/device/approve", { user_code })).status).toBe(200);
    await forgetLastPoll(device_code);
    const url = `/oauth/v2/device/credentials?client_id=${OPEN_SOURCE_CLIENT}&code=${device_code}`;
    const credentials = await Promise.all([oauthApi(url), oauthApi(url), oauthApi(url)]);
    const issued = credentials.filter((c) => c.status === 200);
    expect(issued).toHaveLength(1);
    const { client_id, client_secret } = issued[0]!.body;
    const tokens = await Promise.all(
      Array.from({ length: 4 }, () => tokenRequest({ client_id, client_secret, code: device_code, grant_type: DEVICE_GRANT })),
    );
    expect(tokens.filter((t) => t.status === 200)).toHaveLength(1);
    const { results } = await env.DB.prepare("SELECT kind FROM api_tokens WHERE client_id = ?").bind(client_id).all();
    expect(results).toHaveLength(2);
  });

  it("rotates a refresh token once for parallel calls, keeping the family's original end", async () => {
    const { client: user } = await registeredClient();
    const app = await connectApp(user);
    const family = await env.DB.prepare("SELECT family_id, expires_at FROM api_tokens WHERE client_id = ? AND kind = 'refresh'").bind(app.client_id).first<{ family_id: string; expires_at: number }>();
    const end = family!.expires_at - 1000;
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE family_id = ? AND kind = 'refresh'").bind(end, family!.family_id).run();
    const refresh = (code: string) => tokenRequest({ client_id: app.client_id, client_secret: app.client_secret, code, grant_type: DEVICE_GRANT });
    const rotated = await Promise.all([refresh(app.tokens.refresh_token), refresh(app.tokens.refresh_token)]);
    // Exactly one wins; the other either lost the claim (400) or counted as a replay, which revokes the family.
    expect(rotated.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rotated.filter((r) => r.status === 400)).toHaveLength(1);
    const { results } = await env.DB.prepare("SELECT kind, expires_at FROM api_tokens WHERE family_id = ? AND used_at IS NULL").bind(family!.family_id).all<{ kind: string; expires_at: number }>();
    const live = results.filter((r) => r.kind === "refresh");
    // Either the winner's new refresh token lives, with the family's original end, or the replay revoked it.
    expect(live.length).toBeLessThanOrEqual(1);
    for (const token of live) expect(token.expires_at).toBe(end);
    // A lone rotation carries the family's end forward.
    const { client: other } = await registeredClient();
    const second = await connectApp(other);
    const row = await env.DB.prepare("SELECT family_id FROM api_tokens WHERE client_id = ? AND kind = 'refresh'").bind(second.client_id).first<{ family_id: string }>();
    const secondEnd = Date.now() + 86_400_000;
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE family_id = ? AND kind = 'refresh'").bind(secondEnd, row!.family_id).run();
    const next = await tokenRequest({ client_id: second.client_id, client_secret: second.client_secret, code: second.tokens.refresh_token, grant_type: DEVICE_GRANT });
    expect(next.status).toBe(200);
    const fresh = await env.DB.prepare("SELECT expires_at FROM api_tokens WHERE family_id = ? AND kind = 'refresh' AND used_at IS NULL").bind(row!.family_id).first<{ expires_at: number }>();
    expect(fresh!.expires_at).toBe(secondEnd);
  });

  it("disable_access_token with an OAuth access token disconnects the app: its refresh token dies too", async () => {
    const { client: user } = await registeredClient();
    const app = await connectApp(user);
    expect((await oauthApi("/rest/1.0/disable_access_token", { headers: { authorization: `Bearer ${app.tokens.access_token}` } })).status).toBe(204);
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${app.tokens.access_token}` } })).status).toBe(401);
    expect((await tokenRequest({ client_id: app.client_id, client_secret: app.client_secret, code: app.tokens.refresh_token, grant_type: DEVICE_GRANT })).status).toBe(400);
    expect((await user.get("/account")).html).not.toContain('name="family_id"');
  });

  it("lists 105 connected apps on the account page (no bound list of client ids)", async () => {
    const { client: user, email } = await registeredClient();
    const account = await env.DB.prepare("SELECT id FROM accounts WHERE email_normalized = ?").bind(email.toLowerCase()).first<{ id: number }>();
    const now = Date.now();
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < 105; i++) {
      const clientId = `MANY${i}-${now}`;
      statements.push(
        env.DB.prepare("INSERT INTO oauth_clients (client_id, client_secret_hash, account_id, name, created_at) VALUES (?, ?, ?, ?, ?)").bind(clientId, `h${clientId}`, account!.id, `App number ${i}`, now),
        env.DB.prepare("INSERT INTO api_tokens (account_id, kind, token_hash, client_id, family_id, created_at, expires_at) VALUES (?, 'access', ?, ?, ?, ?, ?)").bind(account!.id, `a${clientId}`, clientId, `fam${clientId}`, now, now + 3_600_000),
        // A spent refresh token alone does not make an app connected.
        env.DB.prepare("INSERT INTO api_tokens (account_id, kind, token_hash, client_id, family_id, created_at, expires_at, used_at) VALUES (?, 'refresh', ?, ?, ?, ?, ?, ?)").bind(account!.id, `r${clientId}`, clientId, `spent${clientId}`, now, now + 3_600_000, now),
      );
    }
    await env.DB.batch(statements);
    const page = await user.get("/account");
    expect(page.status).toBe(200);
    expect(page.html).toContain("App number 104");
    expect(page.html.match(/name="family_id"/g)).toHaveLength(105);
  });

  it("brings a visitor back to /device with its code after logging in, and only to paths of this site", async () => {
    const { email, password } = await registeredClient();
    const visitor = new WebClient("192.0.2.150");
    const first = await visitor.get("/device?code=BCDFGHJK");
    expect(first.status).toBe(303);
    const loginUrl = first.response.headers.get("location")!;
    expect(loginUrl).toBe("/login?next=%2Fdevice%3Fcode%3DBCDFGHJK");
    const form = await visitor.get(loginUrl);
    expect(form.html).toContain('name="next" value="/device?code=BCDFGHJK"');
    const next = /name="next" value="([^"]+)"/.exec(form.html)![1]!.replaceAll("&amp;", "&");
    const login = await visitor.post("/login", { email, password, next });
    expect(login.status).toBe(303);
    expect(login.response.headers.get("location")).toBe("/device?code=BCDFGHJK");
    expect((await visitor.get("/device?code=BCDFGHJK")).html).toContain("BCDFGHJK");
    for (const unsafe of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "device"]) {
      const other = new WebClient("192.0.2.151");
      const page = await other.post("/login", { email, password, next: unsafe });
      expect(page.response.headers.get("location"), unsafe).toBe("/account");
    }
  });

  it("caps device authorizations per network (429, code 34, Retry-After) and counts /user and disable_access_token calls", async () => {
    const start = (ip: string) => exports.default.fetch(`${SITE}/oauth/v2/device/code?client_id=${OPEN_SOURCE_CLIENT}&new_credentials=yes`, { headers: { "cf-connecting-ip": ip } });
    for (let i = 0; i < 30; i++) expect((await start("198.51.100.77")).status).toBe(200);
    const refused = await start("198.51.100.77");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: "too_many_requests", error_code: 34 });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await start("198.51.101.77")).status).toBe(200);

    const { client: user } = await registeredClient();
    const token = /data-testid="new-token">([A-Z2-7]{52})</.exec((await user.post("/account/api-token", {})).html)![1]!;
    const tokenId = (await env.DB.prepare("SELECT id FROM api_tokens WHERE token_hash = ?").bind(await sha256Hex(token)).first<{ id: number }>())!.id;
    await env.DB.prepare("INSERT INTO api_rate_windows (token_id, window_at, calls) VALUES (?, ?, 250)").bind(tokenId, Math.floor(Date.now() / 60_000) * 60_000).run();
    expect((await oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${token}` } })).status).toBe(429);
    expect((await oauthApi("/rest/1.0/disable_access_token", { headers: { authorization: `Bearer ${token}` } })).status).toBe(429);
  });
});
