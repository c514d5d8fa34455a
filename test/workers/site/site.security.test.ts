import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { tableCounts } from "../../helpers/storage";
import { ORIGIN, registeredClient, uniqueEmail, WebClient } from "../../helpers/web-client";

const ACCOUNT_TABLES = ["accounts", "sessions", "api_tokens", "email_tokens", "device_codes", "oauth_clients"];
const tableCountsNow = () => tableCounts(ACCOUNT_TABLES);

/** Routes after which the visitor is logged out by design: the crawl visits them last. */
const ENDS_SESSION = new Set(["POST /logout", "POST /account/sessions/revoke"]);

describe("the one cookie", () => {
  it("is the only cookie any route ever sets, logged out and logged in on every route", async () => {
    const all = createApp()
      .site.routes.filter((r) => r.method !== "ALL")
      .map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)(\{[^}]*\})?/g, "x").replace("*", "x") }));
    const routes = [...all.filter((r) => !ENDS_SESSION.has(`${r.method} ${r.path}`)), ...all.filter((r) => ENDS_SESSION.has(`${r.method} ${r.path}`))];
    expect(routes.length).toBeGreaterThan(25);
    const { client: loggedIn } = await registeredClient();
    const seen = new Set<string>();
    for (const visitor of [new WebClient("192.0.2.150"), loggedIn]) {
      for (const route of routes) {
        const what = `${route.method} ${route.path}${visitor === loggedIn ? " (logged in)" : ""}`;
        if (visitor === loggedIn && !ENDS_SESSION.has(`${route.method} ${route.path}`)) {
          // Really logged in when the route is visited: the account page opens.
          expect((await visitor.get("/account")).status, `before ${what}`).toBe(200);
        }
        const page =
          route.method === "GET" ? await visitor.get(route.path) : route.method === "HEAD" ? await visitor.request(route.path, { method: "HEAD" }) : await visitor.request(route.path, { method: route.method, form: {} });
        expect(page.status, what).toBeLessThan(500);
        expect(page.setCookies.length, what).toBeLessThanOrEqual(1);
        for (const line of page.setCookies) seen.add(line.split("=")[0]!);
      }
    }
    // A 404 and an error page too.
    expect((await new WebClient().get("/nope")).setCookies).toHaveLength(0);
    expect([...seen].every((name) => name === "__Host-session")).toBe(true);
    // A crawl of every route, twice: it grows with the route table (the staff pages added ~20), hence its own timeout.
  }, 30_000);
});

