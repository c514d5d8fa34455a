/**
 * Reads the session cookie: sets `session` and `accountId` (null when absent or dead), re-sets the
 * cookie after the handler when the sliding deadline moved (unless the handler set it), marks
 * logged-in answers `no-store`. Never redirects: guards decide.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { validateSessionToken } from "../../sessions";
import { readSessionCookie, setSessionCookie, setsSessionCookie } from "./cookies";

export function session(): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    c.set("session", null);
    const token = readSessionCookie(c);
    if (!token) {
      await next();
      return;
    }
    const now = Date.now();
    const validated = await validateSessionToken(c.var.db, { token }, now);
    if (validated) {
      c.set("session", validated.session);
      c.set("accountId", validated.session.accountId);
    }
    await next();
    // The moved deadline goes out after the handler, and only when the handler set no session
    // cookie itself (a new session, a logout): one Set-Cookie per response.
    if (validated?.extended && c.var.session?.id === validated.session.id && !setsSessionCookie(c.res)) {
      setSessionCookie(c, token, validated.session.expiresAt, now);
    }
    if (c.var.session) c.header("Cache-Control", "no-store");
  };
}
