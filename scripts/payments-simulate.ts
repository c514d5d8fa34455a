/**
 * `npm run payments:simulate -- --email <address> --plan <15|30|90|180> [--event-id <id>]
 *   [--type completed|refunded] [--payment <pi_…>] [--url http://localhost:8787]`
 *
 * Plays Stripe for a local `npm run dev`: posts a correctly signed webhook event (signed by the
 * Stripe SDK's test-header helper) to /webhooks/stripe, and prints the event id and the answer.
 * `completed` is a paid Checkout Session of the plan for that account; `refunded` fully refunds
 * the payment named by --payment (printed by the completed run). The same --event-id twice is a
 * duplicate delivery: the second changes nothing. Signs with STRIPE_WEBHOOK_SECRET (environment,
 * then .dev.vars), else the fixed development secret the dev server also falls back to.
 */
import { existsSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import Stripe from "stripe";
import { chargeRefundedEvent, checkoutSessionEvent, DEVELOPMENT_WEBHOOK_SECRET } from "./lib/stripe-events.ts";

const USAGE = "usage: npm run payments:simulate -- --email <address> --plan <15|30|90|180> [--event-id <id>] [--type completed|refunded] [--payment <pi_…>] [--url http://localhost:8787]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function webhookSecret(): string {
  if (process.env.STRIPE_WEBHOOK_SECRET) return process.env.STRIPE_WEBHOOK_SECRET;
  if (existsSync(".dev.vars")) {
    const line = readFileSync(".dev.vars", "utf8").split(/\r?\n/).find((l) => /^\s*STRIPE_WEBHOOK_SECRET\s*=/.test(l));
    const value = line?.split("=").slice(1).join("=").trim().replace(/^"(.*)"$/, "$1");
    if (value) return value;
  }
  return DEVELOPMENT_WEBHOOK_SECRET;
}

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    plan: { type: "string" },
    "event-id": { type: "string" },
    type: { type: "string", default: "completed" },
    payment: { type: "string" },
    url: { type: "string", default: process.env.RELAIS_URL ?? "http://localhost:8787" },
  },
});
if (!values.email || !values.plan) fail("--email and --plan are required.");
if (values.type !== "completed" && values.type !== "refunded") fail(`--type must be completed or refunded, not ${values.type}.`);
if (values.type === "refunded" && !values.payment) fail("--type refunded needs --payment <pi_…>, the payment a completed run printed.");
const base = values.url!.replace(/\/+$/, "");

// The dev server says which account the address is and what the plan costs (development only).
const lookup = await fetch(`${base}/dev/payments/buyer?${new URLSearchParams({ email: values.email, plan: values.plan })}`).catch((error: unknown) => fail(`Cannot reach ${base} (${String(error)}): is \`npm run dev\` running?`));
if (!lookup.ok) fail(`${base} answered ${lookup.status} to the buyer lookup: ${(await lookup.text()).slice(0, 200)} (unknown address or plan, or not a development server).`);
const buyer = (await lookup.json()) as { accountId: number; plan: string; amountMinor: number; currency: string };

const eventId = values["event-id"] ?? `evt_sim_${randomBytes(9).toString("hex")}`;
const suffix = eventId.replace(/^evt_/, "");
const paymentIntentId = values.type === "refunded" ? values.payment! : `pi_${suffix}`;
const event =
  values.type === "completed"
    ? checkoutSessionEvent({ eventId, sessionId: `cs_${suffix}`, paymentIntentId, accountId: buyer.accountId, plan: buyer.plan, amountMinor: buyer.amountMinor, currency: buyer.currency, ipCountry: "FR" })
    : chargeRefundedEvent({ eventId, paymentIntentId, amountMinor: buyer.amountMinor, currency: buyer.currency });

const payload = JSON.stringify(event, null, 2);
const signature = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: webhookSecret() });
const response = await fetch(`${base}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature }, body: payload });
const answer = await response.text();
console.log(`event: ${eventId} (${event.type})`);
console.log(`payment: ${paymentIntentId} — account ${buyer.accountId}, ${buyer.plan} days, ${buyer.amountMinor} ${buyer.currency}`);
console.log(`answer: ${response.status} ${answer}`);
process.exit(response.ok ? 0 : 1);
