/** What account operations need from a request (site pages, or the token API's settings), built once per handler. */
import type { Context } from "hono";
import type { AccountRequest } from "../accounts";
import { passwordPepper } from "../accounts/password-hash";
import type { AppEnv } from "../env";
import { DEFAULT_LANGUAGE } from "../lib/language";
import { createOutbox } from "../mail/outbox";

export function accountRequest(c: Context<AppEnv>): AccountRequest {
  return {
    client: c.var.client,
    userAgent: c.req.header("user-agent") ?? null,
    // The token API detects no language: mails about an account follow its own locale anyway.
    language: c.var.language ?? DEFAULT_LANGUAGE,
    pepper: passwordPepper(c.env),
    siteOrigin: c.env.SITE_ORIGIN,
    outbox: createOutbox(c.env, c.var.db),
    defer: (work) => c.executionCtx.waitUntil(work),
    pause: (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()),
  };
}
