import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { html } from "hono/html";
import { describe, expect, it } from "vitest";
import { createApp, createHostApp } from "../../../src/app";
import { AppError } from "../../../src/errors";
import { SITE_CSP } from "../../../src/http/security-headers";
import { siteGroup } from "../../../src/http/site";
import { Hono } from "hono";
import type { AppEnv } from "../../../src/env";
import { drainParkedJournalRecords, writeJournalRecords } from "../../../src/request-journal/write";
import { dumpAllStorage, waitForJournal } from "../../helpers/storage";

const LYON = {
  country: "FR", isEUCountry: "1", continent: "EU", region: "Auvergne-Rhône-Alpes", regionCode: "ARA",
  city: "Lyon", postalCode: "69001", latitude: "45.76400", longitude: "4.83570", timezone: "Europe/Paris",
  asn: 3215, asOrganization: "Orange", colo: "LYS",
};

/** The site's global middleware and /api group, with two routes that fail the ways real handlers can. */
function appWithFailingRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get("/test/bad-parameter", () => {
    throw new AppError("bad_parameter");
  });
  routes.get("/test/crash", () => {
    throw new Error("database password is hunter2");
  });
  return createHostApp(SITE_CSP, {}).route("/api", siteGroup(routes, "json"));
}

async function fetchAndSettle(app: { fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> }, url: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(url, init), env, ctx);
  const body = await response.text();
  await waitOnExecutionContext(ctx);
  return { response, body, requestId: response.headers.get("x-request-id")! };
}

describe("request journal", () => {
  it("records one request from Lyon over IPv6 with its IP and location", async () => {
    const response = await exports.default.fetch("https://relais.test/privacy", {
      headers: { "cf-connecting-ip": "2001:db8::7", "user-agent": "journal-test/1.0", "x-forwarded-for": "203.0.113.9" },
      cf: LYON,
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    const rows = await waitForJournal(response.headers.get("x-request-id")!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ip: "2001:db8::7", country: "FR", is_eu: 1, continent: "EU", region: "Auvergne-Rhône-Alpes", region_code: "ARA",
      city: "Lyon", postal_code: "69001", latitude: 45.764, longitude: 4.8357, timezone: "Europe/Paris", asn: 3215,
      as_organization: "Orange", colo: "LYS", method: "GET", host: "relais.test", path: "/privacy", status: 200,
      user_agent: "journal-test/1.0", response_bytes: new TextEncoder().encode(body).byteLength, account_id: null,
    });
    expect(rows[0]!.at).toBeTypeOf("number");
  });

  it("records a request without metadata with null IP and location, never from X-Forwarded-For", async () => {
    const response = await exports.default.fetch("https://relais.test/healthz", { headers: { "x-forwarded-for": "198.51.100.4" } });
    expect(response.status).toBe(200);
    const [row] = await waitForJournal(response.headers.get("x-request-id")!);
    expect(row).toMatchObject({ ip: null, country: null, city: null, latitude: null, asn: null, status: 200 });
  });

  it.each([
    ["a 404 page", "https://relais.test/no-such-page", 404],
    ["a 404 API method", "https://relais.test/rest/1.0/no-such-method", 404],
    ["a 400", "https://relais.test/api/test/bad-parameter", 400],
    ["a thrown error", "https://relais.test/api/test/crash", 500],
  ])("records exactly one record for %s", async (_name, url, status) => {
    const app = appWithFailingRoutes();
    const { response, body, requestId } = await fetchAndSettle(app, url, { headers: { "cf-connecting-ip": "192.0.2.10" } });
    expect(response.status).toBe(status);
    expect(body).not.toContain("hunter2");
    const { results } = await env.JOURNAL.prepare("SELECT * FROM request_journal WHERE request_id = ?").bind(requestId).all();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status, ip: "192.0.2.10", path: new URL(url).pathname });
  });

  it("keeps secrets of the query string out of every storage", async () => {
    const app = appWithFailingRoutes();
    const { requestId } = await fetchAndSettle(
      app,
      "https://relais.test/rest/1.0/user?auth_token=SECRET&client_secret=SECRET2&code=SECRET3&refresh_token=SECRET4&link=https%3A%2F%2Fhoster.example%2Ffile.mkv&page=2",
    );
    const [row] = (await env.JOURNAL.prepare("SELECT query FROM request_journal WHERE request_id = ?").bind(requestId).all<{ query: string }>()).results;
    expect(row!.query).toContain("page=2");
    const storage = await dumpAllStorage();
    for (const secret of ["SECRET", "hoster.example", "file.mkv"]) expect(storage).not.toContain(secret);
  });

  it.each([
    ["the download host", "http://127.0.0.1:8787/d/ABC123/My%20Holiday.mkv?token=x"],
    ["the download host, upper-case D", "http://127.0.0.1:8787/D/ABC123/My%20Holiday.mkv?token=x"],
    ["the site host", "https://relais.test/d/ABC123/My%20Holiday.mkv?token=x"],
    ["the site host, upper-case D", "https://relais.test/D/ABC123/My%20Holiday.mkv"],
    ["the site host, percent-encoded d", "https://relais.test/%64/ABC123/My%20Holiday.mkv"],
  ])("keeps the id of a download path and never its file name, on %s", async (_where, url) => {
    const { requestId, response } = await fetchAndSettle(createApp(), url);
    expect(response.status).toBe(404);
    const [row] = (await env.JOURNAL.prepare("SELECT path, query FROM request_journal WHERE request_id = ?").bind(requestId).all()).results;
    expect(row).toEqual({ path: "/d/ABC123/:filename", query: null });
    expect(await dumpAllStorage()).not.toContain("Holiday");
  });

  it("writes every record exactly once when many requests share batches", async () => {
    const app = createApp();
    const ctx = createExecutionContext();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => app.fetch(new Request(`https://relais.test/healthz?n=${i}`, { headers: { "cf-connecting-ip": "198.51.100.60" } }), env, ctx)),
    );
    await waitOnExecutionContext(ctx);
    const ids = responses.map((r) => r.headers.get("x-request-id"));
    const { results } = await env.JOURNAL.prepare("SELECT request_id FROM request_journal WHERE ip = '198.51.100.60'").all<{ request_id: string }>();
    expect(results.map((r) => r.request_id).sort()).toEqual([...ids].sort());
  });

  it("parks a record in KV when the journal database refuses it, and the cron writes it later", async () => {
    const broken = { JOURNAL: { prepare: () => { throw new Error("D1 unavailable"); }, batch: () => Promise.reject(new Error("D1 unavailable")) } as unknown as D1Database, KV: env.KV };
    const record = { requestId: "parked-1", at: Date.now(), method: "GET", host: "relais.test", path: "/", status: 200, durationMs: 1, responseBytes: 10 };
    const outcome = await writeJournalRecords(broken, [record], async () => {});
    expect(outcome).toBe("parked");
    expect(await waitForJournal("parked-1", 0)).toHaveLength(0);
    expect(await drainParkedJournalRecords(env)).toBe(1);
    expect(await waitForJournal("parked-1", 0)).toHaveLength(1);
    // Draining again (or a retry of the same record) never makes a second record.
    await writeJournalRecords(env, [record]);
    expect(await drainParkedJournalRecords(env)).toBe(0);
    expect(await waitForJournal("parked-1", 0)).toHaveLength(1);
  });
});

