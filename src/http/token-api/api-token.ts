/**
 * Token authentication of the token API. The group resolves the token a request carries (Bearer
 * header, or `auth_token` where a header is impossible) and counts the call against its per-token
 * limit; routes that need an account say so with requireApiAccount(). Public methods ignore a bad
 * token, as upstream (clients send their token everywhere). No cookie is ever read here.
 */
import type { MiddlewareHandler } from "hono";
import { findApiCredential, readApiToken, touchApiCredential } from "../../api-auth";
import { API_CALLS_PER_MINUTE } from "../../config";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { countApiCall } from "../../rate-limit/api-calls";

/** Sets `credential` and `accountId` when the request carries a live token; 429 (code 34) past the per-token limit. */
export function apiToken(): MiddlewareHandler<AppEnv> {
  return async function apiToken(c, next) {
    c.set("credential", null);
    const token = readApiToken(c.req.raw);
    const now = Date.now();
    const credential = token ? await findApiCredential(c.var.db, { token }, now) : null;
    if (credential) {
      c.set("credential", credential);
      c.set("accountId", credential.accountId);
      c.executionCtx.waitUntil(touchApiCredential(c.var.db, { credential }, now));
      const decision = await countApiCall(c.var.db, { tokenId: credential.tokenId }, now);
      if (!decision.allowed) {
        throw new AppError("too_many_requests", { retryAfterSeconds: decision.retryAfterSeconds, details: { limit: API_CALLS_PER_MINUTE, period_seconds: 60 } });
      }
    }
    await next();
  };
}

/** Methods for an account: 401 bad_token (code 8) without a live token, 403 account_locked (code 14) while the account is locked. */
export function requireApiAccount(): MiddlewareHandler<AppEnv> {
  return async function requireApiAccount(c, next) {
    if (!c.var.credential) throw new AppError("bad_token");
    if (c.var.credential.accountLocked) throw new AppError("account_locked");
    await next();
  };
}
