/** Public pages and assets: home, stylesheet, health check. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { negotiateLanguage } from "../../lib/language";
import { HomePage } from "../../views/home-page";
import { navFor } from "./request-info";
import { STYLESHEET } from "../../views/styles";

export const publicPages = new Hono<AppEnv>();

publicPages.get("/healthz", (c) => c.json({ status: "ok" }));

publicPages.get("/assets/app.css", (c) => {
  c.header("Content-Type", "text/css; charset=utf-8");
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(STYLESHEET);
});

publicPages.get("/", (c) => {
  c.header("Vary", "Accept-Language");
  return c.html(<HomePage language={negotiateLanguage(c.req.header("accept-language"))} nav={navFor(c)} />);
});
publicPages.get("/en", (c) => c.html(<HomePage language="en" nav={navFor(c)} />));
publicPages.get("/fr", (c) => c.html(<HomePage language="fr" nav={navFor(c)} />));

/** The one avatar `/rest/1.0/user` points to: we keep no pictures of people. */
publicPages.get("/assets/avatar.svg", (c) => {
  c.header("Content-Type", "image/svg+xml");
  c.header("Cache-Control", "public, max-age=86400");
  return c.body('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#8a94a6"/><circle cx="32" cy="25" r="12" fill="#eceef2"/><path d="M10 60c2-14 12-20 22-20s20 6 22 20z" fill="#eceef2"/></svg>');
});
