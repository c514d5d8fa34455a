/** Vitest global setup (runs in Node): the real local servers that workerd tests fetch from. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { startDohServer } from "./servers/doh-server.ts";
import { startHosterStandIns } from "./servers/hoster-stand-ins.ts";
import { startMailServer } from "./servers/mail-server.ts";
import { startOriginServer } from "./servers/origin-server.ts";
import { startStripeServer } from "./servers/stripe-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    originUrl: string;
    dohUrl: string;
    /** Hoster base vars (ONEFICHIER_API_URL, MEGA_API_URL…) → their local stand-ins. */
    hosterVars: Record<string, string>;
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
  const hosters = await startHosterStandIns();
  const mail = await startMailServer();
  const stripe = await startStripeServer();
  project.provide("originUrl", origin.url);
  project.provide("dohUrl", doh.url);
  project.provide("hosterVars", hosters.vars);
  project.provide("stripeUrl", stripe.url);
  project.provide("closedUrl", await closedPortUrl());
  project.provide("mailUrl", mail.url);
  return async () => {
    for (const { server } of [origin, doh, mail, stripe, ...hosters.servers]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };
}
