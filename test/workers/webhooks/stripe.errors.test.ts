import { describe, expect, it } from "vitest";
import { WEBHOOK_MAX_BODY_BYTES } from "../../../src/config";
import { createTestAccount } from "../../helpers/factories";
import { completedEvent, deliver, paymentSnapshot, postWebhook, purchase, signPayload, stripeId } from "../../helpers/payments";

describe("signed bodies we cannot use", () => {
  it("acknowledges a signed event whose payment object lacks what we need, storing nothing", async () => {
    const { accountId } = await createTestAccount();
    const before = await paymentSnapshot(accountId);
    const cases = [
      // A refund that names no payment.
      { id: stripeId("evt"), object: "event", type: "charge.refunded", data: { object: { object: "charge", amount: 400, amount_refunded: 400, refunded: true, currency: "eur", payment_intent: null } } },
      // A session with a negative amount and no id.
      { id: stripeId("evt"), object: "event", type: "checkout.session.completed", data: { object: { object: "checkout.session", amount_total: -5, payment_status: "paid" } } },
      // Not an event at all.
      { hello: "world" },
    ];
    for (const event of cases) {
      const response = await deliver(event);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
    }
    expect(await paymentSnapshot(accountId)).toBe(before);
  });

  it("refuses a signed body that is not JSON with the same 400 as a bad signature", async () => {
    const body = "not json at all";
    const response = await postWebhook(body, { "stripe-signature": await signPayload(body) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_signature", error_code: 2 });
  });

  it("refuses a body over the webhook limit with 413 before verifying it, changing nothing", async () => {
    const { accountId } = await createTestAccount();
    const before = await paymentSnapshot(accountId);
    const event = completedEvent(purchase(accountId), { customerDetails: { name: "x".repeat(WEBHOOK_MAX_BODY_BYTES) } });
    const body = JSON.stringify(event);
    const response = await postWebhook(body, { "stripe-signature": await signPayload(body) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "payload_too_large", error_code: 2, max_bytes: WEBHOOK_MAX_BODY_BYTES });
    expect(await paymentSnapshot(accountId)).toBe(before);
  });

  it("accepts a real-sized event well above the site's form limit", async () => {
    const { accountId } = await createTestAccount();
    const event = completedEvent(purchase(accountId), { customerDetails: { name: null, address: { country: "BE" }, padding: "x".repeat(100 * 1024) } });
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "applied" });
  });
});