/** The same routes on an app with the journal and one without: each builds its body another way. */
function appWithBodies(journal: boolean): Hono<AppEnv> {
  const app = createHostApp(SITE_CSP, { enabled: journal });
  app.use("/bodies/copied", async (c, next) => {
    await next();
    c.header("x-after", "1"); // Hono copies the finished Response to change its headers
  });
  app.get("/bodies/json", (c) => c.json({ name: "Café 🎬", n: 1 }));
  app.get("/bodies/json-init", (c) => c.json({ error: "é" }, { status: 409, headers: { "x-extra": "1", "Content-Type": "application/problem+json" } }));
  app.get("/bodies/json-headers", (c) => c.json({ error: "é" }, 422, { "Content-Type": "application/problem+json" }));
  app.get("/bodies/text", (c) => c.text("héllo 🌍"));
  app.get("/bodies/text-status", (c) => c.text("créé", 201, { "x-extra": "1" }));
  app.get("/bodies/bytes", (c) => c.body(new Uint8Array([0, 1, 2, 255, 128])));
  app.get("/bodies/html", (c) => c.html("<p>été</p>"));
  app.get("/bodies/html-template", (c) => c.html(html`<p>${"<été>"}</p>`));
  app.get("/bodies/raw", () => new Response("brut ü", { headers: { "content-type": "text/plain" } }));
  app.get("/bodies/copied", (c) => c.json({ copied: "ü" }));
  app.get("/bodies/empty", (c) => c.body(null, 204));
  app.get("/bodies/redirect", (c) => c.redirect("/elsewhere"));
  return app;
}

async function serve(app: Hono<AppEnv>, path: string, method = "GET") {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://relais.test${path}`, { method }), env, ctx);
  const body = new Uint8Array(await response.arrayBuffer());
  await waitOnExecutionContext(ctx);
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "x-request-id" && name !== "content-length"));
  return { status: response.status, headers, body, contentLength: response.headers.get("content-length"), requestId: response.headers.get("x-request-id")! };
}

describe("request journal, response sizes", () => {
  it.each([
    "/bodies/json", "/bodies/json-init", "/bodies/json-headers", "/bodies/text", "/bodies/text-status", "/bodies/bytes", "/bodies/html",
    "/bodies/html-template", "/bodies/raw", "/bodies/copied", "/bodies/empty", "/bodies/redirect",
  ])("records the exact body size of %s, which is served as without the journal", async (path) => {
    const journaled = await serve(appWithBodies(true), path);
    const plain = await serve(appWithBodies(false), path);
    expect({ status: journaled.status, headers: journaled.headers }).toEqual({ status: plain.status, headers: plain.headers });
    expect(journaled.body).toEqual(plain.body);
    const [row] = await waitForJournal(journaled.requestId);
    expect(row!.response_bytes).toBe(journaled.body.byteLength);
    if (journaled.body.byteLength > 0) expect(journaled.contentLength).toBe(String(journaled.body.byteLength));
  });

  it("records 0 bytes for a HEAD request", async () => {
    const journaled = await serve(appWithBodies(true), "/bodies/json", "HEAD");
    expect(journaled.body.byteLength).toBe(0);
    const [row] = await waitForJournal(journaled.requestId);
    expect(row!.response_bytes).toBe(0);
  });
});

describe("error logs", () => {
  it("keep a failed query's parameters (emails, IPs) out of the log line", async () => {
    const { describeError } = await import("../../../src/http/error-rendering");
    const failed = new Error("Failed query: insert into accounts (email, signup_ip) values (?, ?)\nparams: victim@example.test,203.0.113.66", {
      cause: new Error("D1_ERROR: UNIQUE constraint failed: accounts.email_normalized"),
    });
    const line = describeError(failed);
    expect(line).toContain("Failed query: insert into accounts");
    expect(line).toContain("UNIQUE constraint failed");
    expect(line).not.toContain("victim@example.test");
    expect(line).not.toContain("203.0.113.66");
  });
});
