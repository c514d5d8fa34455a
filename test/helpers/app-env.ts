/**
 * Calls the Worker's app with some bindings replaced (download nodes, ENVIRONMENT, a database that
 * refuses every query…), for behaviour that depends on deployment configuration. The app and the
 * other bindings are the real ones.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp } from "../../src/app";

const app = createApp();

export type EnvOverrides = Partial<Record<keyof Env | "LINK_SIGNING_KEY", unknown>>;

/**
 * Fetches through the app with `overrides` applied to the environment. Read the body first, then
 * await `settled()`: after-response work (journal, traffic counts) finishes there.
 */
export async function fetchWithEnv(url: string, init: RequestInit & { cf?: Record<string, unknown> }, overrides: EnvOverrides): Promise<{ response: Response; settled: () => Promise<void> }> {
  const ctx = createExecutionContext();
  const request = new Request(url, init as RequestInit);
  const response = await app.fetch(request, { ...env, ...overrides } as unknown as Env, ctx);
  return { response, settled: () => waitOnExecutionContext(ctx) };
}

/** A D1 binding that fails every query: proof that a code path never touched the main database. */
export function unreachableDatabase(): D1Database {
  const fail = () => {
    throw new Error("the main database was queried");
  };
  // Not a thenable (so awaiting it is not a query), every other property a failing function.
  return new Proxy({}, { get: (_target, name) => (name === "then" ? undefined : fail) }) as D1Database;
}
