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
