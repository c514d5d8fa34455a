/**
 * The token API route group: Real-Debrid's REST API at /rest/1.0 and its OAuth at /oauth/v2. Its
 * middleware: the body limit and the token (resolved, rate-limited per token); its errors are
 * Real-Debrid's JSON bodies, unknown methods included. It never reads or sets a cookie.
 * (X-HTTP-Verb is applied before routing, in app.ts, since the router needs the verb.)
 */
import { Hono } from "hono";
import { MAX_BODY_BYTES } from "../../config";
import type { AppEnv } from "../../env";
import { AppError, type ErrorKey } from "../../errors";
import { limitBody } from "../body-limit";
import { renderJsonError, toAppError } from "../error-rendering";
import { apiToken } from "./api-token";

/** `body`: a larger cap for a group of raw uploads (the avatar), with its own error past it. */
export function tokenApiGroup(routes: Hono<AppEnv>, body: { maxBytes: number; tooBig?: ErrorKey } = { maxBytes: MAX_BODY_BYTES }): Hono<AppEnv> {
  const group = new Hono<AppEnv>();
  group.use(limitBody(body.maxBytes, body.tooBig), apiToken());
  group.route("/", routes);
  group.all("*", () => {
    throw new AppError("unknown_method");
  });
  group.onError((error, c) => renderJsonError(c, toAppError(error, c.var.requestId)));
  return group;
}
