/** Public pages and assets: home, stylesheet, health check. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { negotiateLanguage } from "../../lib/language";
import { HomePage } from "../../views/home-page";
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
  return c.html(<HomePage language={negotiateLanguage(c.req.header("accept-language"))} />);
});
publicPages.get("/en", (c) => c.html(<HomePage language="en" />));
publicPages.get("/fr", (c) => c.html(<HomePage language="fr" />));
