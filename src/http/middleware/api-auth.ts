/** Guards Real-Debrid-compatible API routes: a valid Bearer or `auth_token` token, else 401 bad_token (code 8). */
import type { MiddlewareHandler } from "hono";
import { findApiCredential, readApiToken, touchApiCredential, type ApiCredential } from "../../api-auth";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";

declare module "hono" {
  interface ContextVariableMap {
    apiCredential: ApiCredential;
  }
}

export function requireApiAccount(): MiddlewareHandler<AppEnv> {
  return async function requireApiAccount(c, next) {
    const token = readApiToken(c.req.raw);
    const now = new Date();
    const credential = token ? await findApiCredential(c.env.DB, token, now) : null;
    if (!credential) throw new AppError("bad_token");
    c.set("apiCredential", credential);
    c.set("accountId", String(credential.accountId));
    c.executionCtx.waitUntil(touchApiCredential(c.env.DB, credential, now));
    await next();
  };
}
