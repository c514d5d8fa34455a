import { sha256Hex } from "../../../src/lib/crypto";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, DOWNLOAD_HOST, originFile, SITE } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { createTestAccount } from "../../helpers/factories";
import { hosterContext, matchLink } from "../../../src/hosters/registry";

describe("unrestrict/link and the generated link", () => {
  it("records a download and streams it byte-identical", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const file = originFile(300_000, "Mon film été.mkv", 3);
    const response = await api("unrestrict/link", { token, form: { link: file.url, password: "", remote: "0" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ filename: "Mon film été.mkv", mimeType: "video/x-matroska", filesize: 300_000, link: file.url, host: "direct", chunks: 16, crc: 1, streamable: 0 });
    expect(body.id).toMatch(/^[A-Z2-7]{32}$/);
    // The node, the link's id, its ticket (node, network, expiry, signature), then the name for the user's tools.
    expect(String(body.download)).toMatch(new RegExp(`^${DOWNLOAD_HOST}/d/${body.id}/main\\.[0-9a-z]+\\.none\\.[0-9a-f]{32}/${encodeURIComponent("Mon film été.mkv")}$`));
    expect(Date.parse(String(body.expires))).toBeGreaterThan(Date.now());

    const download = await exports.default.fetch(String(body.download));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("filename*=UTF-8''Mon%20film%20%C3%A9t%C3%A9.mkv");
    expect(download.headers.get("content-security-policy")).toContain("sandbox");
    expect(download.headers.get("accept-ranges")).toBe("bytes");
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.byteLength).toBe(300_000);
    expect(await sha256Hex(bytes)).toBe(await sha256Hex(file.bytes()));
  });
});

describe("unrestrict/link for an unverified account", () => {
  it("is refused with 403 code 15 until the email is confirmed, and records nothing", async () => {
    const { accountId, token } = await createTestAccount({ premiumDays: 30 });
    await env.DB.prepare("UPDATE accounts SET email_verified_at = NULL WHERE id = ?").bind(accountId).run();
    const before = await countRows("downloads");
    const response = await api("unrestrict/link", { token, form: { link: originFile(1000, "a.bin").url } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "account_not_verified", error_code: 15 });
    expect(await countRows("downloads")).toBe(before);
  });
});

describe("unrestrict/check", () => {
  it("describes a direct link publicly (name from Content-Disposition, size from a one-byte range)", async () => {
    const file = originFile(123_456, "raw-name.bin", 4, `&cd=${encodeURIComponent("Émission spéciale.mp4")}&type=video/mp4`);
    const response = await api("unrestrict/check", { form: { link: file.url, password: "" }, token: "whatever-the-client-sends" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ host: "direct", link: file.url, filename: "Émission spéciale.mp4", filesize: 123_456, supported: 1 });
  });

  it("answers 503 file_unavailable (24) for a missing file", async () => {
    const response = await api("unrestrict/check", { form: { link: `${env.TEST_ORIGIN_URL}/status/404` } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "file_unavailable", error_code: 24 });
  });

  it("answers 503 hoster_unavailable (19) when the origin fails", async () => {
    const response = await api("unrestrict/check", { form: { link: `${env.TEST_ORIGIN_URL}/status/502` } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "hoster_unavailable", error_code: 19 });
  });

  it("answers 400 code 1 without a link, also for an empty or raw body", async () => {
    for (const body of ["", "link=", "password=x"]) {
      const response = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/check`, { method: "POST", body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "missing_parameter", error_code: 1, parameter: "link" });
    }
  });
});

describe("unrestrict/link: what real clients send", () => {
  it("accepts the ip field, unknown fields, a raw form body and X-HTTP-Verb, and records requester and declared IP", async () => {
    const { token, accountId } = await createTestAccount({ premiumDays: 30 });
    const file = originFile(2048, "clip.webm", 5);
    const response = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/link`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "x-http-verb": "POST", "cf-connecting-ip": "2001:db8::42" },
      body: new URLSearchParams({ link: file.url, password: "", remote: "1", ip: "81.2.69.23", split: "1", check_cache: "1" }).toString(),
      cf: { country: "FR", city: "Lyon", asn: 3215 } as unknown as IncomingRequestCfProperties,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string };
    const row = await env.DB.prepare("SELECT * FROM downloads WHERE id = ?").bind(body.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ account_id: accountId, host: "direct", requester_ip: "2001:db8::42", requester_country: "FR", requester_city: "Lyon", requester_asn: 3215, declared_ip: "81.2.69.23", remote: 1, filesize: 2048, mime_type: "video/webm" });
    // Link, name and generated link are stored encrypted only.
    const stored = JSON.stringify(row);
    for (const secret of ["clip.webm", "127.0.0.1:", "/d/"]) expect(stored).not.toContain(secret);
  });

  it("tells free accounts the chunks they may open (4), premium the hoster's (16)", async () => {
    const free = await createTestAccount();
    const premium = await createTestAccount({ premiumDays: 30 });
    const link = originFile(100, "c.bin", 8).url;
    expect(await (await api("unrestrict/link", { token: free.token, form: { link } })).json()).toMatchObject({ chunks: 4 });
    expect(await (await api("unrestrict/link", { token: premium.token, form: { link } })).json()).toMatchObject({ chunks: 16 });
  });

  it("keeps no direct-link hostname in plaintext: records and traffic say \"direct\", all subdomains share one key", async () => {
    const { token, accountId } = await createTestAccount({ premiumDays: 30 });
    const made = (await (await api("unrestrict/link", { token, form: { link: originFile(100, "h.bin", 7).url } })).json()) as { id: string; host: string };
    expect(made.host).toBe("direct");
    const hosts = await env.DB.prepare("SELECT host FROM downloads WHERE account_id = ?1 UNION ALL SELECT host FROM traffic_daily WHERE account_id = ?1").bind(accountId).all<{ host: string }>();
    expect(hosts.results.map((r) => r.host)).toEqual(["direct", "direct"]);
    const keys = ["https://a.files.example.com/x.bin", "https://b.files.example.com/x.bin", "https://www.other.example/y"].map((link) => matchLink(hosterContext(env), link).host);
    expect(keys).toEqual(["direct", "direct", "direct"]);
  });

  it.each([
    ["a non-URL", "hello world", 400, "link_refused", 2],
    ["a 10,000-character link", `https://files.example.com/${"x".repeat(10_000)}`, 400, "link_refused", 2],
    ["an unsupported scheme", "magnet:?xt=urn:btih:abcdef", 400, "hoster_unsupported", 16],
    ["an empty link", "", 400, "missing_parameter", 1],
  ])("refuses %s with a 4xx and writes nothing", async (_name, link, status, error, code) => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const before = [await countRows("downloads"), await countRows("traffic_daily")];
    const response = await api("unrestrict/link", { token, form: { link } });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error, error_code: code });
    expect([await countRows("downloads"), await countRows("traffic_daily")]).toEqual(before);
  });

  it("refuses a bad remote value with 400 code 2", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const response = await api("unrestrict/link", { token, form: { link: originFile(10, "a.bin").url, remote: "yes" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_parameter", error_code: 2, parameter: "remote" });
  });

  it("answers [] for folders of hosters without folder support", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const response = await api("unrestrict/folder", { token, form: { link: originFile(10, "dir").url } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });
});
