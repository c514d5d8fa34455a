import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTAINER_MAX_BYTES, CONTAINER_MAX_LINKS, RSDF_MAX_LINK_BYTES } from "../../../src/config";
import { api, originFixture, SITE } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { cryptLoadXml, encodeCcf, encodeRsdf, encryptCcf, fakeDlc } from "../../helpers/containers";
import { createTestAccount, type TestAccount } from "../../helpers/factories";

let account: TestAccount;

beforeAll(async () => {
  account = await createTestAccount({ premiumDays: 30 });
});

function putContainer(body: BodyInit | null, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(`${SITE}/rest/1.0/unrestrict/containerFile`, { method: "PUT", headers: { authorization: `Bearer ${account.token}`, ...headers }, body });
}

const text = (value: string) => new TextEncoder().encode(value);
const hexOf = (value: string) => text([...text(value)].map((byte) => byte.toString(16).padStart(2, "0")).join(""));

/** The exact error body (status, key, code, the details that say why), and nothing written anywhere. */
async function expectRefusal(response: Response, status: number, error: string, errorCode: number, details: Record<string, unknown> = {}): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as Record<string, unknown>;
  expect({ error: body.error, error_code: body.error_code }).toEqual({ error, error_code: errorCode });
  expect(body).toMatchObject(details);
  expect(typeof body.message).toBe("string");
}

async function storedRows(): Promise<number[]> {
  return [await countRows("downloads"), await countRows("traffic_daily")];
}

