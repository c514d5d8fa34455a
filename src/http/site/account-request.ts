/** What account operations need from a site request, built once per handler. */
import type { Context } from "hono";
import type { AccountRequest } from "../../accounts";
import { passwordPepper } from "../../accounts/password-hash";
import type { AppEnv } from "../../env";
import { createOutbox } from "../../mail/outbox";

export function accountRequest(c: Context<AppEnv>): AccountRequest {
  return {
    client: c.var.client,
    userAgent: c.req.header("user-agent") ?? null,
    language: c.var.language,
    pepper: passwordPepper(c.env),
    siteOrigin: c.env.SITE_ORIGIN,
    outbox: createOutbox(c.env, c.var.db),
    defer: (work) => c.executionCtx.waitUntil(work),
  };
}
