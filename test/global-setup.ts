/** Vitest global setup (runs in Node): the real local servers that workerd tests fetch from. */
import type { TestProject } from "vitest/node";
import { startDohServer } from "./servers/doh-server.ts";
import { startOnefichierServer } from "./servers/onefichier-server.ts";
import { startOriginServer } from "./servers/origin-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    originUrl: string;
    dohUrl: string;
    onefichierUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const origin = await startOriginServer();
  const doh = await startDohServer();
  const onefichier = await startOnefichierServer(origin.url);
  project.provide("originUrl", origin.url);
  project.provide("dohUrl", doh.url);
  project.provide("onefichierUrl", onefichier.url);
  return async () => {
    for (const { server } of [origin, doh, onefichier]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };
}
