/** What every route of every group owes a hostile client: a capped body, client errors for broken uploads, security headers. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { AVATAR_FORM_MAX_BYTES, AVATAR_MAX_BYTES, CONTAINER_MAX_BYTES, MAX_BODY_BYTES, WEBHOOK_MAX_BODY_BYTES } from "../../../src/config";
import { api, DOWNLOAD_HOST, originFile, SITE } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { dumpAllStorage, waitForJournal } from "../../helpers/storage";
import { registeredClient } from "../../helpers/web-client";

const MIB = 1024 * 1024;
const app = createApp();
/** Every route that may read a body, with its parameters filled in. */
const BODY_ROUTES = app.site.routes
  .filter((route) => !["GET", "HEAD", "OPTIONS", "ALL"].includes(route.method))
  .map((route) => ({ method: route.method, path: route.path.replace(/:(\w+)(\{[^}]*\})?/g, "x") }))
  .filter((route, i, all) => all.findIndex((other) => other.method === route.method && other.path === route.path) === i);

/** The body cap of a route: forms' 64 KiB, or the own cap of a group of uploads or webhooks. */
const OWN_CAPS: [string, number][] = [
  ["/rest/1.0/unrestrict/containerFile", CONTAINER_MAX_BYTES],
  ["/rest/1.0/settings/avatarFile", AVATAR_MAX_BYTES],
  ["/account/avatar", AVATAR_FORM_MAX_BYTES],
  ["/webhooks/", WEBHOOK_MAX_BODY_BYTES],
];
const capOf = (path: string) => OWN_CAPS.find(([prefix]) => path.startsWith(prefix))?.[1] ?? MAX_BODY_BYTES;

/** A body without Content-Length that would stream `total` bytes; counts what was pulled. */
function endlessBody(total: number) {
  let pulled = 0;
  const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const SECURITY_HEADERS = ["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy"];

function expectSecurityHeaders(response: Response, what: string) {
  for (const name of SECURITY_HEADERS) expect(response.headers.get(name), `${name} on ${what}`).toBeTruthy();
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
}

describe("request bodies", () => {
  it("covers every body-reading route of the site and token API groups", () => {
    expect(BODY_ROUTES.length).toBeGreaterThan(20);
    for (const prefix of ["/rest/1.0/", "/oauth/v2/", "/api/", "/account/", "/device", "/downloader", "/login", "/webhooks/", "/staff/"]) {
      expect(BODY_ROUTES.some((route) => route.path.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it("answers an 8 MiB body without Content-Length with 413 after reading at most the cap and a chunk, on every route, logged in or not", async () => {
    const { client } = await registeredClient();
    for (const cookie of [undefined, client.cookie!]) {
      for (const route of BODY_ROUTES) {
        const body = endlessBody(8 * MIB);
        const headers: Record<string, string> = { "cf-connecting-ip": "198.51.100.9", origin: SITE, "content-type": "application/x-www-form-urlencoded" };
        if (cookie) headers.cookie = cookie;
        const response = await exports.default.fetch(`${SITE}${route.path}`, { method: route.method, headers, body: body.stream });
        const what = `${route.method} ${route.path}${cookie ? " (logged in)" : ""}`;
        expect(response.status, what).toBe(413);
        expect(body.pulled(), what).toBeLessThanOrEqual(capOf(route.path) + 16 * 1024);
        expectSecurityHeaders(response, what);
      }
    }
  });

  it("answers a declared Content-Length over the cap with 413 without reading the body", async () => {
    const body = endlessBody(8 * MIB);
    const response = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/check`, {
      method: "POST", headers: { "content-length": String(8 * MIB), "cf-connecting-ip": "198.51.100.9" }, body: body.stream, duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "payload_too_large", max_bytes: 64 * 1024 });
  });

  // An upload the client abandons mid-way is tested on a real socket in test/node/aborted-upload.test.ts:
  // through exports.default.fetch, workerd ends a failing request stream as if it were complete.
});

describe("security headers", () => {
  it("are on every response of the site and token API, errors and not-found included", async () => {
    const { client } = await registeredClient();
    const gets = app.site.routes.filter((route) => route.method === "GET").map((route) => route.path.replace(/:(\w+)(\{[^}]*\})?/g, "x"));
    for (const path of [...new Set(gets), "/nope", "/rest/1.0/nope", "/oauth/v2/nope", "/api/nope", "/d/ABCDEF/file.bin", "/D/ABC/x"]) {
      for (const cookie of [undefined, client.cookie!]) {
        const response = await exports.default.fetch(`${SITE}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
        expectSecurityHeaders(response, `GET ${path}`);
        await response.arrayBuffer();
      }
    }
    // A refused cross-site form and a malformed form are errors thrown before any handler.
    const refused = await exports.default.fetch(`${SITE}/login`, { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: "a=b" });
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused, "cross-site POST /login");
  });

  it("are on every response of the download host, with the sandbox policy: files, 404s, expired links, site paths", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(100, "h.bin", 3).url } })).json()) as { download: string };
    for (const [path, method, accept] of [
      [new URL(made.download).pathname, "GET", "*/*"],
      [new URL(made.download).pathname, "HEAD", "*/*"],
      ["/login", "GET", "text/html"],
      ["/d/x", "GET", "text/html"],
      ["/d/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/gone.bin", "GET", "*/*"],
      ["/d/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/gone.bin", "GET", "text/html"],
      ["/", "POST", "*/*"],
    ] as const) {
      const response = await exports.default.fetch(`${DOWNLOAD_HOST}${path}`, { method, headers: { accept } });
      await response.arrayBuffer();
      expectSecurityHeaders(response, `${method} ${path} on the download host`);
      expect(response.headers.get("content-security-policy"), path).toContain("sandbox");
      expect(response.headers.get("set-cookie"), path).toBeNull();
    }
  });
});

describe("download paths", () => {
  it("are recognised whatever the case of /d/ and of the id, and the journal keeps no file name", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const file = originFile(100, "NAME.BIN", 4);
    const made = (await (await api("unrestrict/link", { token, form: { link: file.url } })).json()) as { id: string; download: string };
    const [, , id, ...rest] = new URL(made.download).pathname.split("/");
    expect(id).toBe(made.id);
    for (const path of [`/D/${id}/${rest.join("/")}`, `/d/${id!.toLowerCase()}/${rest.join("/")}`]) {
      const response = await exports.default.fetch(`${DOWNLOAD_HOST}${path}`);
      expect(response.status, path).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.bytes());
      const [row] = await waitForJournal(response.headers.get("x-request-id")!);
      expect(row?.path, path).toBe(`/d/${path.split("/")[2]}/:filename`);
    }
    const journal = await env.JOURNAL.prepare("SELECT path, query FROM request_journal").all();
    expect(JSON.stringify(journal.results)).not.toContain("NAME");
    expect(await dumpAllStorage()).not.toContain("NAME.BIN");
  });
});
