import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HOSTER_ADAPTERS, NAMED_HOSTERS } from "../../../src/hosters/registry";
import { originFile, SITE } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { registeredClient, WebClient } from "../../helpers/web-client";

describe("download pages", () => {
  it("send visitors who are not signed in to /login", async () => {
    for (const path of ["/downloader", "/downloads"]) {
      const { response } = await new WebClient().get(path);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("paste → generate → history → delete", async () => {
    const { client } = await registeredClient();
    const good = originFile(4096, "holiday.mkv", 9);
    const links = [good.url, "not a link", "http://169.254.169.254/latest/meta-data/", `${env.TEST_ORIGIN_URL}/status/404`].join("\n");
    const { response, html: text } = await client.post("/downloader", { links });
    expect(response.status).toBe(200);
    expect(text).toContain("holiday.mkv");
    expect(text).toContain("4 KiB");
    expect(text).toMatch(/href="http:\/\/127\.0\.0\.1:8787\/d\/[A-Z2-7]{32}\/[^/"]+\/holiday\.mkv"/);
    expect(text).toContain("expires");
    expect(text.match(/data-result="error"/g)).toHaveLength(3);
    expect(text).toContain("This file is unavailable.");
    expect(text).toContain("never fetch");

    const download = text.match(/href="(http:\/\/127\.0\.0\.1:8787\/d\/[^"]+)"/)![1]!;
    // Downloaded from the network that generated it.
    const file = await exports.default.fetch(download, { headers: { "cf-connecting-ip": client.ip } });
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(good.bytes());

    const history = await client.get("/downloads");
    expect(history.html).toContain("holiday.mkv");
    expect(history.html).toContain("Deleted on");
    expect(history.response.headers.get("cache-control")).toBe("no-store");
    const id = history.html.match(/data-download-id="([A-Z2-7]{32})"/)![1]!;

    const deleted = await client.post(`/downloads/${id}/delete`, {});
    expect(deleted.response.status).toBe(303);
    expect(deleted.response.headers.get("location")).toBe("/downloads");
    expect((await client.get("/downloads")).html).toContain("No downloads.");
  });

  it("generates a 254-characters-plus-emoji name, downloads it under that name, echoes a long bad link cut between characters", async () => {
    const { client } = await registeredClient();
    const named = originFile(1000, "a".repeat(254) + "\u{1F600}.bin", 24);
    const badLink = "not a link " + "a".repeat(188) + "\u{1F600}";
    const { response, html } = await client.post("/downloader", { links: `${named.url}\n${badLink}` });
    expect(response.status).toBe(200);
    const recorded = "a".repeat(251) + ".bin";
    expect(html).toContain(`<td>${recorded}</td>`);
    expect(html).toContain(`<code>not a link ${"a".repeat(188)}</code>`);
    const download = html.match(/href="(http:\/\/127\.0\.0\.1:8787\/d\/[^"]+)"/)![1]!;
    expect(download.endsWith(`/${recorded}`)).toBe(true);
    const file = await exports.default.fetch(download, { headers: { "cf-connecting-ip": client.ip } });
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(named.bytes());
    expect(file.headers.get("content-disposition")).toContain(`filename*=UTF-8''${recorded}`);
    expect((await client.get("/downloads")).html).toContain(recorded);
  });

  it("processes at most 10 links a submit (the Free plan's 50 subrequests and queries) and says the rest were not", async () => {
    const { client } = await registeredClient();
    const links = Array.from({ length: 12 }, (_, i) => originFile(10, `many${i}.bin`, i + 1).url).join("\n");
    const before = await countRows("downloads");
    const { response, html } = await client.post("/downloader", { links }, { "accept-language": "en" });
    expect(response.status).toBe(200);
    expect(html.match(/data-result="ok"/g)).toHaveLength(10);
    expect(html).toContain("At most 10 links at a time: the next 2 were not processed");
    expect(html).not.toContain("many10.bin\"");
    expect(await countRows("downloads")).toBe(before + 10);
  });

  it("refuses cross-site form posts and another user's delete, changing nothing", async () => {
    const owner = await registeredClient();
    const stranger = await registeredClient();
    await owner.client.post("/downloader", { links: originFile(10, "a.bin").url });
    const id = (await owner.client.get("/downloads")).html.match(/data-download-id="([A-Z2-7]{32})"/)![1]!;
    const rows = await countRows("downloads");
    const crossSite = await owner.client.post("/downloader", { links: originFile(10, "b.bin").url }, { origin: "https://evil.example" });
    expect(crossSite.response.status).toBe(403);
    const strangerDelete = await stranger.client.post(`/downloads/${id}/delete`, {});
    expect(strangerDelete.response.status).toBe(404);
    expect(await countRows("downloads")).toBe(rows);
  });

  it("shows hosters, their status and an example link of each, publicly", async () => {
    const response = await exports.default.fetch(`${SITE}/hosts`, { headers: { "accept-language": "en" } });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain("1fichier (1fichier.com");
    expect(text).toContain('data-status="up"');
    expect(text).toContain("Direct HTTP(S) links");
    for (const adapter of HOSTER_ADAPTERS) expect(text).toContain(`data-hoster="${adapter.id}"`);
    for (const adapter of NAMED_HOSTERS) expect(text).toContain(escapeHtml(adapter.exampleLink));
    expect(text).toContain("Fewer than 10 tries over the last 1 hour: no verdict yet");
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
