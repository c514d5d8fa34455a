/**
 * Reads the session cookie: sets `session` and `accountId` (null when absent or dead), records where
 * the session was last used (sessions/index.ts), re-sets the
 * cookie after the handler when the sliding deadline moved (unless the handler set it), marks
 * logged-in answers `no-store`. Never redirects: guards decide.
 */
import type { MiddlewareHandler } from "hono";
import { placeOf, touchKnownPlaceStatement } from "../../account-security";
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
    const validated = await validateSessionToken(c.var.db, { token, client: c.var.client }, now);
    if (validated) {
      c.set("session", validated.session);
      c.set("accountId", validated.session.accountId);
      // A session in use keeps its place known (once a day, with the sliding deadline).
      if (validated.extended) c.executionCtx.waitUntil(touchKnownPlaceStatement(c.var.db, { accountId: validated.session.accountId, place: placeOf(c.var.client) }, now).run());
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
