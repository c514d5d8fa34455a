/**
 * The site route group: pages, and our own JSON API under /api. Its middleware: page language
 * (path, then Accept-Language; never a cookie), CSRF on state changes, the body limit, the session
 * cookie, the page frame. Guards (requireAccount) throw; the group's renderer answers pages with a
 * readable page (or the login page, for a visitor who must log in) and /api with JSON.
 */
import { Hono, type Context } from "hono";
import { trimTrailingSlash } from "hono/trailing-slash";
import { MAX_BODY_BYTES } from "../../config";
import type { AppEnv } from "../../env";
import { AppError, type ErrorKey } from "../../errors";
import { POLICY_VERSIONS, type PolicyVersion } from "../../retention/policy-versions";
import { limitBody } from "../body-limit";
import { renderJsonError, renderPageError, toAppError } from "../error-rendering";
import { detectLanguage } from "../language";
import { csrfProtection } from "./csrf";
import { pageRenderer } from "./renderer";
import { session } from "./session";

export type SiteSurface = "pages" | "json";

/** Where a page for logged-in users sends a visitor: the login page, with the way back for a GET. */
export function loginRedirectPath(c: Context<AppEnv>): string {
  if (c.req.method !== "GET") return "/login";
  const url = new URL(c.req.url);
  return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

function renderSiteError(surface: SiteSurface) {
  return (thrown: unknown, c: Context<AppEnv>) => {
    const error = toAppError(thrown, c.var.requestId);
    if (surface === "json") return renderJsonError(c, error);
    if (error.key === "login_required") return c.redirect(loginRedirectPath(c), 303);
    return renderPageError(c, error);
  };
}

export type SiteGroupOptions = {
  /** A larger cap for a group of uploads (the avatar form), with its own error past it. */
  body?: { maxBytes: number; tooLarge?: ErrorKey };
  /** The privacy policy's versions: the pages, sign-up and the change notice read them from here. */
  policyVersions?: readonly PolicyVersion[];
};

export function siteGroup(routes: Hono<AppEnv>, surface: SiteSurface, options: SiteGroupOptions = {}): Hono<AppEnv> {
  const body = options.body ?? { maxBytes: MAX_BODY_BYTES };
  const versions = options.policyVersions ?? POLICY_VERSIONS;
  const group = new Hono<AppEnv>();
  // A page typed or linked with a trailing slash (`/account/data/`) is found: 301 to the page, for GET and HEAD only.
  if (surface === "pages") group.use(trimTrailingSlash());
  group.use(
    async function policyVersions(c, next) {
      c.set("policyVersions", versions);
      await next();
    },
    detectLanguage(),
    csrfProtection(),
    limitBody(body.maxBytes, body.tooLarge),
    session(),
    pageRenderer(),
  );
  group.route("/", routes);
  group.all("*", () => {
    throw new AppError(surface === "json" ? "unknown_method" : "page_not_found");
  });
  group.onError(renderSiteError(surface));
  return group;
}
