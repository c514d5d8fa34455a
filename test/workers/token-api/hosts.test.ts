import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mainDb } from "../../../src/db/client";
import { recordHosterOutcome } from "../../../src/hosters/health";
import { findAdapterForLink, HOSTER_ADAPTERS, NAMED_HOSTERS } from "../../../src/hosters/registry";
import { MINUTE_MS } from "../../../src/lib/time";
import { api } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";

/** A client's view of /hosts/regex: ResolveURL strips the delimiters and un-escapes `\/` before compiling. */
async function clientRegexes(path: "hosts/regex" | "hosts/regexFolder"): Promise<RegExp[]> {
  const patterns = (await (await api(path)).json()) as string[];
  return patterns.map((pattern) => {
    expect(pattern.startsWith("/") && pattern.endsWith("/")).toBe(true);
    return new RegExp(pattern.slice(1, -1).replace(/\\\//g, "/"));
  });
}

describe("hosts endpoints", () => {
  it("lists at least 12 hosters publicly, ignoring a bad Authorization header", async () => {
    const response = await api("hosts", { token: "garbage" });
    expect(response.status).toBe(200);
    const hosts = (await response.json()) as Record<string, { id: string; name: string; image: string }>;
    expect(Object.keys(hosts).length).toBeGreaterThanOrEqual(12);
    expect(hosts["1fichier.com"]).toEqual({ id: "1fichier", name: "1fichier", image: "" });
    expect(hosts["mega.nz"]).toEqual({ id: "mega", name: "MEGA", image: "" });
  });

  it("matches every hoster's example link with /hosts/regex and /hosts/domains, as a client would", async () => {
    const regexes = await clientRegexes("hosts/regex");
    const folderRegexes = await clientRegexes("hosts/regexFolder");
    const domains = (await (await api("hosts/domains")).json()) as string[];
    expect(NAMED_HOSTERS.length).toBeGreaterThanOrEqual(12);
    for (const adapter of NAMED_HOSTERS) {
      const example = new URL(adapter.exampleLink);
      expect(regexes.some((regex) => regex.test(adapter.exampleLink)), adapter.exampleLink).toBe(true);
      expect(domains, adapter.exampleLink).toContain(example.hostname.replace(/^www\./, ""));
      expect(findAdapterForLink(example)?.id, adapter.exampleLink).toBe(adapter.id);
      if (adapter.exampleFolderLink) {
        expect(folderRegexes.some((regex) => regex.test(adapter.exampleFolderLink!)), adapter.exampleFolderLink).toBe(true);
        expect(adapter.acceptsFolder(new URL(adapter.exampleFolderLink)), adapter.exampleFolderLink).toBe(true);
      }
    }
    for (const stranger of ["https://example.com/file.zip", "https://files.example.org/mega.nz/file/x", "magnet:?xt=urn:btih:abc"]) {
      expect(regexes.some((regex) => regex.test(stranger)), stranger).toBe(false);
    }
  });

  it("gives each hoster's status to signed-in clients, with the last hour's outcomes", async () => {
    const { token } = await createTestAccount();
    const db = mainDb(env.DB);
    const now = Date.now();
    const record = async (hosterId: string, kind: "check" | "download", ok: number, failed: number, at = now) => {
      for (let i = 0; i < ok; i++) await recordHosterOutcome(db, { hosterId, kind, ok: true }, at);
      for (let i = 0; i < failed; i++) await recordHosterOutcome(db, { hosterId, kind, ok: false }, at);
    };
    await record("pixeldrain", "download", 2, 18);
    await record("mediafire", "check", 8, 2);
    await record("gofile", "check", 12, 0);
    // Two hours ago: out of the window, whatever it said.
    await record("gofile", "download", 0, 30, now - 120 * MINUTE_MS);
    await record("katfile", "check", 1, 2);

    const response = await api("hosts/status", { token });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(body).length).toBeGreaterThanOrEqual(12);
    expect(body["pixeldrain.com"]).toMatchObject({ id: "pixeldrain", supported: 1, status: "down", state: "down", success_share: 0.1, outcomes_last_hour: 20, competitors_status: {} });
    expect(body["mediafire.com"]).toMatchObject({ status: "up", state: "degraded", success_share: 0.8, outcomes_last_hour: 10 });
    expect(body["gofile.io"]).toMatchObject({ status: "up", state: "up", success_share: 1, outcomes_last_hour: 12 });
    expect(body["katfile.com"]).toMatchObject({ status: "up", state: "up", success_share: null, outcomes_last_hour: 3 });
    expect(body["1fichier.com"]).toMatchObject({ status: "up", state: "up", success_share: null, outcomes_last_hour: 0 });
    expect(String(body["1fichier.com"]!.check_time)).toMatch(/Z$/);
  });

  it("refuses hosts/status without a token", async () => {
    const response = await api("hosts/status");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "bad_token", error_code: 8 });
  });

  it("has an adapter for direct links besides the named hosters, listed on no endpoint", async () => {
    expect(HOSTER_ADAPTERS.length).toBe(NAMED_HOSTERS.length + 1);
    const domains = (await (await api("hosts/domains")).json()) as string[];
    expect(domains).not.toContain("direct");
  });
});

describe("links on a named hoster's domain that are no file link", () => {
  it("sends folder links to unrestrict/folder (400 folder_link) and refuses other shapes (400 code 16) without fetching", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const folder = await api("unrestrict/link", { token, form: { link: "https://mega.nz/folder/FoLdEr01#a1b2c3d4e5f6g7h8i9j0kA" } });
    expect(folder.status).toBe(400);
    expect(await folder.json()).toMatchObject({ error: "folder_link", error_code: 2 });
    for (const link of ["https://pixeldrain.com/about", "https://www.mediafire.com/", "https://mega.nz/file/AbCdEf12"]) {
      const response = await api("unrestrict/link", { token, form: { link } });
      expect(response.status, link).toBe(400);
      expect(await response.json(), link).toMatchObject({ error: "hoster_unsupported", error_code: 16, reason: "not_a_file_link" });
    }
    const check = await api("unrestrict/check", { form: { link: "https://pixeldrain.com/about" } });
    expect(await check.json()).toEqual({ host: "", link: "https://pixeldrain.com/about", filename: "", filesize: 0, supported: 0 });
  });
});
