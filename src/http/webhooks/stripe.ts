/**
 * `POST /webhooks/stripe`: Stripe's events. The signature is checked over the raw body before
 * anything is parsed or stored; a bad one gets 400 without saying why. Each event applies at most
 * once; duplicates and types we ignore get 200 too (Stripe retries anything else). A 5xx is
 * answered only on our own failure, which a retry can get past.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { applyPaymentFact, readPaymentEvent, verifyWebhook, webhookSecret } from "../../payments";

export const stripeWebhook = new Hono<AppEnv>();

stripeWebhook.post("/", async (c) => {
  const signature = c.req.header("stripe-signature");
  if (!signature) throw new AppError("invalid_signature");
  const secret = webhookSecret(c.env);
  const rawBody = await c.req.text();
  const now = Date.now();
  const verified = await verifyWebhook(rawBody, signature, secret, now);
  if (verified === null) throw new AppError("invalid_signature");
  const event = readPaymentEvent(verified);
  if (!event?.fact) return c.json({ received: true, outcome: "ignored" });
  const outcome = await applyPaymentFact(c.var.db, { eventId: event.id, type: event.type, fact: event.fact }, now);
  return c.json({ received: true, outcome });
});
