/**
 * Security headers on every response of both hosts, errors included: registered outermost, so
 * whatever is thrown inside has been rendered into a response by the time they are set.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../env";
import { checkoutOrigin } from "../payments";

type ContentSecurityPolicy = NonNullable<Exclude<Parameters<typeof secureHeaders>[0], undefined>["contentSecurityPolicy"]>;

/**
 * The site: our own scripts, styles and images only; no frames, no plugins, no base tag. Forms post
 * to us, and one of them (/premium/checkout) answers with a redirect to the payment provider's
 * hosted page, which browsers check against form-action too.
 */
export const SITE_CSP: ContentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'", (c) => checkoutOrigin(c.env ?? {})],
  frameAncestors: ["'none'"],
};

/** The download host serves files only: a file opened in a browser runs nothing and can be framed by nobody. */
export const DOWNLOAD_CSP: ContentSecurityPolicy = { sandbox: [], defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

export function securityHeaders(contentSecurityPolicy: ContentSecurityPolicy): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy,
    strictTransportSecurity: "max-age=31536000; includeSubDomains",
    referrerPolicy: "no-referrer",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    xFrameOptions: "DENY",
  });
}
