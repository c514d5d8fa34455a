import { sha256Hex } from "../../../src/lib/crypto";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dumpAllStorage, waitForJournal } from "../../helpers/storage";
import { GOOD_PASSWORD, mailCount, registeredClient, tokenFromMail, uniqueEmail, waitForMail, WebClient } from "../../helpers/web-client";

const LYON = { country: "FR", city: "Lyon", region: "Auvergne-Rhône-Alpes", latitude: "45.76", longitude: "4.83", asn: 3215, asOrganization: "Orange" };

/** The `XXXX-XXXX` code of a verification mail. */
function codeFromMail(body: string): string {
  const code = /\b[A-Z]{4}-[A-Z]{4}\b/.exec(body)?.[0];
  if (!code) throw new Error("no code in mail");
  return code;
}

async function accountRow(email: string) {
  return env.DB.prepare("SELECT * FROM accounts WHERE email_normalized = ?").bind(email.toLowerCase()).first<Record<string, unknown>>();
}

describe("registration, verification, login, logout", () => {
  it("takes a visitor from sign-up to the account page and out again", async () => {
    const client = new WebClient("2001:db8:1:2::7", LYON);
    const email = uniqueEmail("Journey");
    const signup = await client.post("/register", { email: `  ${email.toUpperCase()}  `, password: GOOD_PASSWORD });
    // The local part is kept as typed; the domain, case-insensitive, in lower case.
    const kept = email.toUpperCase().replace(/@.*$/, (domain) => domain.toLowerCase());
    expect(signup.status).toBe(200);
    expect(signup.html).toContain("Check your mailbox");

    const stored = await accountRow(email);
    expect(stored).toMatchObject({ email: kept, email_verified_at: null, signup_ip: "2001:db8:1:2::7", signup_country: "FR", signup_city: "Lyon", signup_asn: 3215, signup_as_organization: "Orange" });
    expect(String(stored!.password_hash)).toMatch(/^pbkdf2-sha256\$600000\$/);

    const mail = await waitForMail(kept, "Confirm");
    const token = tokenFromMail(mail.body);
    // The mailed link opens a page that only confirms by POST: scanners that prefetch it change nothing.
    const landing = await client.get(`/verify?token=${token}`);
    expect(landing.status).toBe(200);
    expect(landing.html).toContain('method="post"');
    expect((await accountRow(email))!.email_verified_at).toBeNull();
    const verified = await client.post("/verify", { token });
    expect(verified.status).toBe(200);
    expect((await accountRow(email))!.email_verified_at).toBeTypeOf("number");
    expect((await client.post("/verify", { token })).status).toBe(400);

    const login = await client.post("/login", { email: email.toLowerCase(), password: GOOD_PASSWORD });
    expect(login.status).toBe(303);
    expect(login.response.headers.get("location")).toBe("/account");
    expect(login.setCookies).toHaveLength(1);
    const cookie = login.setCookies[0]!;
    expect(cookie).toMatch(/^__Host-session=[A-Z2-7]{52};/);
    expect(cookie).toContain("Max-Age=2592000");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toMatch(/domain=/i);

    const account = await client.get("/account");
    expect(account.status).toBe(200);
    expect(account.html).toContain(kept);
    expect(account.response.headers.get("cache-control")).toBe("no-store");
    expect(account.html).toContain('href="/logout"');

    const sessionCookie = client.cookie!;
    const logout = await client.post("/logout", {});
    expect(logout.status).toBe(200);
    expect(logout.response.headers.get("clear-site-data")).toBe('"cookies"');
    expect(logout.setCookies[0]).toMatch(/^__Host-session=;.*Max-Age=0/);
    // The answer is a logged-out page; the logout itself is journaled as the account's request.
    expect(logout.html).not.toContain('href="/logout"');
    const [journaled] = await waitForJournal(logout.response.headers.get("x-request-id")!);
    expect(journaled!.account_id).toBe((await accountRow(email))!.id);
    // The old cookie is refused at once: the row is gone.
    const replay = await new WebClient().get("/account", { cookie: sessionCookie });
    expect(replay.status).toBe(303);
    expect(replay.response.headers.get("location")).toBe("/login?next=%2Faccount");
  });

  it("verifies by the short mailed code typed with the address, once", async () => {
    const client = new WebClient("192.0.2.77");
    const email = uniqueEmail("code");
    await client.post("/register", { email, password: GOOD_PASSWORD });
    const code = codeFromMail((await waitForMail(email, "Confirm")).body);
    expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(await dumpAllStorage()).not.toContain(code.replace("-", ""));

    const form = await client.get("/verify");
    expect(form.html).toContain('name="code"');
    const verified = await client.post("/verify", { email: email.toUpperCase(), code: ` ${code.toLowerCase()} ` });
    expect(verified.status).toBe(200);
    expect(verified.html).toContain("Address confirmed");
    expect((await accountRow(email))!.email_verified_at).not.toBeNull();
    expect((await client.post("/verify", { email, code })).status).toBe(400);
  });

  it("kills a code after 5 wrong tries, and answers unknown addresses alike", async () => {
    const client = new WebClient("192.0.2.78");
    const email = uniqueEmail("guess");
    await client.post("/register", { email, password: GOOD_PASSWORD });
    const code = codeFromMail((await waitForMail(email, "Confirm")).body);
    const wrong = code.startsWith("B") ? "CCCC-CCCC" : "BBBB-BBBB";
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await client.post("/verify", { email, code: wrong });
      expect(page.status).toBe(400);
      answers.push(page.html.replace(/<code>[^<]*<\/code>/g, ""));
    }
    // The right code after 5 wrong ones: too late, the code is dead.
    expect((await client.post("/verify", { email, code })).status).toBe(400);
    expect((await accountRow(email))!.email_verified_at).toBeNull();
    const unknown = await client.post("/verify", { email: "nobody-here@example.test", code: wrong });
    expect(unknown.status).toBe(400);
    expect(unknown.html.replaceAll("nobody-here@example.test", email)).toBe(answers[0]);
  });

  it("issues a new session token at every login", async () => {
    const { client, email, password } = await registeredClient();
    const first = client.cookie;
    await client.post("/login", { email, password });
    expect(client.cookie).not.toBe(first);
    expect((await new WebClient().get("/account", { cookie: first! })).status).toBe(303);
    expect((await client.get("/account")).status).toBe(200);
  });

  it("refuses an expired session and extends a used one at most once a day", async () => {
    const { client } = await registeredClient();
    // This client's own session, by the SHA-256 of its cookie's token.
    const tokenHash = await sha256Hex(client.cookie!.split("=")[1]!);
    const hash = async () => (await env.DB.prepare("SELECT id, expires_at FROM sessions WHERE token_hash = ?").bind(tokenHash).first<{ id: number; expires_at: number }>())!;
    const row = await hash();
    // Used again within the day: no extension, no new cookie.
    const again = await client.get("/account");
    expect(again.setCookies).toHaveLength(0);
    // Last extended two days ago: extended now, cookie re-sent.
    await env.DB.prepare("UPDATE sessions SET expires_at = expires_at - ? WHERE id = ?").bind(2 * 86_400_000, row.id).run();
    const extended = await client.get("/account");
    expect(extended.setCookies).toHaveLength(1);
    expect((await hash()).expires_at).toBeGreaterThan(row.expires_at - 86_400_000);
    // Past its deadline: refused.
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, row.id).run();
    expect((await client.get("/account")).status).toBe(303);
    // Past the absolute cap, even if recently used: refused.
    const { client: other } = await registeredClient();
    await env.DB.prepare("UPDATE sessions SET absolute_expires_at = ? WHERE id = (SELECT MAX(id) FROM sessions)").bind(Date.now() - 1000).run();
    expect((await other.get("/account")).status).toBe(303);
  });

  it("sends one session Set-Cookie when a request both extends the session and changes or clears it", async () => {
    const { client, password } = await registeredClient();
    const age = async () => env.DB.prepare("UPDATE sessions SET expires_at = expires_at - ? WHERE id = (SELECT MAX(id) FROM sessions)").bind(2 * 86_400_000).run();
    await age();
    const changed = await client.post("/account/password", { current_password: password, new_password: "a different fine passphrase" });
    expect(changed.status).toBe(200);
    expect(changed.setCookies).toHaveLength(1);
    expect((await client.get("/account")).status).toBe(200);
    await age();
    const out = await client.post("/logout", {});
    expect(out.setCookies).toHaveLength(1);
    expect(out.setCookies[0]).toMatch(/max-age=0/i);
    expect((await client.get("/account")).status).toBe(303);
  });

  it("answers known and unknown emails alike at registration, and mails the owner instead", async () => {
    const { email } = await registeredClient();
    const before = await mailCount(email);
    const known = await new WebClient("192.0.2.50").post("/register", { email, password: "another fine passphrase" });
    const unknown = await new WebClient("192.0.2.51").post("/register", { email: uniqueEmail(), password: "another fine passphrase" });
    expect(known.status).toBe(unknown.status);
    expect(known.html.replace(/[0-9a-f-]{36}/g, "")).toBe(unknown.html.replace(/[0-9a-f-]{36}/g, ""));
    const notice = await waitForMail(email, "already");
    expect(notice.subject).toBe("You already have an account");
    expect(await mailCount(email)).toBe(before + 1);
  });

  it("answers known and unknown emails alike at login and password reset", async () => {
    const { email } = await registeredClient();
    const strip = (html: string) => html.replace(/[0-9a-f-]{36}/g, "").replace(/value="[^"]*"/g, "");
    const wrongKnown = await new WebClient("192.0.2.60").post("/login", { email, password: "not the password at all" });
    const wrongUnknown = await new WebClient("192.0.2.61").post("/login", { email: uniqueEmail(), password: "not the password at all" });
    expect(wrongKnown.status).toBe(401);
    expect(wrongUnknown.status).toBe(401);
    expect(strip(wrongKnown.html)).toBe(strip(wrongUnknown.html));
    const resetKnown = await new WebClient("192.0.2.62").post("/forgot-password", { email });
    const resetUnknown = await new WebClient("192.0.2.63").post("/forgot-password", { email: uniqueEmail() });
    expect(resetKnown.status).toBe(200);
    expect(strip(resetKnown.html)).toBe(strip(resetUnknown.html));
  });

  it("limits sign-ups per network, IPv6 counted per /64", async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) {
      // Different addresses, same /64.
      const page = await new WebClient(`2001:db8:aa:bb::${i + 1}`).post("/register", { email: uniqueEmail("mass"), password: "a sturdy passphrase here" });
      last = page.status;
      if (i < 10) expect(page.status).toBe(200);
      else {
        expect(page.html).toContain("Too many attempts");
        expect(Number(page.response.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }
    expect(last).toBe(429);
    expect((await new WebClient("2001:db8:aa:cc::1").post("/register", { email: uniqueEmail(), password: "a sturdy passphrase here" })).status).toBe(200);
  });

  it("resets a password by mailed single-use link, ending every session", async () => {
    const { client, email } = await registeredClient();
    const other = new WebClient("192.0.2.70");
    await other.post("/forgot-password", { email });
    const token = tokenFromMail((await waitForMail(email, "Reset")).body);
    const landing = await other.get(`/reset-password?token=${token}`);
    expect(landing.html).toContain(`value="${token}"`);
    expect(landing.response.headers.get("referrer-policy")).toBe("no-referrer");
    const done = await other.post("/reset-password", { token, password: "a brand new passphrase" });
    expect(done.status).toBe(200);
    expect(done.setCookies).toHaveLength(0);
    expect((await client.get("/account")).status).toBe(303);
    expect((await other.post("/reset-password", { token, password: "yet another passphrase" })).status).toBe(400);
    expect((await other.post("/login", { email, password: GOOD_PASSWORD })).status).toBe(401);
    expect((await other.post("/login", { email, password: "a brand new passphrase" })).status).toBe(303);
  });

  it("verifies an unverified address with a password reset, in the same batch as the new password", async () => {
    const email = uniqueEmail("unverified-reset");
    const client = new WebClient("192.0.2.75");
    await client.post("/register", { email, password: GOOD_PASSWORD });
    await waitForMail(email, "");
    expect((await accountRow(email))!.email_verified_at).toBeNull();
    await client.post("/forgot-password", { email });
    const token = tokenFromMail((await waitForMail(email, "Reset")).body);
    expect((await client.post("/reset-password", { token, password: "a brand new passphrase" })).status).toBe(200);
    expect((await accountRow(email))!.email_verified_at).toBeTypeOf("number");
  });

  it("caps reset mails per address and email-change mails per account", async () => {
    const { client, email, password } = await registeredClient();
    for (let i = 0; i < 5; i++) expect((await new WebClient(`192.0.2.${160 + i}`).post("/forgot-password", { email })).status).toBe(200);
    await waitForMail(email, "Reset");
    // Let the deferred sends finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { results } = await env.DB.prepare("SELECT COUNT(*) AS n FROM rate_limits WHERE key LIKE 'reset-address:%' AND window_count >= 3").all<{ n: number }>();
    expect(results[0]!.n).toBeGreaterThanOrEqual(1);
    expect(await mailCount(email)).toBeLessThanOrEqual(3 + 1);
    for (let i = 0; i < 5; i++) {
      expect((await client.post("/account/email", { current_password: password, new_email: uniqueEmail(`move${i}`) })).status, `change ${i}`).toBe(200);
    }
    const sixth = await client.post("/account/email", { current_password: password, new_email: uniqueEmail("move6") });
    expect(sixth.status).toBe(429);
    expect(sixth.response.headers.get("retry-after")).not.toBeNull();
  });

  it("refuses a reset link after one hour", async () => {
    const { email } = await registeredClient();
    const other = new WebClient("192.0.2.71");
    await other.post("/forgot-password", { email });
    const token = tokenFromMail((await waitForMail(email, "Reset")).body);
    await env.DB.prepare("UPDATE email_tokens SET expires_at = ? WHERE purpose = 'reset_password'").bind(Date.now() - 1).run();
    expect((await other.post("/reset-password", { token, password: "a brand new passphrase" })).status).toBe(400);
  });

  it("changes the password after checking the current one, closing other sessions", async () => {
    const { client, email, password } = await registeredClient();
    const elsewhere = new WebClient("192.0.2.80");
    await elsewhere.post("/login", { email, password });
    expect((await elsewhere.get("/account")).status).toBe(200);
    expect((await client.post("/account/password", { current_password: "wrong wrong wrong", new_password: "an entirely new phrase" })).status).toBe(401);
    const changed = await client.post("/account/password", { current_password: password, new_password: "an entirely new phrase" });
    expect(changed.status).toBe(200);
    expect(changed.setCookies).toHaveLength(1);
    expect((await client.get("/account")).status).toBe(200);
    expect((await elsewhere.get("/account")).status).toBe(303);
  });

  it("changes the email after confirmation at the new address, with a notice to the old one", async () => {
    const { client, email, password } = await registeredClient();
    const newEmail = uniqueEmail("moved");
    const requested = await client.post("/account/email", { new_email: newEmail, current_password: password });
    expect(requested.status).toBe(200);
    expect((await waitForMail(email, "Address change")).body).toContain(newEmail);
    const token = tokenFromMail((await waitForMail(newEmail, "Confirm your new")).body);
    expect((await accountRow(email))).not.toBeNull();
    expect((await client.post("/confirm-email", { token })).status).toBe(200);
    expect(await accountRow(email)).toBeNull();
    expect(await accountRow(newEmail)).not.toBeNull();
    expect((await new WebClient("192.0.2.90").post("/login", { email: newEmail, password })).status).toBe(303);
  });

  it("keeps passwords, tokens and codes out of the journal, the database and the logs", async () => {
    const logs: string[] = [];
    const original = { log: console.log, error: console.error, warn: console.warn };
    for (const level of ["log", "error", "warn"] as const) console[level] = (...args: unknown[]) => logs.push(args.map(String).join(" "));
    try {
      const password = "my very secret passphrase 42";
      const { client, email } = await registeredClient({ password });
      const tokenPage = await client.post("/account/api-token", {});
      const apiToken = /data-testid="new-token">([A-Z2-7]{52})</.exec(tokenPage.html)![1]!;
      await client.post("/login", { email, password: "wrong passphrase attempt" });
      const userCall = await new WebClient().get(`/rest/1.0/user?auth_token=${apiToken}`);
      expect(userCall.status).toBe(200);
      await waitForJournal(userCall.response.headers.get("x-request-id")!);
      const verifyToken = tokenFromMail((await waitForMail(email, "Confirm")).body);
      // The local mailbox stands in for the mail provider, which does get the links: empty it first.
      await env.DB.exec("DELETE FROM dev_mailbox");
      const storage = await dumpAllStorage();
      for (const secret of [password, "wrong passphrase attempt", apiToken, verifyToken, client.cookie!.split("=")[1]!]) {
        expect(storage).not.toContain(secret);
        expect(logs.join("\n")).not.toContain(secret);
      }
    } finally {
      Object.assign(console, original);
    }
  });
});

