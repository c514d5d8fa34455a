/**
 * Stripe through its official SDK, in its Workers build: the fetch HTTP client for API calls and
 * the SubtleCrypto provider for webhook signatures (the SDK's synchronous verifier needs Node's
 * crypto and fails here). STRIPE_API_BASE points the SDK at a local stand-in in tests.
 */
import Stripe from "stripe";
import { DEVELOPMENT_WEBHOOK_SECRET, STRIPE_CHECKOUT_ORIGIN, WEBHOOK_TOLERANCE_SECONDS } from "../config";
import { isDevelopment } from "../mail/outbox";

export type StripeEnv = { ENVIRONMENT?: string; STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string; STRIPE_API_BASE?: string };

/** A Stripe API client, or null when STRIPE_SECRET_KEY is not set (payments are then unavailable). */
export function createStripeClient(env: StripeEnv): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  return new Stripe(env.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    // No latency metrics sent back to Stripe with the next call.
    telemetry: false,
    timeout: 10_000,
    maxNetworkRetries: 1,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === "https:" ? 443 : 80), protocol: base.protocol === "http:" ? "http" : "https" } : {}),
  });
}

/**
 * The webhook endpoint's signing secret. Under ENVIRONMENT=development without STRIPE_WEBHOOK_SECRET,
 * the fixed development secret (what `npm run payments:simulate` signs with); anywhere else a
 * missing secret throws, so that Stripe gets a 5xx and retries once the secret is set.
 */
export function webhookSecret(env: StripeEnv): string {
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  if (isDevelopment(env)) return DEVELOPMENT_WEBHOOK_SECRET;
  throw new Error("STRIPE_WEBHOOK_SECRET is not set");
}

/** The origin of the hosted payment page our checkout form leads to (the stand-in's, when STRIPE_API_BASE is set). */
export function checkoutOrigin(env: StripeEnv): string {
  return env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE).origin : STRIPE_CHECKOUT_ORIGIN;
}

/** The `t=` of a Stripe-Signature header in seconds, read as the SDK reads it (the last one wins). */
function signedAt(signature: string): number | null {
  let at: number | null = null;
  for (const item of signature.split(",")) {
    const [key, value] = item.split("=");
    if (key === "t") at = Number.parseInt(value ?? "", 10);
  }
  return at !== null && Number.isFinite(at) ? at : null;
}

/**
 * Checks a webhook's `Stripe-Signature` over the raw body (HMAC-SHA-256 with the endpoint secret,
 * timestamp within WEBHOOK_TOLERANCE_SECONDS) and only then parses it. Null when anything is wrong:
 * the caller answers 400 without saying what. The SDK only bounds the age; a timestamp too far
 * ahead is refused here too, so that no signature stays replayable longer than the window.
 */
export async function verifyWebhook(rawBody: string, signature: string, secret: string, now: number): Promise<unknown> {
  const at = signedAt(signature);
  if (at === null || at * 1000 > now + WEBHOOK_TOLERANCE_SECONDS * 1000) return null;
  try {
    return await Stripe.webhooks.constructEventAsync(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS, Stripe.createSubtleCryptoProvider(), now);
  } catch {
    return null;
  }
}
