/** Guards Real-Debrid-compatible API routes: a valid Bearer or `auth_token` token, else 401 bad_token (code 8). */
import type { MiddlewareHandler } from "hono";
import { findApiCredential, readApiToken, touchApiCredential, type ApiCredential } from "../../api-auth";
import { findAccount } from "../../accounts";
import { mainDb } from "../../db/client";
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

/**
 * After requireApiAccount(): refuses accounts whose email was never confirmed (403, code 15
 * "account not activated"), e.g. on unrestrict routes.
 */
export function requireVerifiedEmail(): MiddlewareHandler<AppEnv> {
  return async function requireVerifiedEmail(c, next) {
    const account = await findAccount(mainDb(c.env.DB), c.var.apiCredential.accountId);
    if (!account) throw new AppError("bad_token");
    if (account.emailVerifiedAt === null) throw new AppError("account_not_verified");
    await next();
  };
}
