/**
 * Reads the session cookie: sets `session` and `accountId` (null when absent or dead), re-sets the
 * cookie when the sliding deadline moved, marks logged-in answers `no-store`. Never redirects.
 */
import type { MiddlewareHandler } from "hono";
import { mainDb } from "../../db/client";
import type { AppEnv } from "../../env";
import { validateSessionToken } from "../../sessions";
import { readSessionCookie, setSessionCookie } from "../cookies";

export function session(): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    c.set("session", null);
    const token = readSessionCookie(c);
    if (token) {
      const now = Date.now();
      const validated = await validateSessionToken(mainDb(c.env.DB), token, now);
      if (validated) {
        c.set("session", validated.session);
        c.set("accountId", String(validated.session.accountId));
        if (validated.extended) setSessionCookie(c, token, validated.session.expiresAt, now);
      }
    }
    await next();
    if (c.var.session) c.header("Cache-Control", "no-store");
  };
}