describe("CSRF", () => {
  it("refuses cookie-authenticated POSTs from another origin or without an origin", async () => {
    const { client } = await registeredClient();
    const before = await tableCountsNow();
    for (const headers of [{ origin: "https://evil.example" }, { origin: "null" }, { origin: "", "sec-fetch-site": "cross-site" }]) {
      const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== "")) as Record<string, string>;
      if (!("origin" in clean)) {
        // Build a request with no Origin at all.
        const page = await client.request("/account/api-token", { method: "POST", form: {}, headers: { ...clean, origin: undefined as never } });
        expect(page.status).toBe(403);
        continue;
      }
      const page = await client.post("/account/api-token", {}, clean);
      expect(page.status, JSON.stringify(clean)).toBe(403);
      expect(page.html).toContain("another site");
    }
    expect(await tableCountsNow()).toEqual(before);
    expect((await client.post("/logout", {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await client.get("/account")).status).toBe(200);
  });

  it("refuses a cross-site login form and a cross-site JSON sign-up", async () => {
    expect((await new WebClient().post("/login", { email: "a@example.test", password: "whatever whatever" }, { origin: "https://evil.example" })).status).toBe(403);
    const json = await new WebClient().request("/api/register", {
      method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify({ email: uniqueEmail(), password: "a fine passphrase" }),
    });
    expect(json.status).toBe(403);
  });

  it("accepts same-origin requests told by Sec-Fetch-Site alone, or with the null Origin no-referrer gives", async () => {
    const { client } = await registeredClient();
    expect((await client.post("/account/api-token", {}, { origin: "null", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await client.post("/account/api-token", {}, { origin: "null", "sec-fetch-site": "same-site" })).status).toBe(403);
    const page = await client.request("/account/api-token", { method: "POST", form: {}, headers: { origin: undefined as never, "sec-fetch-site": "same-origin" } });
    expect(page.status).toBe(200);
  });
});

describe("bad input", () => {
  const JSON_CASES: [string, Record<string, string>, string, number, string][] = [
    ["text/plain", { "content-type": "text/plain" }, JSON.stringify({ email: "a@example.test", password: "a fine passphrase" }), 415, "unsupported_media_type"],
    ["no content type", {}, "{}", 415, "unsupported_media_type"],
    ["invalid JSON", { "content-type": "application/json" }, "{not json", 400, "invalid_json"],
    ["an array", { "content-type": "application/json" }, "[]", 400, "invalid_json"],
    ["missing fields", { "content-type": "application/json" }, "{}", 422, "validation_failed"],
    ["malformed email", { "content-type": "application/json" }, JSON.stringify({ email: "not-an-email", password: "a fine passphrase" }), 422, "validation_failed"],
    ["oversized password", { "content-type": "application/json" }, JSON.stringify({ email: "a@example.test", password: "p".repeat(300) }), 422, "validation_failed"],
    ["numbers for strings", { "content-type": "application/json" }, JSON.stringify({ email: 5, password: 7 }), 422, "validation_failed"],
    ["an oversized body", { "content-type": "application/json" }, JSON.stringify({ email: "a@example.test", password: "x".repeat(70_000) }), 413, "payload_too_large"],
  ];

  it.each(JSON_CASES)("POST /api/register with %s → clear 4xx, nothing written", async (_name, headers, body, status, error) => {
    const before = await tableCountsNow();
    const page = await new WebClient("192.0.2.160").request("/api/register", { method: "POST", headers, body });
    expect(page.status).toBe(status);
    expect(JSON.parse(page.html)).toMatchObject({ error });
    expect(await tableCountsNow()).toEqual(before);
  });

  it("POST /api/register with good input → 202", async () => {
    const page = await new WebClient("192.0.2.161").request("/api/register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: uniqueEmail(), password: "a fine passphrase" }) });
    expect(page.status).toBe(202);
    expect(JSON.parse(page.html)).toEqual({ status: "check_your_mailbox" });
  });

  it("reports which fields are wrong", async () => {
    const page = await new WebClient("192.0.2.162").request("/api/register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "x@", password: "short" }) });
    expect(JSON.parse(page.html).fields).toEqual({ email: "invalid_email", password: "password_too_short" });
  });

  const FORM_CASES: [string, string, Record<string, string>][] = [
    ["/register", "malformed email", { email: "nope@", password: "a fine passphrase" }],
    ["/register", "missing fields", {}],
    ["/register", "oversized email", { email: `${"a".repeat(300)}@example.test`, password: "a fine passphrase" }],
    ["/register", "oversized password", { email: "big@example.test", password: "p".repeat(257) }],
    ["/login", "missing fields", {}],
    ["/login", "oversized password", { email: "a@example.test", password: "p".repeat(5000) }],
    ["/forgot-password", "malformed email", { email: "a b@example.test" }],
    ["/reset-password", "bad token", { token: "nope", password: "a fine passphrase" }],
    ["/verify", "bad token", { token: "x".repeat(64) }],
    ["/confirm-email", "missing token", {}],
  ];

  it.each(FORM_CASES)("POST %s with %s → readable 4xx page, nothing written", async (path, _name, form) => {
    const before = await tableCountsNow();
    const page = await new WebClient("192.0.2.170").post(path, form);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
    expect(page.response.headers.get("content-type")).toContain("text/html");
    expect(await tableCountsNow()).toEqual(before);
  });

  it("answers forms sent as JSON or text with 415", async () => {
    for (const type of ["application/json", "text/plain"]) {
      const page = await new WebClient("192.0.2.171").request("/login", { method: "POST", headers: { "content-type": type }, body: "{}" });
      expect(page.status).toBe(415);
    }
  });

  it("answers OAuth calls with missing or bad parameters with the API error shape", async () => {
    const client = new WebClient("192.0.2.172");
    expect(JSON.parse((await client.get("/oauth/v2/device/code")).html)).toMatchObject({ error: "missing_parameter", error_code: 1 });
    expect((await client.get("/oauth/v2/device/code?client_id=UNKNOWN")).status).toBe(401);
    expect((await client.get(`/oauth/v2/device/credentials?client_id=X245A4XAIBGVM&code=${"z".repeat(500)}`)).status).toBe(400);
    const token = await client.request("/oauth/v2/token", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(token.status).toBe(415);
    expect((await client.post("/oauth/v2/token", { grant_type: "password" })).status).toBe(400);
  });
});

describe("local mailbox", () => {
  it("exists in development and answers 404 in production", async () => {
    expect((await new WebClient().get("/dev/mailbox")).status).toBe(200);
    const ctx = createExecutionContext();
    const response = await createApp().fetch(new Request(`${ORIGIN}/dev/mailbox`), { ...env, ENVIRONMENT: "production" }, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(404);
  });
});

describe("form bodies", () => {
  it("reads a raw body without Content-Type as a form on /oauth/v2/token, like /rest/1.0", async () => {
    const body = new TextEncoder().encode(new URLSearchParams({ client_id: "X245A4XAIBGVM", client_secret: "nope", code: "x", grant_type: "http://oauth.net/grant_type/device/1.0" }).toString());
    const response = await exports.default.fetch("https://relais.test/oauth/v2/token", { method: "POST", headers: { "cf-connecting-ip": "198.51.100.9" }, body });
    expect(response.status).not.toBe(415);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });
});
