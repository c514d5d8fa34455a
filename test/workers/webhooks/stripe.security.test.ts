import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { DEVELOPMENT_WEBHOOK_SECRET } from "../../../src/config";
import { DEVELOPMENT_WEBHOOK_SECRET as SIMULATOR_SECRET } from "../../../scripts/lib/stripe-events";
import { SITE } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { completedEvent, deliver, paymentSnapshot, postWebhook, purchase, signPayload } from "../../helpers/payments";

const REFUSED = { error: "invalid_signature", error_code: 2, message: "The signature is missing or invalid." };

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toEqual({ ...REFUSED, request_id: expect.any(String) });
}

describe("the webhook signature", () => {
  it("refuses a bad signature, a stale timestamp, a body altered by one byte and a missing header with 400, changing nothing", async () => {
    const { accountId } = await createTestAccount();
    const body = JSON.stringify(completedEvent(purchase(accountId)));
    const before = await paymentSnapshot(accountId);

    // Signed with another secret.
    await expectRefused(await postWebhook(body, { "stripe-signature": await signPayload(body, { secret: "whsec_someone_else" }) }));
    // 301 seconds old: one second past the tolerance.
    await expectRefused(await postWebhook(body, { "stripe-signature": await signPayload(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }) }));
    // One byte of the body changed after signing (the plan 30 → 90).
    const signature = await signPayload(body);
    const altered = body.replace('"plan":"30"', '"plan":"90"');
    expect(altered).not.toBe(body);
    expect(altered.length).toBe(body.length);
    await expectRefused(await postWebhook(altered, { "stripe-signature": signature }));
    // No header at all, and an empty or garbage one.
    await expectRefused(await postWebhook(body));
    await expectRefused(await postWebhook(body, { "stripe-signature": "" }));
    await expectRefused(await postWebhook(body, { "stripe-signature": "t=1,v1=00" }));

    expect(await paymentSnapshot(accountId)).toBe(before);
    // The untouched body with its own signature still works: the refusals were about the signature.
    expect((await postWebhook(body, { "stripe-signature": signature })).status).toBe(200);
    expect(await paymentSnapshot(accountId)).not.toBe(before);
  });

  it("refuses a timestamp 301 seconds ahead too, and accepts one 290 seconds old", async () => {
    const { accountId } = await createTestAccount();
    const before = await paymentSnapshot(accountId);
    const body = JSON.stringify(completedEvent(purchase(accountId)));
    await expectRefused(await postWebhook(body, { "stripe-signature": await signPayload(body, { timestamp: Math.floor(Date.now() / 1000) + 301 }) }));
    expect(await paymentSnapshot(accountId)).toBe(before);
    expect((await postWebhook(body, { "stripe-signature": await signPayload(body, { timestamp: Math.floor(Date.now() / 1000) - 290 }) })).status).toBe(200);
  });

  it("checks the signature before reading the body: an unsigned non-JSON body is a signature error, not a parse error", async () => {
    await expectRefused(await postWebhook("{not json", { "stripe-signature": "t=1,v1=abc" }));
  });

  it("does not accept the development secret while a real one is set", async () => {
    const { accountId } = await createTestAccount();
    const before = await paymentSnapshot(accountId);
    const body = JSON.stringify(completedEvent(purchase(accountId)));
    await expectRefused(await postWebhook(body, { "stripe-signature": await signPayload(body, { secret: DEVELOPMENT_WEBHOOK_SECRET }) }));
    expect(await paymentSnapshot(accountId)).toBe(before);
  });
});

describe("the webhook route group", () => {
  it("needs no session and no same-origin check, and sets no cookie", async () => {
    const { accountId } = await createTestAccount();
    const body = JSON.stringify(completedEvent(purchase(accountId)));
    const response = await postWebhook(body, { "stripe-signature": await signPayload(body), origin: "https://hooks.stripe.com", "sec-fetch-site": "cross-site", cookie: "__Host-session=forged" });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("answers other methods and paths with JSON errors", async () => {
    for (const [method, path] of [["GET", "/webhooks/stripe"], ["POST", "/webhooks/paypal"], ["GET", "/webhooks"]] as const) {
      const response = await exports.default.fetch(`${SITE}${path}`, { method, body: method === "POST" ? "{}" : undefined });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: "unknown_method", error_code: 3 });
    }
  });
});

describe("the webhook secret", () => {
  async function callWith(overrides: Record<string, unknown>, body: string, signature: string): Promise<Response> {
    const ctx = createExecutionContext();
    const request = new Request(`${SITE}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body });
    const response = await createApp().fetch(request, { ...env, ...overrides } as typeof env, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  it("is the fixed development value under ENVIRONMENT=development without STRIPE_WEBHOOK_SECRET, the one the simulator signs with", async () => {
    expect(SIMULATOR_SECRET).toBe(DEVELOPMENT_WEBHOOK_SECRET);
    expect(DEVELOPMENT_WEBHOOK_SECRET).toBe("whsec_relais_development");
    const { accountId } = await createTestAccount();
    const body = JSON.stringify(completedEvent(purchase(accountId)));
    const response = await callWith({ STRIPE_WEBHOOK_SECRET: undefined, ENVIRONMENT: "development" }, body, await signPayload(body, { secret: DEVELOPMENT_WEBHOOK_SECRET }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "applied" });
  });

  it("is missing in production without STRIPE_WEBHOOK_SECRET: 500, so that Stripe retries, and nothing changes", async () => {
    const { accountId } = await createTestAccount();
    const before = await paymentSnapshot(accountId);
    const body = JSON.stringify(completedEvent(purchase(accountId)));
    const response = await callWith({ STRIPE_WEBHOOK_SECRET: undefined, ENVIRONMENT: "production" }, body, await signPayload(body, { secret: DEVELOPMENT_WEBHOOK_SECRET }));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: "internal_error", error_code: -1 });
    expect(await paymentSnapshot(accountId)).toBe(before);
  });
});

describe("deliveries are still verified when replayed", () => {
  it("a captured delivery replayed after the tolerance is refused even though it was once valid", async () => {
    const { accountId } = await createTestAccount();
    const body = JSON.stringify(completedEvent(purchase(accountId)));
    const old = await signPayload(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await expectRefused(await postWebhook(body, { "stripe-signature": old }));
    expect((await deliver(JSON.parse(body))).status).toBe(200);
  });
});
