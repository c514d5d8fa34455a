import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../../helpers/api";
import { accountState, chargeRefundedEvent, checkoutSessionEvent, postWebhook, signPayload, standInSessions, stripeId } from "../../helpers/payments";
import { dumpAllStorage, waitForJournal } from "../../helpers/storage";
import { registeredClient } from "../../helpers/web-client";

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Every 13–19-digit Luhn-valid number in a text, written plain or in groups of 4 (or Amex's 4-6-5)
 * split by spaces or dashes. Stored instants in milliseconds are 13-digit numbers too: those within
 * a few years of now are left out (no card scheme issues 13-digit numbers starting 17–22).
 */
function cardNumbersIn(text: string, now: number): string[] {
  const candidates = [
    ...text.matchAll(/(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g),
    ...text.matchAll(/(?<![0-9A-Za-z])\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}(?![0-9A-Za-z])/g),
    ...text.matchAll(/(?<![0-9A-Za-z])\d{4}([ -])\d{6}\1\d{5}(?![0-9A-Za-z])/g),
  ].map((m) => m[0].replace(/[ -]/g, ""));
  const isInstant = (digits: string) => digits.length === 13 && Math.abs(Number(digits) - now) < 15 * 365 * 86_400_000;
  return candidates.filter((digits) => digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !isInstant(digits));
}

const CARD_FIELDS = /\b(cvc|cvv2?|cvc2|cvc_check|card_?number|security_code|exp_month|exp_year|last4|fingerprint)\b/i;

describe("after a full purchase, no card data and no raw webhook body is stored anywhere", () => {
  it("scans every table of both databases, every KV value and the request journal", async () => {
    // A buyer signs up, opens the premium page and goes to the checkout the SDK created.
    const { client, email } = await registeredClient();
    const accountId = (await env.DB.prepare("SELECT id FROM accounts WHERE email = ?").bind(email).first<{ id: number }>())!.id;
    const tokenPage = await client.post("/account/api-token", {});
    const token = /data-testid="new-token">([^<]+)</.exec(tokenPage.html)![1]!;
    expect((await client.get("/premium")).status).toBe(200);
    const checkout = await client.post("/premium/checkout", { plan: "30" });
    expect(checkout.status).toBe(303);
    const { session } = (await standInSessions()).find((s) => s.session.url === checkout.response.headers.get("location"))!;

    // Stripe then tells us, in payloads full of what we must not keep: the buyer's identity and card details.
    const paymentIntentId = stripeId("pi");
    const completed = checkoutSessionEvent({
      eventId: stripeId("evt"), sessionId: session.id, paymentIntentId, accountId: session.client_reference_id, plan: session.metadata.plan!,
      amountMinor: session.amount_total, currency: session.currency, ipCountry: session.metadata.ip_country,
      customerDetails: {
        email: "jeanne.buyer@example.test", name: "Jeanne Acheteuse", phone: "+33 6 12 34 56 78",
        address: { line1: "12 rue des Cartes", city: "Lyon", postal_code: "69001", country: "FR" },
        // What a careless integration could send us: a card number and its code.
        card_number: "4242 4242 4242 4242", cvc: "314", note: "4000056655665556",
      },
    });
    const refunded = chargeRefundedEvent({ eventId: stripeId("evt"), paymentIntentId, amountMinor: session.amount_total, amountRefundedMinor: 100, currency: session.currency });
    const requestIds: string[] = [];
    const rawBodies: string[] = [];
    for (const event of [completed, refunded]) {
      const body = JSON.stringify(event);
      rawBodies.push(body);
      const response = await postWebhook(body, { "stripe-signature": await signPayload(body) });
      expect(response.status).toBe(200);
      requestIds.push(response.headers.get("x-request-id")!);
    }
    expect((await accountState(accountId)).points).toBe(100);
    const account = await client.get("/account");
    expect(account.html).toContain("€4.00");
    const user = await api("user", { token });
    requestIds.push(user.headers.get("x-request-id")!);
    for (const id of requestIds) expect(await waitForJournal(id)).toHaveLength(1);

    const now = Date.now();
    // The detectors find what they look for: the payloads themselves are full of it.
    const payloads = rawBodies.join("\n");
    expect(cardNumbersIn(payloads, now).length).toBeGreaterThanOrEqual(2);
    expect(payloads).toMatch(CARD_FIELDS);

    const stored = await dumpAllStorage();
    expect(stored.length).toBeGreaterThan(1000);
    expect(cardNumbersIn(stored, now)).toEqual([]);
    expect(stored).not.toMatch(CARD_FIELDS);
    for (const body of rawBodies) expect(stored).not.toContain(body);
    for (const fragment of ["jeanne.buyer@example.test", "Jeanne Acheteuse", "12 rue des Cartes", "69001", "+33 6 12 34 56 78", '"object":"checkout.session"', "payment_method_details", session.url]) {
      expect(stored, fragment).not.toContain(fragment);
    }

    // What the ledger keeps instead: references, amounts, plan, status, dates, country evidence.
    const { results } = await env.DB.prepare("SELECT * FROM payments WHERE account_id = ?").bind(accountId).all();
    expect(results).toHaveLength(1);
    expect(Object.keys(results[0]!).sort()).toEqual([
      "account_id", "amount_minor", "amount_refunded_minor", "billing_country", "checkout_session_id", "created_at", "currency", "dispute_status",
      "id", "ip_country", "keep_until", "last_event_id", "paid_at", "payment_intent_id", "plan_days", "points_granted", "premium_from", "premium_until",
      "reversed_at", "revoked_ms", "status", "updated_at", "version",
    ]);
    expect(results[0]).toMatchObject({ checkout_session_id: session.id, payment_intent_id: paymentIntentId, amount_minor: 400, amount_refunded_minor: 100, currency: "eur", plan_days: 30, ip_country: "FR", billing_country: "FR", status: "paid" });
  });
});
