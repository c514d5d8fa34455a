/**
 * CSRF: a state-changing request must come from our own pages, whatever its content type (the stock
 * check skips JSON). Browsers send Origin on every POST, and Sec-Fetch-Site; either must say "us".
 * Under our `Referrer-Policy: no-referrer` browsers send `Origin: null` even on same-origin form
 * posts, so a null Origin defers to Sec-Fetch-Site.
 * A request with neither comes from a program, which holds no cookie of ours to abuse, unless it
 * sends one. The site group applies it; the token API and webhooks, which read no cookie, do not.
 * Hono's csrf() is not enough here: it checks only form and text content types.
 */
import type { MiddlewareHandler } from "hono";
import { SESSION_COOKIE_NAME } from "../../config";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async function csrfProtection(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const fetchSite = c.req.header("sec-fetch-site");
    const siteOrigin = new URL(c.env.SITE_ORIGIN).origin;
    const requestOrigin = new URL(c.req.url).origin;
    const ours = (value: string) => value === siteOrigin || value === requestOrigin;
    if (origin !== undefined && origin !== "null") {
      if (!ours(origin)) throw new AppError("csrf_rejected");
    } else if (fetchSite !== undefined) {
      if (fetchSite !== "same-origin") throw new AppError("csrf_rejected");
    } else if (origin === "null") {
      throw new AppError("csrf_rejected");
    } else if (c.req.header("cookie")?.includes(SESSION_COOKIE_NAME)) {
      throw new AppError("csrf_rejected");
    }
    return next();
  };
}
