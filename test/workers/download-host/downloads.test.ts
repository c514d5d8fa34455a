import { sha256Hex } from "../../../src/lib/crypto";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, DOWNLOAD_HOST, originFile, originRequests, SITE, trafficBytes } from "../../helpers/api";
import { createTestAccount, type TestAccount } from "../../helpers/factories";
import { dumpAllStorage, waitForJournal } from "../../helpers/storage";

const SIZE = 1_000_003;
const file = originFile(SIZE, "archive finale.zip", 11);
let account: TestAccount;
let generated: { id: string; download: string };

beforeAll(async () => {
  account = await createTestAccount({ premiumDays: 30 });
  const response = await api("unrestrict/link", { token: account.token, form: { link: file.url } });
  generated = (await response.json()) as { id: string; download: string };
});

describe("GET /d/:id/:filename on the download host", () => {
  it("answers HEAD with length, type and disposition, without touching the origin", async () => {
    const before = await originRequests();
    const response = await exports.default.fetch(generated.download, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(SIZE));
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="archive finale.zip"; filename*=UTF-8''archive%20finale.zip`);
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(await originRequests()).toBe(before);
  });

  it("serves a range with 206, Content-Range and the right bytes", async () => {
    const response = await exports.default.fetch(generated.download, { headers: { range: "bytes=1000-1999" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 1000-1999/${SIZE}`);
    expect(response.headers.get("content-length")).toBe("1000");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.bytes().subarray(1000, 2000));
  });

  it("resumes an interrupted download and reassembles 4 parallel chunks byte-identical", async () => {
    const expected = await sha256Hex(file.bytes());
    const first = await exports.default.fetch(generated.download, { headers: { range: "bytes=0-499999" } });
    const rest = await exports.default.fetch(generated.download, { headers: { range: "bytes=500000-" } });
    const resumed = new Uint8Array(SIZE);
    resumed.set(new Uint8Array(await first.arrayBuffer()), 0);
    resumed.set(new Uint8Array(await rest.arrayBuffer()), 500_000);
    expect(await sha256Hex(resumed)).toBe(expected);

    const quarter = Math.ceil(SIZE / 4);
    const parts = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const end = Math.min(SIZE, (i + 1) * quarter) - 1;
        const response = await exports.default.fetch(generated.download, { headers: { range: `bytes=${i * quarter}-${end}` } });
        expect(response.status).toBe(206);
        return new Uint8Array(await response.arrayBuffer());
      }),
    );
    const joined = new Uint8Array(SIZE);
    parts.forEach((part, i) => joined.set(part, i * quarter));
    expect(await sha256Hex(joined)).toBe(expected);
  });

  it.each(["bytes=abc", "items=0-10", "bytes=0-1,2-3,4-5,6-7,8-9,10-11,12-13,14-15,16-17"])("treats the invalid Range %s as none: 200 with the whole file", async (range) => {
    const response = await exports.default.fetch(generated.download, { headers: { range } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(SIZE));
    expect((await response.arrayBuffer()).byteLength).toBe(SIZE);
  });

  it("forwards If-Range: a stale validator gets the whole file, the current one the range", async () => {
    const stale = await exports.default.fetch(generated.download, { headers: { range: "bytes=0-9", "if-range": '"stale"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(SIZE);
    const current = await exports.default.fetch(generated.download, { headers: { range: "bytes=0-9", "if-range": '"11-1000003"' } });
    expect(current.status).toBe(206);
    expect((await current.arrayBuffer()).byteLength).toBe(10);
  });

  it("promises ranges only when the origin serves them", async () => {
    const plain = originFile(2000, "plain.bin", 13, "&noranges=1");
    const made = (await (await api("unrestrict/link", { token: account.token, form: { link: plain.url } })).json()) as { download: string };
    const before = await originRequests();
    const head = await exports.default.fetch(made.download, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("2000");
    expect(head.headers.get("accept-ranges")).toBeNull();
    expect(await originRequests()).toBe(before);
    const ranged = await exports.default.fetch(made.download, { headers: { range: "bytes=0-9" } });
    expect(ranged.status).toBe(200);
    expect(ranged.headers.get("accept-ranges")).toBeNull();
    expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(plain.bytes());
  });

  it("passes 416 through for a range past the end", async () => {
    const response = await exports.default.fetch(generated.download, { headers: { range: `bytes=${SIZE + 10}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${SIZE}`);
  });

  it("sandboxes the answer and sets no cookie", async () => {
    const response = await exports.default.fetch(generated.download, { headers: { range: "bytes=0-0" } });
    await response.arrayBuffer();
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("journals the route template and the id, never the file name", async () => {
    const response = await exports.default.fetch(generated.download, { headers: { range: "bytes=0-9" } });
    await response.arrayBuffer();
    const [row] = await waitForJournal(response.headers.get("x-request-id")!);
    expect(row).toMatchObject({ path: `/d/${generated.id}/:filename`, query: null, account_id: account.accountId, status: 206, response_bytes: 10 });
  });

  it.each([
    ["OPTIONS on the download host", (id: string) => ({ url: `${DOWNLOAD_HOST}/d/${id}/Secret%20Name.bin`, method: "OPTIONS" })],
    ["the link on the site host", (id: string) => ({ url: `${SITE}/d/${id}/Secret%20Name.bin`, method: "GET" })],
    ["a trailing slash", (id: string) => ({ url: `${DOWNLOAD_HOST}/d/${id}/Secret%20Name.bin/`, method: "GET" })],
  ])("never journals the file name of a /d/ request that misses the route: %s", async (_name, make) => {
    const { url, method } = make(generated.id);
    const response = await exports.default.fetch(url, { method });
    await response.arrayBuffer();
    const [row] = await waitForJournal(response.headers.get("x-request-id")!);
    expect(row).toMatchObject({ path: `/d/${generated.id}/:filename`, query: null });
    const stored = await dumpAllStorage();
    expect(stored).not.toContain("Secret");
  });

  it("counts the bytes sent to the owner's traffic, also when the client aborts", async () => {
    const other = await createTestAccount({ premiumDays: 30 });
    const big = originFile(8_000_000, "big.bin", 12);
    const made = (await (await api("unrestrict/link", { token: other.token, form: { link: big.url } })).json()) as { download: string };

    const full = await exports.default.fetch(made.download, { headers: { range: "bytes=0-99999" } });
    expect((await full.arrayBuffer()).byteLength).toBe(100_000);
    expect(await trafficBytes(other.accountId, "direct", 100_000)).toBe(100_000);

    const aborted = await exports.default.fetch(made.download);
    const reader = aborted.body!.getReader();
    let received = 0;
    while (received < 300_000) received += (await reader.read()).value!.byteLength;
    await reader.cancel();
    const counted = (await trafficBytes(other.accountId, "direct", 100_000 + received)) - 100_000;
    // Counted as sent: what the client got, plus at most the 2 MiB relay buffer in flight; far below the file's size.
    expect(counted).toBeGreaterThanOrEqual(received);
    expect(counted).toBeLessThanOrEqual(received + 2 * 1024 * 1024);
  });

  it("serves nothing on the site host, and nothing but files on the download host", async () => {
    const onSite = await exports.default.fetch(`${SITE}${new URL(generated.download).pathname}`);
    expect(onSite.status).toBe(404);
    await onSite.arrayBuffer();
    const apiOnDownloadHost = await exports.default.fetch(`${DOWNLOAD_HOST}/rest/1.0/time`);
    expect(apiOnDownloadHost.status).toBe(404);
    await apiOnDownloadHost.arrayBuffer();
  });

  it.each([
    ["an unknown id", "/d/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567/x.bin"],
    ["a malformed id", "/d/../x.bin"],
    ["a short id", "/d/abc/x.bin"],
  ])("answers 404 for %s", async (_name, path) => {
    const response = await exports.default.fetch(`${DOWNLOAD_HOST}${path}`);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  it("refuses an expired link", async () => {
    await env.DB.prepare("UPDATE downloads SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, generated.id).run();
    const response = await exports.default.fetch(generated.download);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });
});
