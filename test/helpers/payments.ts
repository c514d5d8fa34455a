/** Payment helpers: Stripe events signed with the SDK as Stripe signs them, posted to the webhook; account state; the stand-in's sessions. */
import { env, exports } from "cloudflare:workers";
import Stripe from "stripe";
import { chargeRefundedEvent, checkoutSessionEvent, disputeEvent, type CheckoutEventOptions } from "../../scripts/lib/stripe-events";
import { PREMIUM_CURRENCY, PREMIUM_PLANS, type PremiumPlanId } from "../../src/config";
import { SITE } from "./api";

export { chargeRefundedEvent, checkoutSessionEvent, disputeEvent };

let counter = 0;
/** Ids unique across a test run, shaped like Stripe's. */
export function stripeId(prefix: "evt" | "cs_test" | "pi"): string {
  return `${prefix}_${Date.now().toString(36)}${++counter}${Math.random().toString(36).slice(2, 8)}`;
}

/** A `Stripe-Signature` header made by the SDK's own test helper, with WebCrypto as on Workers. */
export function signPayload(payload: string, options: { secret?: string; timestamp?: number } = {}): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret ?? env.STRIPE_WEBHOOK_SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}

/** Posts a raw body to /webhooks/stripe with the given headers (a `stripe-signature`, or none). */
export function postWebhook(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(`${SITE}/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", "cf-connecting-ip": "54.187.174.169", ...headers },
    body,
  });
}

/** Signs an event and posts it, as Stripe delivers one. */
export async function deliver(event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}): Promise<Response> {
  const body = JSON.stringify(event, null, 2);
  return postWebhook(body, { "stripe-signature": await signPayload(body, options) });
}

export type Purchase = { accountId: number; plan: PremiumPlanId; sessionId: string; paymentIntentId: string; amountMinor: number };

/** A purchase of `plan` by an account, with fresh Stripe ids. */
export function purchase(accountId: number, plan: PremiumPlanId = "30"): Purchase {
  return { accountId, plan, sessionId: stripeId("cs_test"), paymentIntentId: stripeId("pi"), amountMinor: PREMIUM_PLANS[plan].priceMinor };
}

/** `checkout.session.completed` (paid unless told) for a purchase. */
export function completedEvent(p: Purchase, extra: Partial<CheckoutEventOptions> = {}): Record<string, unknown> {
  return checkoutSessionEvent({ eventId: stripeId("evt"), sessionId: p.sessionId, paymentIntentId: p.paymentIntentId, accountId: p.accountId, plan: p.plan, amountMinor: p.amountMinor, currency: PREMIUM_CURRENCY, ...extra });
}

/** `charge.refunded`, full unless `amountRefundedMinor` says less. */
export function refundedEvent(p: Purchase, amountRefundedMinor = p.amountMinor): Record<string, unknown> {
  return chargeRefundedEvent({ eventId: stripeId("evt"), paymentIntentId: p.paymentIntentId, amountMinor: p.amountMinor, amountRefundedMinor, currency: PREMIUM_CURRENCY });
}

export type AccountState = { premiumUntil: number | null; points: number };

export async function accountState(accountId: number): Promise<AccountState> {
  const row = await env.DB.prepare("SELECT premium_until, points FROM accounts WHERE id = ?").bind(accountId).first<{ premium_until: number | null; points: number }>();
  return { premiumUntil: row!.premium_until, points: row!.points };
}

export type LedgerRow = Record<string, unknown> & { status: string; premium_from: number | null; premium_until: number | null; revoked_ms: number };

export async function ledgerRows(accountId?: number): Promise<LedgerRow[]> {
  const query = accountId === undefined ? env.DB.prepare("SELECT * FROM payments ORDER BY id") : env.DB.prepare("SELECT * FROM payments WHERE account_id = ? ORDER BY id").bind(accountId);
  return (await query.all<LedgerRow>()).results;
}

/** Everything payments may have changed: the account, the ledger, the processed event ids. */
export async function paymentSnapshot(accountId: number): Promise<string> {
  const events = await env.DB.prepare("SELECT event_id, type FROM payment_events ORDER BY event_id").all();
  return JSON.stringify({ account: await accountState(accountId), ledger: await ledgerRows(), events: events.results });
}

export type StandInSession = { session: { id: string; url: string; client_reference_id: string | null; metadata: Record<string, string>; amount_total: number; currency: string; customer_email: string | null; success_url: string; cancel_url: string }; params: Record<string, unknown> };

/** The Checkout Sessions the Stripe stand-in created, with the parameters it received. */
export async function standInSessions(): Promise<StandInSession[]> {
  return (await (await fetch(`${env.TEST_STRIPE_URL}/__sessions`)).json()) as StandInSession[];
}
