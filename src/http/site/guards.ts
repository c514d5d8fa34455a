/** Guards of site routes: they throw, and the group's error renderer decides what the visitor sees. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";

/** Pages and /api routes for logged-in users only: pages send the visitor to the login page and back. */
export function requireAccount(): MiddlewareHandler<AppEnv> {
  return async function requireAccount(c, next) {
    if (!c.var.session) throw new AppError("login_required");
    await next();
  };
}
