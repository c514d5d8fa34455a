/**
 * The staff route group (/staff): legal officers' and admins' pages. Its middleware is the site's
 * own (language, CSRF, body limit, session, page frame), then a login: each page adds
 * requireRole() and requireRecentPassword() (guards.tsx). Every action writes one audit row; a
 * refused one too, answered 403.
 */
import { Hono, type Context } from "hono";
import { MAX_BODY_BYTES } from "../../config";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { limitBody } from "../body-limit";
import { renderPageError, toAppError } from "../error-rendering";
import { detectLanguage } from "../language";
import { loginRedirectPath } from "../site";
import { csrfProtection } from "../site/csrf";
import { requireAccount } from "../site/guards";
import { pageRenderer } from "../site/renderer";
import { session } from "../site/session";

function renderStaffError(thrown: unknown, c: Context<AppEnv>) {
  const error = toAppError(thrown, c.var.requestId);
  if (error.key === "login_required") return c.redirect(loginRedirectPath(c), 303);
  return renderPageError(c, error);
}

export function staffGroup(routes: Hono<AppEnv>): Hono<AppEnv> {
  const group = new Hono<AppEnv>();
  group.use(detectLanguage(), csrfProtection(), limitBody(MAX_BODY_BYTES), session(), pageRenderer(), requireAccount());
  group.route("/", routes);
  group.all("*", () => {
    throw new AppError("page_not_found");
  });
  group.onError(renderStaffError);
  return group;
}
