import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, stats } from "../../../helpers/api";
import { sha256Hex } from "../../../../src/lib/crypto";
import { describeAdapterContract, HOSTER_TEST_TIMEOUT_MS } from "../../../helpers/hosters";
import { createTestAccount } from "../../../helpers/factories";
import { dumpAllStorage, waitForJournal } from "../../../helpers/storage";
import { contentBytes } from "../../../servers/content";
import { MEGA, megaBase64, megaFileLink, megaFolderLink, megaKey } from "../../../servers/hoster-fixtures";

const HANDLE = "AbCdEf12";
const FILE = MEGA.files[HANDLE]!;
const LINK = megaFileLink(HANDLE);
const FOLDER_KEY = megaBase64(megaKey(MEGA.folders.FoLdEr01!.seed, 16));

describeAdapterContract({
  adapterId: "mega",
  host: "mega.nz",
  standInVar: "MEGA_API_URL",
  file: { link: LINK, ...FILE },
  unavailableLink: `https://mega.nz/file/NoSuchFi#${megaBase64(megaKey(1))}`,
  limited: { link: megaFileLink("Quota555"), at: "download" },
  folder: {
    link: megaFolderLink("FoLdEr01"),
    links: [`https://mega.nz/folder/FoLdEr01#${FOLDER_KEY}/file/NoDe0001`, `https://mega.nz/folder/FoLdEr01#${FOLDER_KEY}/file/NoDe0002`],
  },
  lapses: true,
});

async function download(range?: string): Promise<Response> {
  const { token } = await createTestAccount({ premiumDays: 30 });
  const made = (await (await api("unrestrict/link", { token, form: { link: LINK } })).json()) as { download: string };
  return exports.default.fetch(made.download, range ? { headers: { range } } : {});
}

describe("MEGA: decrypted at the edge while it streams", { timeout: HOSTER_TEST_TIMEOUT_MS }, () => {
  it.each([0, 1, 15, 16, 17, 1024 * 1024 + 3])("a range from byte %i is the plaintext, to the end and for 100 bytes", async (start) => {
    const open = await download(`bytes=${start}-`);
    expect(open.status).toBe(206);
    expect(open.headers.get("content-range")).toBe(`bytes ${start}-${FILE.size - 1}/${FILE.size}`);
    expect(open.headers.get("content-length")).toBe(String(FILE.size - start));
    expect(await sha256Hex(new Uint8Array(await open.arrayBuffer()))).toBe(await sha256Hex(contentBytes(FILE.seed, start, FILE.size)));
    const bounded = await download(`bytes=${start}-${start + 99}`);
    expect(bounded.status).toBe(206);
    expect(new Uint8Array(await bounded.arrayBuffer())).toEqual(contentBytes(FILE.seed, start, start + 100));
  });

  it("answers a suffix range, and 416 past the end", async () => {
    const suffix = await download("bytes=-37");
    expect(suffix.status).toBe(206);
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(contentBytes(FILE.seed, FILE.size - 37, FILE.size));
    const past = await download(`bytes=${FILE.size}-`);
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${FILE.size}`);
  });

  it("opens the older #! link form and a file of a shared folder", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const legacy = await api("unrestrict/check", { form: { link: `https://mega.nz/#!${HANDLE}!${megaBase64(megaKey(FILE.seed))}` } });
    expect(await legacy.json()).toMatchObject({ filename: FILE.name, filesize: FILE.size, supported: 1 });
    const node = MEGA.folders.FoLdEr01!.files.NoDe0002!;
    const made = await api("unrestrict/link", { token, form: { link: `https://mega.nz/folder/FoLdEr01#${FOLDER_KEY}/file/NoDe0002` } });
    const body = (await made.json()) as { filename: string; download: string };
    expect(body.filename).toBe(node.name);
    const bytes = new Uint8Array(await (await exports.default.fetch(body.download, { headers: { range: "bytes=5-" } })).arrayBuffer());
    expect(await sha256Hex(bytes)).toBe(await sha256Hex(contentBytes(node.seed, 5, node.size)));
  });

  it("refuses password-protected links (#P!, a MEGA Pro feature) with 400 code 16, asking MEGA nothing", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const before = await stats(env.MEGA_API_URL);
    const response = await api("unrestrict/link", { token, form: { link: "https://mega.nz/#P!AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", password: "sesame" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "hoster_unsupported", error_code: 16, reason: "not_a_file_link" });
    expect(await stats(env.MEGA_API_URL)).toBe(before);
  });

  it("answers a wrong key and a blocked file with 503 code 24", async () => {
    const wrongKey = await api("unrestrict/check", { form: { link: `https://mega.nz/file/${HANDLE}#${megaBase64(megaKey(99))}` } });
    expect(wrongKey.status).toBe(503);
    expect(await wrongKey.json()).toMatchObject({ error: "file_unavailable", error_code: 24, reason: "bad_key" });
    const blocked = await api("unrestrict/check", { form: { link: megaFileLink("Blockd66") } });
    expect(await blocked.json()).toMatchObject({ error: "file_unavailable", error_code: 24 });
  });

  it("keeps the key out of every stored plaintext and the journal: only inside the encrypted link", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const made = await api("unrestrict/link", { token, form: { link: LINK } });
    expect(made.status).toBe(200);
    const body = (await made.json()) as { download: string };
    const fetched = await exports.default.fetch(body.download, { headers: { range: "bytes=0-15" } });
    await fetched.arrayBuffer();
    const listed = await api("downloads", { token });
    expect(JSON.stringify(await listed.json())).toContain(LINK);
    await waitForJournal(made.headers.get("x-request-id")!);
    await waitForJournal(fetched.headers.get("x-request-id")!);
    const stored = await dumpAllStorage();
    const key = LINK.split("#")[1]!;
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(HANDLE);
    expect(await stats(env.MEGA_API_URL)).toBeGreaterThan(0);
  });
});
