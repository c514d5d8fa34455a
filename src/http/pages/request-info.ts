/** What domain functions need to know about the request, built once per handler. */
import type { Context } from "hono";
import type { RequestInfo } from "../../accounts";
import type { AppEnv } from "../../env";
import { negotiateLanguage, type Language } from "../../lib/language";
import { siteNav } from "../../views/nav";

export function pageLanguage(c: Context<AppEnv>): Language {
  return negotiateLanguage(c.req.header("accept-language"));
}

export function requestInfo(c: Context<AppEnv>): RequestInfo {
  return {
    client: c.var.client,
    userAgent: c.req.header("user-agent") ?? null,
    language: pageLanguage(c),
    defer: (work) => c.executionCtx.waitUntil(work),
  };
}

export function navFor(c: Context<AppEnv>) {
  return siteNav(pageLanguage(c), c.var.session !== null && c.var.session !== undefined);
}
