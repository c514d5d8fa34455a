/** 429 too_many_requests (code 34) with Retry-After once a token passes 250 calls in a minute. Needs requireApiAccount() first. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { API_CALLS_PER_MINUTE, countApiCall } from "../../rate-limit/api-calls";

export function apiRateLimit(): MiddlewareHandler<AppEnv> {
  return async function apiRateLimit(c, next) {
    const decision = await countApiCall(c.env.DB, c.get("apiCredential").tokenId, Date.now());
    if (!decision.allowed) {
      throw new AppError("too_many_requests", { retryAfterSeconds: decision.retryAfterSeconds, details: { limit: API_CALLS_PER_MINUTE, period_seconds: 60 } });
    }
    await next();
  };
}
