/**
 * Starts the whole product (`wrangler dev`, fresh local D1/KV) once for all page tests, with a
 * local file origin on the SSRF allow-list, as `npm run dev` plus `npm run dev:origin` would, and
 * the Stripe SDK pointed at a local stand-in of Stripe's API (with its test key).
 */
import type { TestProject } from "vitest/node";
import { startDevServer } from "../../scripts/lib/dev-server";
import { startOriginServer } from "../servers/origin-server";
import { startStripeServer, STRIPE_TEST_SECRET_KEY } from "../servers/stripe-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    downloadBaseUrl: string;
    browserOriginUrl: string;
    /** The dev server's local state, for `npm run admin:create -- --persist-to`. */
    stateDir: string;
    browserStripeUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const origin = await startOriginServer();
  const stripe = await startStripeServer();
  const server = await startDevServer({ vars: { FETCH_ALLOWLIST: `127.0.0.1:${origin.port}`, STRIPE_API_BASE: stripe.url, STRIPE_SECRET_KEY: STRIPE_TEST_SECRET_KEY } });
  process.env.BASE_URL = server.baseUrl;
  process.env.DOWNLOAD_BASE_URL = server.downloadBaseUrl;
  project.provide("baseUrl", server.baseUrl);
  project.provide("downloadBaseUrl", server.downloadBaseUrl);
  project.provide("browserOriginUrl", origin.url);
  project.provide("stateDir", server.stateDir);
  project.provide("browserStripeUrl", stripe.url);
  return async () => {
    await server.stop();
    await new Promise((resolve) => origin.server.close(resolve));
    stripe.server.closeAllConnections();
    await new Promise((resolve) => stripe.server.close(resolve));
  };
}
