/** Payments: premium plans bought through Stripe Checkout, the webhook-fed ledger, fidelity points. */
export { createCheckout, type CheckoutInput } from "./checkout";
export { readPaymentEvent, type PaymentEvent, type PaymentFact } from "./events";
export { applyPaymentFact, listAccountPayments, type EventOutcome, type PaymentSummary } from "./ledger";
export { findPlan, listPlans, type PlanOffer } from "./plans";
export { convertPoints, type Conversion } from "./points";
export { checkoutOrigin, createStripeClient, verifyWebhook, webhookSecret, type StripeEnv } from "./stripe";
