/**
 * Stripe webhook events as Stripe sends them (https://docs.stripe.com/api/events/object), for
 * `npm run payments:simulate` and the tests: the event envelope around a Checkout Session, a
 * refunded charge or a dispute. No dependency, so that Node scripts and workerd tests share it.
 */

type Json = Record<string, unknown>;

/** The webhook secret of `npm run dev` without STRIPE_WEBHOOK_SECRET: DEVELOPMENT_WEBHOOK_SECRET of src/config.ts (a test checks they match). */
export const DEVELOPMENT_WEBHOOK_SECRET = "whsec_relais_development";

/** The API version the events claim; what we read of them is stable across versions. */
export const EVENT_API_VERSION = "2025-10-29.clover";

function envelope(eventId: string, type: string, object: Json, created: number): Json {
  return {
    id: eventId,
    object: "event",
    api_version: EVENT_API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export type CheckoutEventOptions = {
  eventId: string;
  type?: "checkout.session.completed" | "checkout.session.async_payment_succeeded" | "checkout.session.async_payment_failed";
  sessionId: string;
  paymentIntentId: string | null;
  /** The `client_reference_id`: our account id. */
  accountId: number | string | null;
  plan: string;
  amountMinor: number;
  currency: string;
  paymentStatus?: "paid" | "unpaid";
  ipCountry?: string;
  /** What Stripe collected from the buyer on its page (email, name, address, phone). */
  customerDetails?: Json;
  created?: number;
};

export function checkoutSessionEvent(options: CheckoutEventOptions): Json {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const metadata: Record<string, string> = { plan: options.plan };
  if (options.accountId !== null) metadata.account_id = String(options.accountId);
  if (options.ipCountry) metadata.ip_country = options.ipCountry;
  const session = {
    id: options.sessionId,
    object: "checkout.session",
    amount_subtotal: options.amountMinor,
    amount_total: options.amountMinor,
    client_reference_id: options.accountId === null ? null : String(options.accountId),
    created: created - 60,
    currency: options.currency,
    customer: null,
    customer_creation: "if_required",
    customer_details: options.customerDetails ?? { address: { city: null, country: "FR", line1: null, line2: null, postal_code: null, state: null }, email: "buyer@example.test", name: null, phone: null, tax_exempt: "none", tax_ids: [] },
    expires_at: created + 3600,
    livemode: false,
    locale: "fr",
    metadata,
    mode: "payment",
    payment_intent: options.paymentIntentId,
    payment_method_types: ["card"],
    payment_status: options.paymentStatus ?? "paid",
    status: "complete",
    success_url: "http://localhost:8787/premium/success",
    cancel_url: "http://localhost:8787/premium/cancel",
    url: null,
  };
  return envelope(options.eventId, options.type ?? "checkout.session.completed", session, created);
}

export type ChargeRefundedOptions = { eventId: string; paymentIntentId: string; amountMinor: number; amountRefundedMinor?: number; currency: string; created?: number };

/** `charge.refunded`: fully refunded unless `amountRefundedMinor` is less than the amount. */
export function chargeRefundedEvent(options: ChargeRefundedOptions): Json {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const refunded = options.amountRefundedMinor ?? options.amountMinor;
  const charge = {
    id: `ch_${options.paymentIntentId.replace(/^pi_/, "")}`,
    object: "charge",
    amount: options.amountMinor,
    amount_captured: options.amountMinor,
    amount_refunded: refunded,
    captured: true,
    created: created - 3600,
    currency: options.currency,
    livemode: false,
    paid: true,
    payment_intent: options.paymentIntentId,
    payment_method_details: { type: "card", card: { brand: "visa", country: "FR", exp_month: 12, exp_year: 2034, funding: "credit", last4: "4242" } },
    refunded: refunded >= options.amountMinor,
    status: "succeeded",
  };
  return envelope(options.eventId, "charge.refunded", charge, created);
}

export type DisputeOptions = { eventId: string; type: "charge.dispute.created" | "charge.dispute.updated" | "charge.dispute.closed"; paymentIntentId: string; amountMinor: number; currency: string; status: string; created?: number };

export function disputeEvent(options: DisputeOptions): Json {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const dispute = {
    id: `dp_${options.paymentIntentId.replace(/^pi_/, "")}`,
    object: "dispute",
    amount: options.amountMinor,
    charge: `ch_${options.paymentIntentId.replace(/^pi_/, "")}`,
    created: created - 60,
    currency: options.currency,
    livemode: false,
    payment_intent: options.paymentIntentId,
    reason: "fraudulent",
    status: options.status,
  };
  return envelope(options.eventId, options.type, dispute, created);
}
