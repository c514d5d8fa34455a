import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, DOWNLOAD_HOST, originFile, sha256 } from "./api-helpers";
import { createTestAccount } from "./factories";

describe("unrestrict/link and the generated link", () => {
  it("records a download and streams it byte-identical", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const file = originFile(300_000, "Mon film été.mkv", 3);
    const response = await api("unrestrict/link", { token, form: { link: file.url, password: "", remote: "0", ip: "203.0.113.9" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ filename: "Mon film été.mkv", mimeType: "video/x-matroska", filesize: 300_000, link: file.url, host: "127.0.0.1", chunks: 16, crc: 1, streamable: 0 });
    expect(body.id).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.download).toBe(`${DOWNLOAD_HOST}/d/${body.id}/${encodeURIComponent("Mon film été.mkv")}`);
    expect(Date.parse(String(body.expires))).toBeGreaterThan(Date.now());

    const download = await exports.default.fetch(String(body.download));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("filename*=UTF-8''Mon%20film%20%C3%A9t%C3%A9.mkv");
    expect(download.headers.get("content-security-policy")).toContain("sandbox");
    expect(download.headers.get("accept-ranges")).toBe("bytes");
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.byteLength).toBe(300_000);
    expect(await sha256(bytes)).toBe(await sha256(file.bytes()));
  });
});
