/** Starts the whole product (`wrangler dev`, fresh local D1/KV) once for all page tests. */
import type { TestProject } from "vitest/node";
import { startDevServer } from "../../scripts/lib/dev-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    downloadBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startDevServer();
  process.env.BASE_URL = server.baseUrl;
  process.env.DOWNLOAD_BASE_URL = server.downloadBaseUrl;
  project.provide("baseUrl", server.baseUrl);
  project.provide("downloadBaseUrl", server.downloadBaseUrl);
  return () => server.stop();
}
