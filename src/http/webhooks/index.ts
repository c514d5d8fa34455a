/**
 * The webhooks route group: calls from our payment provider, authenticated by their signature
 * alone. Its middleware: a body limit of its own (events are larger than forms); no session, no
 * cookie, no CSRF check (the provider is cross-site by nature, and the signature is the check).
 * Its errors are JSON.
 */
import { Hono } from "hono";
import { WEBHOOK_MAX_BODY_BYTES } from "../../config";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { limitBody } from "../body-limit";
import { renderJsonError, toAppError } from "../error-rendering";
import { stripeWebhook } from "./stripe";

export function webhooksGroup(): Hono<AppEnv> {
  const group = new Hono<AppEnv>();
  group.use(limitBody(WEBHOOK_MAX_BODY_BYTES));
  group.route("/stripe", stripeWebhook);
  group.all("*", () => {
    throw new AppError("unknown_method");
  });
  group.onError((error, c) => renderJsonError(c, toAppError(error, c.var.requestId)));
  return group;
}
