/**
 * Reading Stripe's events into the few facts the ledger needs: a Checkout Session paid, pending
 * or failed; a charge refunded; a dispute opened or closed. Everything else in a payload (names,
 * addresses, emails, payment method details) is dropped here and never stored.
 */
import * as v from "valibot";
import { findPlan, type PlanOffer } from "./plans";

export type CheckoutFact = {
  kind: "checkout";
  sessionId: string;
  paymentIntentId: string | null;
  accountId: number | null;
  plan: PlanOffer | null;
  amountMinor: number | null;
  currency: string | null;
  outcome: "paid" | "pending" | "failed";
  ipCountry: string | null;
  billingCountry: string | null;
};
export type RefundFact = { kind: "refund"; paymentIntentId: string; amountMinor: number; amountRefundedMinor: number; currency: string; full: boolean };
export type DisputeFact = { kind: "dispute"; paymentIntentId: string; amountMinor: number; currency: string; status: string };
export type PaymentFact = CheckoutFact | RefundFact | DisputeFact;

export type PaymentEvent = { id: string; type: string; fact: PaymentFact | null };

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(255));
/** Stripe sends a related object as its id, or expanded. */
const Reference = v.nullish(v.union([Id, v.pipe(v.looseObject({ id: Id }), v.transform((o) => o.id))]));
const Amount = v.pipe(v.number(), v.integer(), v.minValue(0));
const Currency = v.pipe(v.string(), v.regex(/^[a-z]{3}$/));
const Country = v.nullish(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)), null);

const Envelope = v.looseObject({ id: Id, object: v.literal("event"), type: v.pipe(v.string(), v.maxLength(100)), data: v.looseObject({ object: v.unknown() }) });

const CheckoutSession = v.looseObject({
  id: Id,
  object: v.literal("checkout.session"),
  payment_intent: Reference,
  client_reference_id: v.nullish(v.string()),
  metadata: v.nullish(v.record(v.string(), v.string())),
  amount_total: v.nullish(Amount),
  currency: v.nullish(Currency),
  payment_status: v.string(),
  customer_details: v.nullish(v.looseObject({ address: v.nullish(v.looseObject({ country: v.nullish(v.string()) })) })),
});
const Charge = v.looseObject({ object: v.literal("charge"), payment_intent: Reference, amount: Amount, amount_refunded: Amount, refunded: v.boolean(), currency: Currency });
const Dispute = v.looseObject({ object: v.literal("dispute"), payment_intent: Reference, amount: Amount, currency: Currency, status: v.pipe(v.string(), v.maxLength(40)) });

const CHECKOUT_OUTCOMES: Record<string, CheckoutFact["outcome"] | undefined> = {
  "checkout.session.completed": "pending",
  "checkout.session.async_payment_succeeded": "paid",
  "checkout.session.async_payment_failed": "failed",
};
const DISPUTE_TYPES = new Set(["charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed"]);

function accountIdOf(reference: string | null | undefined): number | null {
  return reference && /^[1-9]\d{0,14}$/.test(reference) ? Number(reference) : null;
}

function countryOf(value: unknown): string | null {
  const parsed = v.safeParse(Country, value);
  return parsed.success ? parsed.output : null;
}

function readCheckout(type: string, object: unknown): CheckoutFact | null {
  const outcome = CHECKOUT_OUTCOMES[type];
  const parsed = v.safeParse(CheckoutSession, object);
  if (!outcome || !parsed.success) return null;
  const session = parsed.output;
  return {
    kind: "checkout",
    sessionId: session.id,
    paymentIntentId: session.payment_intent ?? null,
    accountId: accountIdOf(session.client_reference_id),
    plan: findPlan(session.metadata?.plan),
    amountMinor: session.amount_total ?? null,
    currency: session.currency ?? null,
    // A completed session is paid, or waits for a delayed method (SEPA debit…) to succeed or fail.
    outcome: session.payment_status === "paid" ? "paid" : outcome,
    ipCountry: countryOf(session.metadata?.ip_country),
    billingCountry: countryOf(session.customer_details?.address?.country),
  };
}

/**
 * The event's id, type and payment fact; the fact is null for types we do not act on. Null when
 * the body is not a Stripe event at all. A handled type whose object lacks what we need also
 * gives a null fact: a retry could not fix it.
 */
export function readPaymentEvent(body: unknown): PaymentEvent | null {
  const envelope = v.safeParse(Envelope, body);
  if (!envelope.success) return null;
  const { id, type, data } = envelope.output;
  if (type in CHECKOUT_OUTCOMES) return { id, type, fact: readCheckout(type, data.object) };
  if (type === "charge.refunded") {
    const charge = v.safeParse(Charge, data.object);
    if (!charge.success || !charge.output.payment_intent) return { id, type, fact: null };
    const { payment_intent, amount, amount_refunded, refunded, currency } = charge.output;
    return { id, type, fact: { kind: "refund", paymentIntentId: payment_intent, amountMinor: amount, amountRefundedMinor: amount_refunded, currency, full: refunded } };
  }
  if (DISPUTE_TYPES.has(type)) {
    const dispute = v.safeParse(Dispute, data.object);
    if (!dispute.success || !dispute.output.payment_intent) return { id, type, fact: null };
    const { payment_intent, amount, currency, status } = dispute.output;
    return { id, type, fact: { kind: "dispute", paymentIntentId: payment_intent, amountMinor: amount, currency, status } };
  }
  return { id, type, fact: null };
}
