import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/env";
import { renderError, toAppError } from "../../src/http/errors";
import { downloadPages } from "../../src/http/pages/downloads";
import { readClientContext } from "../../src/request-context/client-context";
import { countRows, originFile, SITE } from "./api-helpers";
import { createTestAccount } from "./factories";

/** The page group behind a stand-in for the session middleware (issue 3), signed in as `accountId`. */
function signedInApp(accountId: number | null) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("requestId", "test");
    c.set("client", readClientContext(c.req.raw));
    c.set("accountId", accountId === null ? null : String(accountId));
    await next();
  });
  app.route("/", downloadPages);
  app.onError((error, c) => renderError(c, toAppError(error, "test")));
  return app;
}

async function request(app: Hono<AppEnv>, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`${SITE}${path}`, init), env, ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { response, text };
}

function post(form: Record<string, string>, origin = SITE): RequestInit {
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin, "accept-language": "en" }, body: new URLSearchParams(form).toString() };
}

describe("download pages", () => {
  it("send visitors who are not signed in to /login", async () => {
    for (const path of ["/downloader", "/downloads"]) {
      const { response } = await request(signedInApp(null), path);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("paste → generate → history → delete", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 30 });
    const app = signedInApp(accountId);
    const good = originFile(4096, "holiday.mkv", 9);
    const links = [good.url, "not a link", "http://169.254.169.254/latest/meta-data/", `${env.TEST_ORIGIN_URL}/status/404`].join("\n");
    const { response, text } = await request(app, "/downloader", post({ links }));
    expect(response.status).toBe(200);
    expect(text).toContain("holiday.mkv");
    expect(text).toContain("4 KiB");
    expect(text).toMatch(/href="http:\/\/127\.0\.0\.1:8787\/d\/[A-Z2-7]{32}\/holiday\.mkv"/);
    expect(text).toContain("expires");
    expect(text.match(/data-result="error"/g)).toHaveLength(3);
    expect(text).toContain("This file is unavailable.");
    expect(text).toContain("never fetch");

    const download = text.match(/href="(http:\/\/127\.0\.0\.1:8787\/d\/[^"]+)"/)![1]!;
    const file = await exports.default.fetch(download);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(good.bytes());

    const history = await request(app, "/downloads", { headers: { "accept-language": "en" } });
    expect(history.text).toContain("holiday.mkv");
    expect(history.text).toContain("Deleted on");
    expect(history.response.headers.get("cache-control")).toBe("no-store");
    const id = history.text.match(/data-download-id="([A-Z2-7]{32})"/)![1]!;

    const deleted = await request(app, `/downloads/${id}/delete`, post({}));
    expect(deleted.response.status).toBe(303);
    expect(deleted.response.headers.get("location")).toBe("/downloads");
    expect((await request(app, "/downloads", { headers: { "accept-language": "en" } })).text).toContain("No downloads.");
  });

  it("refuses cross-site form posts and another user's delete, changing nothing", async () => {
    const owner = await createTestAccount({ premiumDays: 30 });
    const stranger = await createTestAccount({ premiumDays: 30 });
    await request(signedInApp(owner.accountId), "/downloader", post({ links: originFile(10, "a.bin").url }));
    const id = (await env.DB.prepare("SELECT id FROM downloads WHERE account_id = ?").bind(owner.accountId).first<{ id: string }>())!.id;
    const rows = await countRows("downloads");
    const crossSite = await request(signedInApp(owner.accountId), "/downloader", post({ links: originFile(10, "b.bin").url }, "https://evil.example"));
    expect(crossSite.response.status).toBe(403);
    const strangerDelete = await request(signedInApp(stranger.accountId), `/downloads/${id}/delete`, post({}));
    expect(strangerDelete.response.status).toBe(404);
    expect(await countRows("downloads")).toBe(rows);
  });

  it("shows hosters and their status publicly", async () => {
    const response = await exports.default.fetch(`${SITE}/hosts`, { headers: { "accept-language": "en" } });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain("1fichier (1fichier.com");
    expect(text).toContain('data-status="up"');
    expect(text).toContain("Direct HTTP(S) links");
  });
});
