/** The Hono app: middleware order, route groups, error and not-found handling. */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./env";
import { AppError } from "./errors";
import { isApiPath, renderError, toAppError } from "./http/errors";
import { accountsApi } from "./http/api/accounts";
import { oauthApi } from "./http/api/oauth";
import { restApi } from "./http/api/rest";
import { csrfProtection } from "./http/middleware/csrf";
import { session } from "./http/middleware/session";
import { accountPages } from "./http/pages/account";
import { authPages } from "./http/pages/auth";
import { devPages } from "./http/pages/dev";
import { downloadRoutes } from "./http/downloads/serve";
import { downloadPages } from "./http/pages/downloads";
import { downloadHostGuard } from "./http/middleware/download-host";
import { legalPages } from "./http/pages/legal";
import { publicPages } from "./http/pages/public";
import { requestContext } from "./request-context/middleware";
import { requestJournal, type JournalOptions } from "./request-journal/middleware";

export type AppOptions = { journal?: JournalOptions };

export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(requestContext());
  app.use(requestJournal(options.journal));
  app.use(downloadHostGuard());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: "max-age=31536000; includeSubDomains",
      referrerPolicy: "no-referrer",
      crossOriginOpenerPolicy: "same-origin",
      crossOriginResourcePolicy: "same-origin",
      xFrameOptions: "DENY",
    }),
  );

  // The token-authenticated APIs never look at cookies.
  const cookieless = (path: string) => path.startsWith("/rest/") || path.startsWith("/oauth/");
  const sessionMiddleware = session();
  app.use(async (c, next) => (cookieless(c.req.path) ? (c.set("session", null), next()) : sessionMiddleware(c, next)));
  app.use(csrfProtection());

  app.route("/", publicPages);
  app.route("/", legalPages);
  app.route("/", authPages);
  app.route("/", accountPages);
  app.route("/", devPages);
  app.route("/api", accountsApi);
  app.route("/rest/1.0", restApi);
  app.route("/oauth/v2", oauthApi);
  app.route("/", downloadRoutes);
  app.route("/", downloadPages);

  app.notFound((c) => renderError(c, new AppError(isApiPath(c.req.path) ? "unknown_method" : "page_not_found")));
  app.onError((error, c) => renderError(c, toAppError(error, c.var.requestId ?? "unknown")));
  return app;
}
