import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, DOWNLOAD_HOST, SITE } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { createTestAccount } from "../../helpers/factories";

const BAD_LINKS = [
  "", " ", "\u0000", "http://", "https://", "http:///x", "http://[::1", "http://a b.com/", "%00", "http://xn--/", "https://例え.テスト/x.zip",
  "http://.com/", "http://-a.com/", "http://a..b/", "http://example.com:99999/", "http://example.com:0/", "//example.com/a.zip", "example.com/a.zip",
  "https://1fichier.com/?", "https://1fichier.com/?a", "https://1fichier.com/?nonexistent1", "\uD800", "\u202Ehttp://evil.example/", "https://x".repeat(3000),
  "http://%31%32%37.0.0.1/", "http://127.0.0.1%2f@evil.example/", "https://evil.example\\@127.0.0.1/",
  "https://mega.nz/file/AbCdEf12#tooShortKey", "https://mega.nz/#!AbCdEf12!", "https://mega.nz/folder/FoLdEr01#bad/file/..", "https://mega.nz/file/AbCdEf12#" + "A".repeat(43),
  "https://gofile.io/d/", "https://gofile.io/d/NoSuchF#%00", "https://pixeldrain.com/l/", "https://pixeldrain.com/l/LstGone1", "https://www.mediafire.com/folder/%2e%2e",
  "https://1fichier.com/dir/NoSuchDir", "https://1drv.ms/u/s!", "https://drive.google.com/file/d/short/view", "https://rapidgator.net/file/xyz",
];

const BAD_QUERIES = ["limit=1e3", "limit=99999999999999", "page=1.5", "offset=NaN", "limit=０", "page=-0", "offset=%00", "limit=", "page=&offset=&limit="];

describe("bad input never gets a 5xx and never writes", () => {
  it.each(["unrestrict/check", "unrestrict/link", "unrestrict/folder"])("POST %s with hostile links", async (path) => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const before = [await countRows("downloads"), await countRows("traffic_daily")];
    for (const link of BAD_LINKS) {
      const response = await api(path, { token, form: { link, remote: "0", ip: "81.2.69.160", password: "\u0000" } });
      // A folder link on a hoster without folders is a valid question with an empty answer.
      if (path === "unrestrict/folder" && response.status === 200) {
        expect(await response.json()).toEqual([]);
        continue;
      }
      // A link on a hoster's domain that is no file link: checked as not supported.
      if (path === "unrestrict/check" && response.status === 200) {
        expect(await response.json(), link).toMatchObject({ supported: 0 });
        continue;
      }
      expect(response.status, link).toBeGreaterThanOrEqual(400);
      expect(response.status, link).toBeLessThan(600);
      expect(response.status === 503 || response.status < 500, link).toBe(true);
      const body = (await response.json()) as { error: string; error_code: number };
      expect(typeof body.error, link).toBe("string");
      expect(typeof body.error_code, link).toBe("number");
    }
    expect([await countRows("downloads"), await countRows("traffic_daily")]).toEqual(before);
  });

  it("odd bodies: JSON, multipart, binary, oversize", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const auth = { authorization: `Bearer ${token}` };
    const bodies: [string | undefined, BodyInit][] = [
      ["application/json", JSON.stringify({ link: "https://example.com/a.zip" })],
      ["text/plain", "\u0000\u0001\u0002"],
      [undefined, new Uint8Array([0xff, 0xfe, 0x00, 0x80])],
      ["application/x-www-form-urlencoded", `link=${"a".repeat(70_000)}`],
      ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc\r\n--x--\r\n"],
      ["multipart/form-data; boundary=broken", "garbage"],
    ];
    for (const [type, body] of bodies) {
      const response = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/link`, { method: "POST", headers: { ...auth, ...(type ? { "content-type": type } : {}) }, body });
      expect(response.status, type).toBeGreaterThanOrEqual(400);
      expect(response.status, type).toBeLessThan(500);
      expect(await response.json()).toHaveProperty("error_code");
    }
    expect(await countRows("downloads")).toBe(0);
  });

  it("odd list queries and ids", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    for (const query of BAD_QUERIES) {
      const response = await api(`downloads?${query}`, { token });
      expect([200, 400], query).toContain(response.status);
      await response.arrayBuffer();
    }
    for (const id of ["%00", "..%2F..%2Fetc", "%E2%80%AE", "x".repeat(1000), "%", "AAAA%20BBBB"]) {
      const response = await api(`downloads/delete/${id}`, { token, method: "DELETE" });
      expect([400, 404], id).toContain(response.status);
      expect(await response.json()).toHaveProperty("error_code");
    }
    for (const query of ["start=%00", "end=9999-99-99", "start=2026-13-01", "start=0000-00-00&end=", "start=2026-1-1"]) {
      const response = await api(`traffic/details?${query}`, { token });
      expect(response.status, query).toBe(400);
      await response.arrayBuffer();
    }
  });

  it("odd download paths and ranges", async () => {
    for (const path of ["/d/", "/d/x", "/d/%00/%00", `/d/${"A".repeat(32)}/`, `/d/${"A".repeat(5000)}/x`, "/d/AAAA/x?y=%"]) {
      const response = await exports.default.fetch(`${DOWNLOAD_HOST}${path}`);
      expect(response.status, path).toBeLessThan(500);
      await response.arrayBuffer();
    }
  });
});
