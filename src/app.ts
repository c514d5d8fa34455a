/**
 * The Hono apps: the site (pages, /api, the token API, payment webhooks, staff pages) and the download host are
 * separate hosts, so each is its own app with the same global middlewares — security headers (outermost, so
 * errors carry them too), request context, journal, and the development-only location override — and route groups that bring their own
 * middleware and error rendering. Groups on one app are mounted in order, and each ends every
 * request under its mount with its own catch-all, so no group's middleware sees another's requests.
 */
import { Hono } from "hono";
import { AVATAR_FORM_MAX_BYTES, AVATAR_MAX_BYTES, CONTAINER_MAX_BYTES } from "./config";
import type { AppEnv } from "./env";
import { AppError } from "./errors";
import { isDownloadHost } from "./downloads/download-host";
import { downloadHostGroup } from "./http/download-host";
import { renderJsonError, toAppError } from "./http/error-rendering";
import { requestContext } from "./http/request-context";
import { developmentLocation } from "./http/dev-location";
import { DOWNLOAD_CSP, SITE_CSP, securityHeaders } from "./http/security-headers";
import { siteGroup } from "./http/site";
import { staffGroup } from "./http/staff";
import { staffRoutes } from "./http/staff/routes";
import { avatarPageRoutes } from "./http/site/pages/settings";
import { apiRoutes, pageRoutes } from "./http/site/routes";
import { tokenApiGroup } from "./http/token-api";
import { oauthRoutes } from "./http/token-api/oauth";
import { restRoutes } from "./http/token-api/rest";
import { containerFileRoutes } from "./http/token-api/rest/containers";
import { avatarUploadRoutes } from "./http/token-api/rest/settings";
import { applyVerbOverride } from "./http/token-api/verb-override";
import { webhooksGroup } from "./http/webhooks";
import { requestJournal, type JournalOptions } from "./request-journal/middleware";
import type { PolicyVersion } from "./retention/policy-versions";

export type AppOptions = {
  journal?: JournalOptions;
  /** The privacy policy's versions (default: retention/policy-versions.ts); tests add versions here. */
  policyVersions?: readonly PolicyVersion[];
};

export function createHostApp(csp: Parameters<typeof securityHeaders>[0], journal: JournalOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(securityHeaders(csp), requestContext(), requestJournal(journal), developmentLocation());
  // Only what a group did not handle lands here (an error in the global middleware itself).
  app.onError((error, c) => renderJsonError(c, toAppError(error, c.var.requestId)));
  app.notFound((c) => renderJsonError(c, new AppError("resource_not_found")));
  return app;
}

export type RelaisApp = {
  /** The site: pages at /, our JSON API at /api, the Real-Debrid API at /rest/1.0 and /oauth/v2, payment webhooks at /webhooks. */
  site: Hono<AppEnv>;
  /** The download host (DOWNLOAD_ORIGIN): generated links only. */
  downloadHost: Hono<AppEnv>;
  fetch(request: Request, env: AppEnv["Bindings"], ctx: ExecutionContext): Promise<Response>;
};

export function createApp(options: AppOptions = {}): RelaisApp {
  const { policyVersions } = options;
  const site = createHostApp(SITE_CSP, { ...options.journal, fileHost: false })
    // A raw upload with its own body cap, so before the REST group (whose 64 KiB form cap would refuse it first).
    .route("/rest/1.0/unrestrict/containerFile", tokenApiGroup(containerFileRoutes, { maxBytes: CONTAINER_MAX_BYTES, tooLarge: "container_too_large" }))
    // Raw uploads need a larger body cap than the rest of their API: a group of their own, mounted first.
    .route("/rest/1.0/settings/avatarFile", tokenApiGroup(avatarUploadRoutes, { maxBytes: AVATAR_MAX_BYTES, tooLarge: "upload_too_big" }))
    .route("/rest/1.0", tokenApiGroup(restRoutes))
    .route("/oauth/v2", tokenApiGroup(oauthRoutes))
    .route("/webhooks", webhooksGroup())
    .route("/api", siteGroup(apiRoutes, "json", { policyVersions }))
    .route("/staff", staffGroup(staffRoutes))
    .route("/account/avatar", siteGroup(avatarPageRoutes, "pages", { body: { maxBytes: AVATAR_FORM_MAX_BYTES, tooLarge: "upload_too_big" }, policyVersions }))
    .route("/", siteGroup(pageRoutes, "pages", { policyVersions }));
  const downloadHost = createHostApp(DOWNLOAD_CSP, { ...options.journal, fileHost: true }).route("/", downloadHostGroup());
  return {
    site,
    downloadHost,
    async fetch(request, env, ctx) {
      if (isDownloadHost(env, request.url)) return downloadHost.fetch(request, env, ctx);
      // The token API's X-HTTP-Verb is applied before routing, since the router needs the verb.
      return site.fetch(applyVerbOverride(request), env, ctx);
    },
  };
}
