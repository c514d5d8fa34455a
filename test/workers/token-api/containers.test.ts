import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, originFixture, SITE } from "../../helpers/api";
import { cryptLoadXml, encodeCcf, encodeRsdf, encryptCcf } from "../../helpers/containers";
import { createTestAccount, type TestAccount } from "../../helpers/factories";
import { dumpAllStorage } from "../../helpers/storage";

/** Links as users paste them: a hoster id, a query with &, a non-ASCII path, a long one. */
const LINKS = [
  "https://1fichier.com/?abcde12345",
  "https://files.example.com/dir/file.part1.rar?token=a1&expires=99",
  "https://example.org/fichiers/été-2024.zip",
  `https://cdn.example.net/${"x".repeat(300)}.mkv`,
];

let account: TestAccount;

beforeAll(async () => {
  account = await createTestAccount({ premiumDays: 30 });
});

/** A raw PUT upload, the way clients send a container: the file as the body, no Content-Type. */
function putContainer(body: Uint8Array, headers: Record<string, string> = {}, method = "PUT"): Promise<Response> {
  return exports.default.fetch(`${SITE}/rest/1.0/unrestrict/containerFile`, {
    method,
    headers: { authorization: `Bearer ${account.token}`, ...headers },
    body: body as BodyInit,
  });
}

describe("PUT /unrestrict/containerFile", () => {
  it("opens an RSDF file and answers its links in order", async () => {
    const response = await putContainer(await encodeRsdf(LINKS));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(LINKS);
  });

  it("reads RSDF as older writers made it: 'CCF: ' before each link, upper-case hex cut in lines", async () => {
    const encoded = new TextDecoder().decode(await encodeRsdf(LINKS.slice(0, 2), { prefix: "CCF: ", upperCase: true }));
    const wrapped = encoded.match(/.{1,76}/g)!.join("\r\n");
    const response = await putContainer(new TextEncoder().encode(wrapped));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(LINKS.slice(0, 2));
  });

  it.each(["1.0", "0.8", "0.7"] as const)("opens a CCF %s file", async (version) => {
    const response = await putContainer(await encodeCcf(LINKS, version));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(LINKS);
  });

  it("takes a CCF's links from Url attributes when a Download has no Url element, and decodes XML entities", async () => {
    const xml = cryptLoadXml([]).replace(
      "</Package>",
      `<Download Url="https://a.example/1?x=1&amp;y=2"><FileName>a</FileName></Download><Download Url='https://a.example/2'/></Package>`,
    );
    const response = await putContainer(await encryptCcf(xml));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(["https://a.example/1?x=1&y=2", "https://a.example/2"]);
  });

  it("reads the body whatever Content-Type is declared, and honours X-HTTP-Verb from clients that cannot PUT", async () => {
    const file = await encodeRsdf(LINKS.slice(0, 1));
    const typed = await putContainer(file, { "content-type": "application/octet-stream" });
    expect(await typed.json()).toEqual(LINKS.slice(0, 1));
    const overridden = await putContainer(file, { "x-http-verb": "PUT" }, "POST");
    expect(overridden.status).toBe(200);
    expect(await overridden.json()).toEqual(LINKS.slice(0, 1));
  });

  it("accepts a container larger than the 64 KiB form cap", async () => {
    const many = Array.from({ length: 900 }, (_, i) => `https://files.example.com/archive-${i}.part${i}.rar?${"k".repeat(60)}`);
    const file = await encodeCcf(many);
    expect(file.length).toBeGreaterThan(64 * 1024);
    const response = await putContainer(file);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(many);
  });
});

describe("POST /unrestrict/containerLink", () => {
  it("fetches a container by its link and answers its links", async () => {
    for (const [name, file] of [["list.rsdf", await encodeRsdf(LINKS)], ["list.ccf", await encodeCcf(LINKS)]] as const) {
      const fixture = await originFixture(name, [file]);
      const response = await api("unrestrict/containerLink", { token: account.token, form: { link: fixture.url, ip: "203.0.113.9" } });
      expect(response.status, name).toBe(200);
      expect(await response.json()).toEqual(LINKS);
      expect((await fixture.stats()).requests).toBe(1);
    }
  });
});

describe("privacy", () => {
  it("keeps nothing of a container: its links are in no table, no journal row, no KV key", async () => {
    const secret = "https://private.example/secret-file-7f3a9c.zip";
    const fixture = await originFixture("secret.rsdf", [await encodeRsdf([secret])]);
    expect(await (await putContainer(await encodeRsdf([secret]))).json()).toEqual([secret]);
    expect(await (await api("unrestrict/containerLink", { token: account.token, form: { link: fixture.url } })).json()).toEqual([secret]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const storage = await dumpAllStorage();
    expect(storage).toContain("/rest/1.0/unrestrict/containerFile");
    expect(storage).not.toContain("secret-file-7f3a9c");
    expect(storage).not.toContain(fixture.url);
  });
});
