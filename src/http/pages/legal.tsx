/** Legal pages: the privacy policy, in French (the policy's language) and English. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { negotiateLanguage, type Language } from "../../lib/language";
import { RETENTION_CATEGORIES } from "../../retention/policy";
import type { NavItem } from "../../views/layout";
import { siteNav } from "../../views/nav";
import { PrivacyPage } from "../../views/privacy-page";

export const legalPages = new Hono<AppEnv>();

function renderPrivacy(language: Language, nav: NavItem[]) {
  return <PrivacyPage language={language} categories={RETENTION_CATEGORIES} nav={nav} />;
}

legalPages.get("/privacy", (c) => {
  c.header("Vary", "Accept-Language");
  c.header("Content-Language", negotiateLanguage(c.req.header("accept-language")));
  return c.html(renderPrivacy(negotiateLanguage(c.req.header("accept-language")), siteNav(negotiateLanguage(c.req.header("accept-language")), c.var.session !== null)));
});
legalPages.get("/fr/privacy", (c) => {
  c.header("Content-Language", "fr");
  return c.html(renderPrivacy("fr", siteNav("fr", c.var.session !== null)));
});
legalPages.get("/en/privacy", (c) => {
  c.header("Content-Language", "en");
  return c.html(renderPrivacy("en", siteNav("en", c.var.session !== null)));
});
