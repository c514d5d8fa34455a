import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { registeredClient, uniqueEmail, WebClient } from "../../helpers/web-client";

describe("brute-force protection", () => {
  it("answers the 11th wrong password in a row with 429 and Retry-After, even with the right password", async () => {
    const { email, password } = await registeredClient();
    const attacker = new WebClient("192.0.2.200");
    for (let i = 1; i <= 10; i++) {
      const page = await attacker.post("/login", { email, password: `wrong guess number ${i}` });
      expect(page.status, `attempt ${i}`).toBe(401);
    }
    const eleventh = await attacker.post("/login", { email, password });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(eleventh.html).toContain("Too many attempts");
    expect(eleventh.setCookies).toHaveLength(0);
    // The lock binds this account on this network, not the account everywhere: the owner's right
    // password from another network is never refused. Ten failures put the account under attack,
    // so from a network it has not used, it leads to the mailed code (not a 429).
    const owner = await new WebClient("192.0.2.201").post("/login", { email, password });
    expect(owner.status).toBe(200);
    expect(owner.html).toContain("Confirm this sign-in");
  });

  it("locks unknown emails the same way, so the lock reveals nothing", async () => {
    const email = uniqueEmail("ghost");
    const attacker = new WebClient("192.0.2.210");
    for (let i = 1; i <= 10; i++) expect((await attacker.post("/login", { email, password: `wrong guess number ${i}` })).status).toBe(401);
    expect((await attacker.post("/login", { email, password: "wrong guess number 11" })).status).toBe(429);
  });

  it("doubles the lock with each failure past the threshold", async () => {
    const { email } = await registeredClient();
    const attacker = new WebClient("192.0.2.220");
    for (let i = 1; i <= 10; i++) await attacker.post("/login", { email, password: `wrong guess number ${i}` });
    const first = Number((await attacker.post("/login", { email, password: "x".repeat(12) })).response.headers.get("retry-after"));
    expect(first).toBeGreaterThan(50);
    expect(first).toBeLessThanOrEqual(60);
    // Let the lock lapse, fail once more: the next lock is twice as long.
    await env.DB.prepare("UPDATE rate_limits SET locked_until = ? WHERE locked_until IS NOT NULL").bind(Date.now() - 1).run();
    expect((await attacker.post("/login", { email, password: "wrong guess number 12" })).status).toBe(401);
    const second = Number((await attacker.post("/login", { email, password: "x".repeat(12) })).response.headers.get("retry-after"));
    expect(second).toBeGreaterThan(100);
    expect(second).toBeLessThanOrEqual(120);
  });

  it("records every attempt with its result, reason, IP, place and browser, never the typed email", async () => {
    const { email, password } = await registeredClient({ ip: "192.0.2.230" });
    await new WebClient("192.0.2.231", { country: "DE", city: "Berlin", asn: 3320 }).post("/login", { email, password: "definitely not it" });
    await new WebClient("192.0.2.232").post("/login", { email: uniqueEmail("nobody"), password: "definitely not it" });
    const events = (where: string) => env.DB.prepare(`SELECT * FROM login_events WHERE ${where} ORDER BY at, id`).all<Record<string, unknown>>();
    const ofAccount = (await events("account_id = (SELECT id FROM accounts WHERE email_normalized = '" + email + "')")).results;
    const [success, wrong] = ofAccount;
    const unknown = (await events("ip = '192.0.2.232'")).results[0];
    const results = [...ofAccount, unknown];
    expect(ofAccount).toHaveLength(2);
    expect(success).toMatchObject({ result: "success", reason: "password", ip: "192.0.2.230", user_agent: "web-client-test/1.0" });
    expect(wrong).toMatchObject({ result: "failure", reason: "wrong_password", ip: "192.0.2.231", country: "DE", city: "Berlin", asn: 3320 });
    expect(unknown).toMatchObject({ result: "failure", reason: "unknown_email", account_id: null });
    expect(JSON.stringify(results)).not.toContain("definitely not it");
    expect(JSON.stringify(results)).not.toContain("nobody");
    void password;
  });

  it("counts parallel wrong passwords before checking them, so a burst meets the lock", async () => {
    const { email, password } = await registeredClient();
    const attacker = new WebClient("192.0.2.240");
    const pages = await Promise.all(Array.from({ length: 25 }, (_, i) => attacker.post("/login", { email, password: `parallel wrong ${i}` })));
    const statuses = pages.map((p) => p.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    // A right password elsewhere ends nothing here, and from another network it is not refused:
    // under attack, an unused network reaches the mailed-code step.
    const owner = await new WebClient("192.0.2.241").post("/login", { email, password });
    expect(owner.status).toBe(200);
    expect(owner.html).toContain("Confirm this sign-in");
  });

  it("refuses parallel sign-ups from one network beyond the hourly limit", async () => {
    const pages = await Promise.all(
      Array.from({ length: 20 }, (_, i) => new WebClient(`2001:db8:ee:ff::${i + 1}`).post("/register", { email: uniqueEmail("burst"), password: "a sturdy passphrase here" })),
    );
    const statuses = pages.map((p) => p.status);
    expect(statuses.filter((s) => s === 200).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(10);
  });

  it("a successful login ends the run of failures", async () => {
    const { email, password } = await registeredClient();
    const client = new WebClient("192.0.2.242");
    for (let i = 1; i <= 9; i++) expect((await client.post("/login", { email, password: `wrong guess number ${i}` })).status).toBe(401);
    expect((await client.post("/login", { email, password })).status).toBe(303);
    for (let i = 1; i <= 9; i++) expect((await client.post("/login", { email, password: `wrong again ${i}` })).status).toBe(401);
  });

  it("throttles re-entering the current password like a login and records the failures", async () => {
    const { client, email, password } = await registeredClient({ ip: "192.0.2.243" });
    for (let i = 1; i <= 10; i++) {
      const page = await client.post("/account/password", { current_password: `wrong current ${i}`, new_password: "an entirely new passphrase" });
      expect(page.status, `attempt ${i}`).toBe(401);
    }
    const eleventh = await client.post("/account/password", { current_password: password, new_password: "an entirely new passphrase" });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const email429 = await client.post("/account/email", { current_password: password, new_email: uniqueEmail("moved") });
    expect(email429.status).toBe(429);
    // Nothing changed: the old password still logs in from elsewhere.
    expect((await new WebClient("192.0.2.244").post("/login", { email, password })).status).toBe(303);
    const { results } = await env.DB.prepare("SELECT reason FROM login_events WHERE ip = ? AND reason = 'reauth_failed'").bind("192.0.2.243").all();
    expect(results).toHaveLength(10);
  });
});