describe("container uploads that cannot be opened get a clear 4xx", () => {
  it("DLC: 400 container_dlc_unsupported (code 28), with a message saying why", async () => {
    const before = await storedRows();
    const response = await putContainer(fakeDlc() as BodyInit);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "container_dlc_unsupported", error_code: 28, format: "dlc" });
    expect(body.message).toContain("JDownloader");
    expect(await storedRows()).toEqual(before);
  });

  it("oversized, with or without Content-Length: 413 container_too_large (code 26) with the cap", async () => {
    const before = await storedRows();
    const big = new Uint8Array(CONTAINER_MAX_BYTES + 1).fill(0x41);
    await expectRefusal(await putContainer(big as BodyInit), 413, "container_too_large", 26, { max_bytes: CONTAINER_MAX_BYTES });
    // Chunked: no declared length, the cap applies while the body streams in.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 9; i++) controller.enqueue(new Uint8Array(CONTAINER_MAX_BYTES / 8).fill(0x41));
        controller.close();
      },
    });
    await expectRefusal(await putContainer(stream), 413, "container_too_large", 26, { max_bytes: CONTAINER_MAX_BYTES });
    expect(await storedRows()).toEqual(before);
  });

  it("more links than allowed: 413 container_too_large with max_links, RSDF refused before decrypting", async () => {
    const before = await storedRows();
    const links = Array.from({ length: CONTAINER_MAX_LINKS + 1 }, (_, i) => `https://f.example/${i}`);
    await expectRefusal(await putContainer((await encodeCcf(links)) as BodyInit), 413, "container_too_large", 26, { max_links: CONTAINER_MAX_LINKS });
    await expectRefusal(await putContainer(hexOf("QUJD\r\n".repeat(CONTAINER_MAX_LINKS + 1)) as BodyInit), 413, "container_too_large", 26, { max_links: CONTAINER_MAX_LINKS });
    // Under the file cap, but more RSDF link bytes than one call may decrypt (one block cipher run per byte).
    const line = `${btoa("\u0001".repeat(5000))}\r\n`;
    const heavy = hexOf(line.repeat(Math.ceil(RSDF_MAX_LINK_BYTES / 5000) + 1));
    expect(heavy.length).toBeLessThan(CONTAINER_MAX_BYTES);
    await expectRefusal(await putContainer(heavy as BodyInit), 413, "container_too_large", 26, { format: "rsdf", max_link_bytes: RSDF_MAX_LINK_BYTES });
    expect(await storedRows()).toEqual(before);
  });

  it("malformed RSDF and CCF: 400 container_invalid (code 2) with the format and the reason", async () => {
    const before = await storedRows();
    const cases: [Uint8Array, string, string][] = [
      [hexOf("not base64 at all!\r\n"), "rsdf", "not_base64"],
      [hexOf(`${btoa("\u0001".repeat(7000))}\r\n`), "rsdf", "link_too_long"],
      [hexOf("\r\n\r\n"), "rsdf", "no_links"],
      [await encryptCcf(cryptLoadXml([])), "ccf", "no_links"],
      [await encodeCcf(["javascript:alert(1)"]), "ccf", "not_a_link"],
      [await encodeCcf(["ftp://files.example.com/a.zip"]), "ccf", "not_a_link"],
      [await encodeCcf([`https://a.example/${"y".repeat(3000)}`]), "ccf", "link_too_long"],
    ];
    for (const [file, format, reason] of cases) {
      await expectRefusal(await putContainer(file as BodyInit), 400, "container_invalid", 2, { format, reason });
    }
    // Valid hex and base64 that were not encrypted with the RSDF key decrypt to noise, not links.
    const noise = hexOf(`${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(40))))}\r\n`);
    const response = await putContainer(noise as BodyInit);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "container_invalid", error_code: 2, format: "rsdf" });
    expect(await storedRows()).toEqual(before);
  });

  it("anything else: 400 container_unknown_format (code 2); an empty body: 400 missing_parameter (code 1)", async () => {
    const before = await storedRows();
    const others = [
      text("hello, this is a text file"),
      text("https://example.com/a.zip\nhttps://example.com/b.zip\n"),
      crypto.getRandomValues(new Uint8Array(4096)),
      crypto.getRandomValues(new Uint8Array(1000)),
      // A CCF encrypted with a key that is none of the three.
      new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, await crypto.subtle.importKey("raw", new Uint8Array(32), "AES-CBC", false, ["encrypt"]), text(cryptLoadXml(["https://a.example/x"])))),
    ];
    for (const file of others) await expectRefusal(await putContainer(file as BodyInit), 400, "container_unknown_format", 2);
    await expectRefusal(await putContainer(null), 400, "missing_parameter", 1, { parameter: "file" });
    expect(await storedRows()).toEqual(before);
  });

  it("other verbs and sub-paths of containerFile are unknown methods (404, code 3)", async () => {
    for (const [method, path] of [["GET", ""], ["POST", ""], ["PUT", "/extra"]] as const) {
      const response = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/containerFile${path}`, { method, headers: { authorization: `Bearer ${account.token}` } });
      await expectRefusal(response, 404, "unknown_method", 3);
    }
  });
});

describe("container links that cannot be fetched or opened", () => {
  it("missing link: 400 code 1; refused link: 400 link_refused, nothing fetched", async () => {
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { ip: "203.0.113.9" } }), 400, "missing_parameter", 1, { parameter: "link" });
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { link: "http://localhost/list.rsdf" } }), 400, "link_refused", 2);
  });

  it("a link that answers no file: 503 file_unavailable (code 24); an unreachable host: 503 hoster_unavailable (code 19)", async () => {
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { link: `${env.TEST_ORIGIN_URL}/status/404` } }), 503, "file_unavailable", 24, { origin_status: 404 });
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { link: `${env.TEST_CLOSED_URL}/list.ccf` } }), 503, "hoster_unavailable", 19);
  });

  it("an oversized or unknown container behind a link: 413 / 400, as for uploads", async () => {
    const big = await originFixture("big.rsdf", [new Uint8Array(CONTAINER_MAX_BYTES + 1).fill(0x41)]);
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { link: big.url } }), 413, "container_too_large", 26, { max_bytes: CONTAINER_MAX_BYTES });
    // Without a declared length, the read stops at the cap.
    const chunked = await originFixture("big-chunked.rsdf", [new Uint8Array(16), 2 * CONTAINER_MAX_BYTES], "chunked=1");
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { link: chunked.url } }), 413, "container_too_large", 26);
    const dlc = await originFixture("list.dlc", [fakeDlc()]);
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { link: dlc.url } }), 400, "container_dlc_unsupported", 28);
    const empty = await originFixture("empty.ccf", []);
    await expectRefusal(await api("unrestrict/containerLink", { token: account.token, form: { link: empty.url } }), 400, "container_unknown_format", 2);
    const rsdf = await originFixture("ok.rsdf", [await encodeRsdf(["https://a.example/ok"])]);
    expect(await (await api("unrestrict/containerLink", { token: account.token, form: { link: rsdf.url } })).json()).toEqual(["https://a.example/ok"]);
  });
});
