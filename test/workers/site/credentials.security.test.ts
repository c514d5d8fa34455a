import { countRows } from "../../helpers/storage";
import { describe, expect, it } from "vitest";
import { connectApp, DEVICE_GRANT, oauthApi, tokenRequest } from "../../helpers/oauth";
import { PLACES, registeredClient, tokenFromMail, waitForMail, WebClient } from "../../helpers/web-client";

/** A user with a browser session elsewhere, a private API token and a connected app (access and refresh tokens). */
async function userWithCredentials() {
  const { client, email, password } = await registeredClient({ cf: PLACES.paris });
  const tokenPage = await client.post("/account/api-token", {});
  const privateToken = /data-testid="new-token">([A-Z2-7]{52})</.exec(tokenPage.html)![1]!;
  const app = await connectApp(client, PLACES.paris);
  const elsewhere = new WebClient("198.51.100.200", PLACES.paris);
  expect((await elsewhere.post("/login", { email, password })).status).toBe(303);
  const user = (token: string) => oauthApi("/rest/1.0/user", { headers: { authorization: `Bearer ${token}` } });
  for (const token of [privateToken, app.tokens.access_token]) expect((await user(token)).status).toBe(200);
  return { client, email, password, privateToken, app, elsewhere, user };
}

/** Every old credential is dead: 401 code 8 on /rest/1.0/user, and the refresh token no longer rotates. */
async function expectAllRevoked(u: Awaited<ReturnType<typeof userWithCredentials>>) {
  for (const [name, token] of [["private token", u.privateToken], ["access token", u.app.tokens.access_token], ["refresh token", u.app.tokens.refresh_token]] as const) {
    const answer = await u.user(token);
    expect(answer.status, name).toBe(401);
    expect(answer.body, name).toMatchObject({ error: "bad_token", error_code: 8 });
  }
  const rotated = await tokenRequest({ client_id: u.app.client_id, client_secret: u.app.client_secret, code: u.app.tokens.refresh_token, grant_type: DEVICE_GRANT });
  expect(rotated.status).toBe(401);
  expect((await u.elsewhere.get("/account")).status).toBe(303);
}

describe("credentials follow the password", () => {
  it("a password change revokes the private token, the app's access and refresh tokens and credentials, and other sessions; this browser stays in", async () => {
    const u = await userWithCredentials();
    const page = await u.client.get("/account");
    // Said before the user confirms.
    expect(page.html).toContain("your private API token revoked and every connected app disconnected");
    const changed = await u.client.post("/account/password", { current_password: u.password, new_password: "a brand new passphrase here" });
    expect(changed.status).toBe(200);
    await expectAllRevoked(u);
    expect(await countRows("oauth_clients")).toBe(0);
    expect((await u.client.get("/account")).status).toBe(200);
    expect(await countRows("security_events", "kind = 'password_changed'")).toBe(1);
    expect((await waitForMail(u.email, "Password changed")).body).toContain("connected app disconnected");
  });

  it("a reset by email revokes them too, the OAuth token rotated before the reset included", async () => {
    const u = await userWithCredentials();
    const rotated = await tokenRequest({ client_id: u.app.client_id, client_secret: u.app.client_secret, code: u.app.tokens.refresh_token, grant_type: DEVICE_GRANT });
    expect(rotated.status).toBe(200);
    const stranger = new WebClient("198.51.100.201", PLACES.paris);
    await stranger.post("/forgot-password", { email: u.email });
    const token = tokenFromMail((await waitForMail(u.email, "Reset")).body);
    const resetPage = await stranger.get(`/reset-password?token=${token}`);
    expect(resetPage.html).toContain("API token");
    expect((await stranger.post("/reset-password", { token, password: "another brand new phrase" })).status).toBe(200);
    await expectAllRevoked(u);
    for (const fresh of [rotated.body.access_token, rotated.body.refresh_token]) expect((await u.user(fresh)).status).toBe(401);
    expect((await u.client.get("/account")).status).toBe(303);
  });

  it("log out everywhere revokes the token and apps when asked, and only the sessions otherwise", async () => {
    const sessionsOnly = await userWithCredentials();
    expect((await sessionsOnly.client.post("/account/sessions/revoke", {})).status).toBe(303);
    expect((await sessionsOnly.user(sessionsOnly.privateToken)).status).toBe(200);
    expect((await sessionsOnly.elsewhere.get("/account")).status).toBe(303);

    const everything = await userWithCredentials();
    expect((await everything.client.post("/account/sessions/revoke", { credentials: "1" })).status).toBe(303);
    await expectAllRevoked(everything);
    expect((await everything.client.get("/account")).status).toBe(303);
  });

  it("settings/changePassword through the API mails a link; the password chosen there revokes the calling token", async () => {
    const u = await userWithCredentials();
    const answer = await oauthApi("/rest/1.0/settings/changePassword", { method: "POST", headers: { authorization: `Bearer ${u.app.tokens.access_token}` } });
    expect(answer.status).toBe(204);
    // Nothing is revoked before the owner acts on the mail.
    expect((await u.user(u.app.tokens.access_token)).status).toBe(200);
    const mail = await waitForMail(u.email, "Change your password");
    const token = tokenFromMail(mail.body);
    expect((await new WebClient().post("/reset-password", { token, password: "a password chosen by mail" })).status).toBe(200);
    await expectAllRevoked(u);
  });
});
