/**
 * `npm run payments:simulate` against the product as `npm run dev` runs it (wrangler dev,
 * ENVIRONMENT=development, no Stripe key and no webhook secret): a free account turns premium,
 * seen on /rest/1.0/user and on the account page; the same --event-id again changes nothing.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";

const run = promisify(execFile);
let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A visitor keeping the session cookie, sending our Origin on POSTs like a browser. */
class Visitor {
  cookie = "";
  async request(path: string, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { "accept-language": "en" };
    if (this.cookie) headers.cookie = this.cookie;
    if (form) Object.assign(headers, { origin: server.baseUrl, "content-type": "application/x-www-form-urlencoded" });
    const response = await fetch(`${server.baseUrl}${path}`, { method: form ? "POST" : "GET", headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: "manual" });
    const session = response.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
    if (session) this.cookie = session.split(";")[0]!;
    return response;
  }
}

async function simulate(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run("npm", ["run", "--silent", "payments:simulate", "--", "--url", server.baseUrl, ...args], { env: { ...process.env, STRIPE_WEBHOOK_SECRET: "" } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout + failed.stderr };
  }
}

describe("npm run payments:simulate on the dev server", () => {
  it("turns a free account premium, once per event id, and a refund turns it back", async () => {
    const email = `simulate-${Date.now()}@example.test`;
    const password = "a long and cheerful passphrase";
    const visitor = new Visitor();
    expect((await visitor.request("/register", { email, password })).status).toBe(200);
    const mailbox = await (await visitor.request("/dev/mailbox")).text();
    const token = new RegExp(`/verify\\?token=([A-Z2-7]{52})`).exec(mailbox)![1]!;
    expect((await visitor.request("/verify", { token })).status).toBe(200);
    expect((await visitor.request("/login", { email, password })).status).toBe(303);
    const tokenPage = await (await visitor.request("/account/api-token", {})).text();
    const apiToken = /data-testid="new-token">([^<]+)</.exec(tokenPage)![1]!;
    const user = async () => (await (await fetch(`${server.baseUrl}/rest/1.0/user`, { headers: { authorization: `Bearer ${apiToken}` } })).json()) as Record<string, unknown>;

    expect(await user()).toMatchObject({ type: "free", premium: 0, points: 0 });
    expect(await (await visitor.request("/account")).text()).toContain("Free account");
    // No STRIPE_SECRET_KEY under npm run dev: the plans say they cannot be bought.
    expect(await (await visitor.request("/premium")).text()).toContain("Payments are not configured on this server");

    const first = await simulate("--email", email, "--plan", "30", "--event-id", "evt_sim_integration_1");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("event: evt_sim_integration_1 (checkout.session.completed)");
    expect(first.stdout).toContain('answer: 200 {"received":true,"outcome":"applied"}');
    const premium = await user();
    expect(premium).toMatchObject({ type: "premium", points: 100 });
    expect(premium.premium as number).toBeGreaterThan(30 * 86_400 - 120);
    const account = await (await visitor.request("/account")).text();
    expect(account).toContain("Premium until");
    expect(account).toContain("Fidelity points: 100");
    expect(account).toContain("<td>30 days</td><td>€4.00</td><td>paid</td>");

    const again = await simulate("--email", email, "--plan", "30", "--event-id", "evt_sim_integration_1");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('answer: 200 {"received":true,"outcome":"duplicate"}');
    const unchanged = await user();
    expect(unchanged.expiration).toBe(premium.expiration);
    expect(unchanged.points).toBe(100);

    const payment = /payment: (pi_\S+)/.exec(first.stdout)![1]!;
    const refund = await simulate("--email", email, "--plan", "30", "--type", "refunded", "--payment", payment);
    expect(refund.stdout).toContain('answer: 200 {"received":true,"outcome":"applied"}');
    expect(await user()).toMatchObject({ type: "free", premium: 0, points: 0 });
  });

  it("says what is wrong with an unknown address, and signs nothing", async () => {
    const result = await simulate("--email", "nobody@example.test", "--plan", "30");
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("404");
    expect(result.stdout).toContain("usage: npm run payments:simulate");
  });
});
