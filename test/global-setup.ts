/** Vitest global setup (runs in Node): the real local servers that workerd tests fetch from. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { startDohServer } from "./servers/doh-server.ts";
import { startMailServer } from "./servers/mail-server.ts";
import { startOnefichierServer } from "./servers/onefichier-server.ts";
import { startOriginServer } from "./servers/origin-server.ts";
import { startStripeServer } from "./servers/stripe-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    originUrl: string;
    dohUrl: string;
    onefichierUrl: string;
    stripeUrl: string;
    /** A local port with nothing listening: connections to it are refused. */
    closedUrl: string;
    /** The mail transport stand-in (Resend's API shape). */
    mailUrl: string;
  }
}

/** Binds a free port and releases it: nothing listens there afterwards. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const origin = await startOriginServer();
  const doh = await startDohServer();
  const onefichier = await startOnefichierServer(origin.url);
  const mail = await startMailServer();
  const stripe = await startStripeServer();
  project.provide("originUrl", origin.url);
  project.provide("dohUrl", doh.url);
  project.provide("onefichierUrl", onefichier.url);
  project.provide("stripeUrl", stripe.url);
  project.provide("closedUrl", await closedPortUrl());
  project.provide("mailUrl", mail.url);
  return async () => {
    for (const { server } of [origin, doh, onefichier, mail, stripe]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };
}
