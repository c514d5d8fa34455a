import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { describePeriod, RETENTION_CATEGORIES } from "../../../src/retention/policy";

/** The body with the apostrophe entity decoded, so that texts can be compared as written. */
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await exports.default.fetch(`https://relais.test${path}`, { headers });
  return { response, html: (await response.text()).replaceAll("&#39;", "'") };
}

describe("privacy page", () => {
  it("is in French by default and shows every category's period from the retention module", async () => {
    const { response, html } = await get("/privacy");
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Politique de confidentialité");
    for (const category of RETENTION_CATEGORIES) {
      expect(html).toContain(`data-category="${category.id}"`);
      expect(html).toContain(category.purpose.fr);
      expect(html).toContain(describePeriod(category.periodMs, "fr"));
    }
    expect(html).toContain("1 an");
    expect(html).toContain("30 jours");
  });

  it("is in English at /en/privacy and when Accept-Language prefers English", async () => {
    const byUrl = await get("/en/privacy");
    expect(byUrl.html).toContain('<html lang="en">');
    expect(byUrl.html).toContain("1 year");
    const byHeader = await get("/privacy", { "accept-language": "en-GB,en;q=0.9,fr;q=0.5" });
    expect(byHeader.html).toContain("Privacy policy");
    expect(byHeader.response.headers.get("vary")).toContain("Accept-Language");
    const frenchFirst = await get("/privacy", { "accept-language": "fr-CH, en;q=0.8" });
    expect(frenchFirst.html).toContain('<html lang="fr">');
  });

  it("sets no cookie and loads nothing from another origin", async () => {
    for (const path of ["/", "/privacy", "/en/privacy", "/assets/app.css", "/healthz", "/nope"]) {
      const { response, html } = await get(path);
      expect(response.headers.get("set-cookie"), path).toBeNull();
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'self'");
    }
  });
});

describe("errors", () => {
  it("answers unknown API methods with the Real-Debrid JSON error", async () => {
    const { response, html } = await get("/rest/1.0/torrents/info/abc");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(html)).toMatchObject({ error: "unknown_method", error_code: 3 });
  });

  it("answers unknown pages with a readable page in the visitor's language", async () => {
    const { response, html } = await get("/en/missing");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("This page does not exist.");
    const french = await get("/manquante");
    expect(french.html).toContain("Cette page n'existe pas.");
  });
});

describe("a page address with a trailing slash", () => {
  it("leads to the address without it (301) for GET and HEAD; other methods and the API stay 404", async () => {
    for (const method of ["GET", "HEAD"]) {
      const response = await exports.default.fetch("https://relais.test/en/privacy/?x=1", { method, redirect: "manual" });
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe("https://relais.test/en/privacy?x=1");
    }
    expect((await get("/en/privacy")).response.status).toBe(200);
    // Where no page is, the address without the slash says so.
    expect((await get("/en/missing/")).response.status).toBe(404);
    const post = await exports.default.fetch("https://relais.test/logout/", { method: "POST", headers: { origin: "https://relais.test" }, redirect: "manual" });
    expect(post.status).toBe(404);
    const api = await exports.default.fetch("https://relais.test/api/me/data/", { redirect: "manual" });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: "unknown_method" });
  });
});
