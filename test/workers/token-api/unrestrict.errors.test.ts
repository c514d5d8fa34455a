import { mainDb } from "../../../src/db/client";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { linkSigningKey, signLinkTicket } from "../../../src/downloads/link-tickets";
import { insertDownload } from "../../../src/downloads/records";
import { DAY_MS } from "../../../src/lib/time";
import { api, DOWNLOAD_HOST, originFile } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { registeredClient } from "../../helpers/web-client";

const closedLink = () => `${env.TEST_CLOSED_URL}/files/10/gone.bin`;

describe("a hoster that cannot be reached is a 503 hoster_unavailable (code 19), never a 500", () => {
  it("unrestrict/check and unrestrict/link with the origin's port closed", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    for (const [path, call] of [["unrestrict/check", {}], ["unrestrict/link", { token }]] as const) {
      const response = await api(path, { ...call, form: { link: closedLink() } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: "hoster_unavailable", error_code: 19 });
    }
  });

  it("/d/ when the origin went away after the link was generated", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 30 });
    const id = "CLOSEDPORTAAAAAAAAAAAAAAAAAAAAAA";
    const now = Date.now();
    // A link as unrestricting makes it: on the default node, bound to "no IP" like these test requests.
    const ticket = await signLinkTicket(linkSigningKey(env), { id, node: { id: "main" }, binding: { kind: "none" }, expiresAt: now + DAY_MS });
    const download = `${DOWNLOAD_HOST}/d/${id}/${ticket}/gone.bin`;
    await insertDownload(mainDb(env.DB), { kv: env.KV, download: {
      id, accountId, adapterId: "direct", host: "direct", link: closedLink(), filename: "gone.bin", download,
      filesize: 10, mimeType: "application/octet-stream", chunks: 4, remote: false, generatedAt: now, expiresAt: now + DAY_MS,
      requester: { ip: null, country: null, city: null, asn: null }, declaredIp: null,
    } });
    const response = await exports.default.fetch(download);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "hoster_unavailable", error_code: 19 });
  });

  it("refuses a malformed Location header as a refused link", async () => {
    const response = await api("unrestrict/check", { form: { link: `${env.TEST_ORIGIN_URL}/redirect?to=${encodeURIComponent("http://[oops/")}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "link_refused", error_code: 2, reason: "not_a_url" });
  });

  it("the downloader page shows a per-link error and still generates the other links", async () => {
    const { client } = await registeredClient();
    const links = [originFile(100, "first.bin", 3).url, closedLink(), originFile(100, "third.bin", 4).url].join("\n");
    const { response, html } = await client.post("/downloader", { links });
    expect(response.status).toBe(200);
    expect(html.match(/data-result="error"/g)).toHaveLength(1);
    expect(html).toContain("temporarily unavailable");
    expect(html).toMatch(/\/d\/[A-Z2-7]{32}\/[^/"]+\/first\.bin"/);
    expect(html).toMatch(/\/d\/[A-Z2-7]{32}\/[^/"]+\/third\.bin"/);
  });
});

describe("the ip field binds the link, so it is checked strictly", () => {
  it.each([
    "not-an-ip", "198.51.100.300", "81.2.69.23:443", "81.2.69.23, 81.2.69.24", "[2a00:1450::1]", "2a00:1450::1%eth0", "081.002.069.023",
    "10.0.0.5", "192.168.1.2", "127.0.0.1", "::1", "fe80::1", "100.64.1.1", "203.0.113.5", "2001:db8::1", "0.0.0.0", "224.0.0.1", "x".repeat(60),
  ])("refuses %j with 400 code 2 and records nothing", async (ip) => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM downloads").first<{ n: number }>();
    const response = await api("unrestrict/link", { token, form: { link: originFile(100, "a.bin").url, ip } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_parameter", error_code: 2, parameter: "ip" });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM downloads").first<{ n: number }>()).toEqual(before);
  });

  it("takes an empty ip as not set, and a public IPv4 or IPv6 address as given", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    for (const ip of ["", "81.2.69.23", "2A00:1450:4007::200E"]) {
      const response = await api("unrestrict/link", { token, form: { link: originFile(100, "b.bin").url, ip } });
      expect(response.status, ip).toBe(200);
    }
    const { results } = await env.DB.prepare("SELECT declared_ip FROM downloads ORDER BY generated_at").all<{ declared_ip: string | null }>();
    expect(results.slice(-3).map((r) => r.declared_ip)).toEqual([null, "81.2.69.23", "2a00:1450:4007::200e"]);
  });
});