describe("sensitive actions", () => {
  it("asks for the password again when it was typed more than 10 minutes ago, and mails the owner about a new token", async () => {
    const { client, email, password } = await registeredClient();
    await env.DB.prepare("UPDATE sessions SET reauthenticated_at = ? WHERE account_id = (SELECT id FROM accounts WHERE email_normalized = ?)").bind(Date.now() - 11 * 60_000, email).run();
    const page = await client.get("/account");
    expect(page.html).toMatch(/action="\/account\/api-token">\s*<label/);
    const refused = await client.post("/account/api-token", {});
    expect(refused.status).toBe(401);
    expect(refused.html).toContain("Confirm with your password");
    expect(refused.html).not.toContain('data-testid="new-token"');
    expect((await client.post("/account/api-token", { current_password: "not my password!!" })).status).toBe(401);
    const made = await client.post("/account/api-token", { current_password: password });
    expect(made.status).toBe(200);
    expect(made.html).toContain('data-testid="new-token"');
    expect((await waitForMail(email, "New API token")).subject).toBe("New API token");
    // Within the window now: no password needed.
    expect((await client.post("/account/api-token", {})).status).toBe(200);
  });

  it("logs out everywhere", async () => {
    const { client, email, password } = await registeredClient();
    const other = new WebClient("192.0.2.99");
    await other.post("/login", { email, password });
    const out = await client.post("/account/sessions/revoke", {});
    expect(out.status).toBe(303);
    expect(out.response.headers.get("clear-site-data")).toBe('"cookies"');
    expect((await client.get("/account")).status).toBe(303);
    expect((await other.get("/account")).status).toBe(303);
  });
});
