/**
 * Calls the Worker's app with some bindings replaced (download nodes, ENVIRONMENT, a database that
 * refuses every query…), for behaviour that depends on deployment configuration. The app and the
 * other bindings are the real ones.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp, type AppOptions } from "../../src/app";

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

/**
 * A fetch through an app built with `options` (other privacy policy versions…) and the real
 * bindings, for a WebClient's `fetcher`: the body is read and the after-response work awaited
 * before the response is handed back.
 */
export function appFetcher(options: AppOptions): (request: Request) => Promise<Response> {
  const custom = createApp(options);
  return async (request) => {
    const ctx = createExecutionContext();
    const response = await custom.fetch(request, env as unknown as Env, ctx);
    const body = await response.arrayBuffer();
    await waitOnExecutionContext(ctx);
    return new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, headers: response.headers });
  };
}
