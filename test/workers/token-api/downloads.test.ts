import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, originFile, SITE } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { createTestAccount } from "../../helpers/factories";

async function unrestrict(token: string, name: string): Promise<{ id: string; download: string }> {
  const response = await api("unrestrict/link", { token, form: { link: originFile(1000, name).url } });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; download: string };
}

describe("downloads history API", () => {
  it("lists downloads newest first with X-Total-Count, offset, page (page wins) and limit", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await unrestrict(token, `file-${i}.bin`));
    const all = await api("downloads", { token });
    expect(all.status).toBe(200);
    expect(all.headers.get("x-total-count")).toBe("5");
    const items = (await all.json()) as Record<string, unknown>[];
    expect(items.map((d) => d.filename)).toEqual(["file-4.bin", "file-3.bin", "file-2.bin", "file-1.bin", "file-0.bin"]);
    expect(Object.keys(items[0]!).sort()).toEqual(["chunks", "deletion", "download", "expires", "filename", "filesize", "generated", "host", "id", "link", "mimeType"].sort());
    expect(items[0]).toMatchObject({ id: made[4]!.id, download: made[4]!.download, filesize: 1000, mimeType: "application/octet-stream", host: "direct", chunks: 16 });
    expect(String(items[0]!.generated)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const paged = (await (await api("downloads?offset=0&page=2&limit=2", { token })).json()) as { filename: string }[];
    expect(paged.map((d) => d.filename)).toEqual(["file-2.bin", "file-1.bin"]);
    const offset = (await (await api("downloads?offset=3&limit=50", { token })).json()) as { filename: string }[];
    expect(offset.map((d) => d.filename)).toEqual(["file-1.bin", "file-0.bin"]);
    const empty = await api("downloads?page=9&limit=100", { token });
    expect(await empty.json()).toEqual([]);
    expect((await (await api("downloads?limit=0", { token })).json())).toEqual([]);
  });

  it.each(["limit=5001", "limit=-1", "limit=abc", "offset=-3", "page=0"])("answers 400 code 2 for %s", async (query) => {
    const { token } = await createTestAccount();
    const response = await api(`downloads?${query}`, { token });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_parameter", error_code: 2 });
  });

  it("honours If-None-Match with 304", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    await unrestrict(token, "etag.bin");
    const first = await api("downloads", { token });
    await first.arrayBuffer();
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[0-9a-f]{40}"$|^W\/"/);
    const second = await api("downloads", { token, headers: { "if-none-match": tag! } });
    expect(second.status).toBe(304);
  });

  it("deletes a download (204), after which it is gone from the list and its link is dead", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const made = await unrestrict(token, "gone.bin");
    const response = await api(`downloads/delete/${made.id}`, { token, method: "DELETE" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await (await api("downloads", { token })).json()).toEqual([]);
    const download = await exports.default.fetch(made.download);
    expect(download.status).toBe(404);
    await download.arrayBuffer();
  });

  it("answers 404 for another user's download id and deletes nothing", async () => {
    const owner = await createTestAccount({ premiumDays: 30 });
    const stranger = await createTestAccount({ premiumDays: 30 });
    const made = await unrestrict(owner.token, "mine.bin");
    const rows = await countRows("downloads");
    for (const id of [made.id, "NOPE", "x".repeat(500)]) {
      const response = await api(`downloads/delete/${id}`, { token: stranger.token, method: "DELETE" });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: "resource_not_found", error_code: 7 });
    }
    expect(await countRows("downloads")).toBe(rows);
    expect(await (await api("downloads", { token: stranger.token })).json()).toEqual([]);
  });

  it("works with X-HTTP-Verb and with ?auth_token=", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const made = await unrestrict(token, "verb.bin");
    const listed = await exports.default.fetch(`${SITE}/rest/1.0/downloads?auth_token=${token}`);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as unknown[]).length).toBe(1);
    const deleted = await exports.default.fetch(`${SITE}/rest/1.0/downloads/delete/${made.id}?auth_token=${token}`, { method: "POST", headers: { "x-http-verb": "DELETE" } });
    expect(deleted.status).toBe(204);
  });

  it("answers 401 code 8 without a valid token", async () => {
    for (const path of ["downloads", "traffic", "traffic/details", "hosts/status"]) {
      const response = await api(path, { token: "not-a-token" });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "bad_token", error_code: 8 });
    }
    const before = await countRows("downloads");
    const response = await api("unrestrict/link", { form: { link: originFile(10, "a.bin").url } });
    expect(response.status).toBe(401);
    expect(await countRows("downloads")).toBe(before);
  });
});
