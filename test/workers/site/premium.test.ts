import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { PREMIUM_PLANS } from "../../../src/config";
import { accountState, completedEvent, deliver, ledgerRows, purchase, refundedEvent, standInSessions } from "../../helpers/payments";
import { ORIGIN, registeredClient, WebClient } from "../../helpers/web-client";

async function accountIdOf(email: string): Promise<number> {
  return (await env.DB.prepare("SELECT id FROM accounts WHERE email = ?").bind(email).first<{ id: number }>())!.id;
}

/** A request from a logged-in client through an app whose environment differs (no key, a wrong key). */
async function requestWithEnv(client: WebClient, path: string, method: "GET" | "POST", form: Record<string, string>, overrides: Record<string, unknown>): Promise<{ status: number; html: string; location: string | null }> {
  const headers: Record<string, string> = { cookie: client.cookie!, "accept-language": "en", "cf-connecting-ip": client.ip };
  if (method === "POST") Object.assign(headers, { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" });
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}${path}`, { method, headers, body: method === "POST" ? new URLSearchParams(form).toString() : undefined, redirect: "manual" });
  const response = await createApp().fetch(request, { ...env, ...overrides } as typeof env, ctx);
  await waitOnExecutionContext(ctx);
  return { status: response.status, html: await response.text(), location: response.headers.get("location") };
}

describe("the premium page", () => {
  it("lists every plan with its price and points, in French and English, for visitors too", async () => {
    const en = await new WebClient().get("/premium");
    expect(en.status).toBe(200);
    for (const [id, plan] of Object.entries(PREMIUM_PLANS)) {
      expect(en.html).toContain(`Buy ${plan.days} days`);
      expect(en.html).toContain(`€${(plan.priceMinor / 100).toFixed(2)}`);
      expect(en.html).toContain(`${plan.points} fidelity points`);
      expect(en.html).toContain(`data-plan="${id}"`);
    }
    expect(en.html).toContain("Log in to buy premium time.");
    const fr = await new WebClient().get("/premium", { "accept-language": "fr" });
    expect(fr.html).toContain("4,00\u00a0€");
    expect(fr.html).toContain("Acheter 30 jours");
    // The navigation leads there.
    expect((await new WebClient().get("/")).html).toContain('href="/premium"');
  });

  it("shows the plans as unavailable, with a note, when no Stripe key is set", async () => {
    const { client } = await registeredClient();
    const page = await requestWithEnv(client, "/premium", "GET", {}, { STRIPE_SECRET_KEY: undefined });
    expect(page.status).toBe(200);
    expect(page.html).toContain("Payments are not configured on this server: plans cannot be bought for now.");
    expect(page.html.match(/<button type="submit" disabled="">Buy/g)).toHaveLength(4);
    const before = (await standInSessions()).length;
    const post = await requestWithEnv(client, "/premium/checkout", "POST", { plan: "30" }, { STRIPE_SECRET_KEY: undefined });
    expect(post.status).toBe(503);
    expect(post.html).toContain("Payments are not configured");
    expect((await standInSessions()).length).toBe(before);
  });
});

describe("checkout", () => {
  it("creates a Checkout Session through the SDK and redirects to the hosted page it returns, writing nothing", async () => {
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    const form = await client.get("/premium");
    expect(form.html).toContain('action="/premium/checkout"');
    // Browsers check a form's redirect against form-action: the hosted page's origin is allowed.
    expect(form.response.headers.get("content-security-policy")).toContain(`form-action 'self' ${env.TEST_STRIPE_URL}`);

    const page = await client.post("/premium/checkout", { plan: "30" });
    expect(page.status).toBe(303);
    const location = page.response.headers.get("location")!;
    const sessions = await standInSessions();
    const created = sessions.find((s) => s.session.client_reference_id === String(accountId))!;
    expect(location).toBe(created.session.url);
    expect(location.startsWith(`${env.TEST_STRIPE_URL}/pay/cs_test_`)).toBe(true);
    expect(created.session.metadata).toEqual({ plan: "30", account_id: String(accountId), ip_country: "FR" });
    expect(created.session).toMatchObject({ amount_total: 400, currency: "eur", customer_email: null, success_url: "http://localhost:8787/premium/success", cancel_url: "http://localhost:8787/premium/cancel" });
    expect(created.params).toMatchObject({ mode: "payment", client_reference_id: String(accountId), payment_intent_data: { metadata: { plan: "30" } }, line_items: { "0": { quantity: "1", price_data: { unit_amount: "400", currency: "eur" } } } });

    // Premium comes only from the webhook: not from creating the session, not from the success page.
    expect((await client.get("/premium/success")).status).toBe(200);
    expect(await accountState(accountId)).toEqual({ premiumUntil: null, points: 0 });
    expect(await ledgerRows(accountId)).toEqual([]);
  });

  it("says the provider is not answering when Stripe refuses the call, and writes nothing", async () => {
    const { client, email } = await registeredClient();
    const page = await requestWithEnv(client, "/premium/checkout", "POST", { plan: "15" }, { STRIPE_SECRET_KEY: "sk_test_wrong" });
    expect(page.status).toBe(502);
    expect(page.html).toContain("The payment provider is not answering.");
    expect(await ledgerRows(await accountIdOf(email))).toEqual([]);
  });

  it("has a cancel page that tells the buyer nothing was charged", async () => {
    const page = await new WebClient().get("/premium/cancel");
    expect(page.status).toBe(200);
    expect(page.html).toContain("You were not charged.");
  });
});

describe("the account page", () => {
  it("shows premium expiry, points and payments after a purchase, and a refund's status", async () => {
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    expect((await client.get("/account")).html).toContain("No payment.");
    const p = purchase(accountId, "90");
    await deliver(completedEvent(p));
    const page = await client.get("/account");
    const until = new Date((await accountState(accountId)).premiumUntil!).toLocaleDateString("en-GB", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    expect(page.html).toContain(`Premium until ${until}`);
    expect(page.html).toContain("Fidelity points: 300");
    expect(page.html).toMatch(/<tr data-status="paid"><td>[^<]+<\/td><td>90 days<\/td><td>€9.00<\/td><td>paid<\/td><\/tr>/);
    expect((await client.get("/premium")).html).toContain("You have 300 points.");

    await deliver(refundedEvent(p));
    const after = await client.get("/account");
    expect(after.html).toContain("Free account");
    expect(after.html).toContain('<td>refunded</td>');
  });
});

describe("points on the premium page", () => {
  it("converts whole blocks of points, and says when there are not enough", async () => {
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    const refused = await client.post("/premium/convert-points", {});
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("Not enough points for a conversion.");
    await env.DB.prepare("UPDATE accounts SET points = 1100 WHERE id = ?").bind(accountId).run();
    const done = await client.post("/premium/convert-points", {});
    expect(done.status).toBe(200);
    expect(done.html).toContain("Points converted into premium time.");
    expect(done.html).toContain("You have 100 points.");
    expect((await accountState(accountId)).premiumUntil! - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });
});
