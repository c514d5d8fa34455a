/**
 * Starting a purchase: a Stripe Checkout Session made server-side with the configured price, so
 * that the card form is Stripe's hosted page and no card data ever reaches us. Nothing is written
 * here: the ledger row and the premium time come from the signed webhook only.
 */
import type Stripe from "stripe";
import { CHECKOUT_SESSION_LIFETIME_MS } from "../config";
import type { Language } from "../lib/language";
import type { PlanOffer } from "./plans";

export type CheckoutInput = {
  stripe: Stripe;
  accountId: number;
  plan: PlanOffer;
  /** The site's origin, for the success and cancel pages. */
  siteOrigin: string;
  /** The buyer's country from request.cf (VAT evidence), passed through the session's metadata to the ledger. */
  ipCountry: string | null;
  language: Language;
};

/**
 * Creates the Checkout Session and returns the URL of Stripe's hosted payment page. The account id
 * is the `client_reference_id` and the plan the `metadata.plan`, which the webhook reads back. The
 * buyer's email is not sent: Stripe asks for it on its own page (we share no address).
 */
export async function createCheckout(input: CheckoutInput, now: number): Promise<{ sessionId: string; url: string }> {
  const metadata: Record<string, string> = { plan: input.plan.id, account_id: String(input.accountId) };
  if (input.ipCountry) metadata.ip_country = input.ipCountry;
  const session = await input.stripe.checkout.sessions.create({
    mode: "payment",
    client_reference_id: String(input.accountId),
    metadata,
    payment_intent_data: { metadata },
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: input.plan.currency,
          unit_amount: input.plan.priceMinor,
          product_data: { name: input.language === "fr" ? `Relais premium — ${input.plan.days} jours` : `Relais premium — ${input.plan.days} days` },
        },
      },
    ],
    locale: input.language,
    // No session id in the URL: the page grants nothing, and the request journal keeps URLs a year.
    success_url: new URL("/premium/success", input.siteOrigin).toString(),
    cancel_url: new URL("/premium/cancel", input.siteOrigin).toString(),
    expires_at: Math.floor((now + CHECKOUT_SESSION_LIFETIME_MS) / 1000),
  });
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  return { sessionId: session.id, url: session.url };
}
