/**
 * File names that a code-unit cut or a strict encoder breaks: surrogate pairs at the 255 limit,
 * grapheme clusters, decomposed text, lone surrogates. Each goes through the Worker end to end:
 * unrestrict → generated link → download → history.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, DOWNLOAD_HOST, originFile } from "../../helpers/api";
import { createTestAccount, type TestAccount } from "../../helpers/factories";

const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}";
const FRANCE = "\u{1F1EB}\u{1F1F7}";

/** True when the text survives UTF-8 both ways, i.e. holds no lone surrogate. */
function isWellFormed(text: string): boolean {
  return new TextDecoder().decode(new TextEncoder().encode(text)) === text;
}

/** The name an RFC 5987 `filename*=UTF-8''…` parameter carries, decoded by the test itself. */
function extendedFilename(disposition: string | null): string {
  const value = /filename\*=UTF-8''([^;\s]+)/.exec(disposition ?? "")?.[1];
  expect(value, `no filename* in ${disposition}`).toBeDefined();
  // attr-char or pct-encoded only (RFC 5987 §3.2.1).
  expect(value).toMatch(/^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/);
  return decodeURIComponent(value!);
}

type Unrestricted = { id: string; filename: string; download: string };

let account: TestAccount;
beforeAll(async () => {
  account = await createTestAccount({ premiumDays: 30 });
});

/** Unrestricts the link (200), downloads it (200) and reads the history; returns the recorded name. */
async function roundTrip(link: string): Promise<string> {
  const response = await api("unrestrict/link", { token: account.token, form: { link } });
  expect(response.status).toBe(200);
  const made = (await response.json()) as Unrestricted;
  expect(isWellFormed(made.filename)).toBe(true);
  expect(made.filename.length).toBeLessThanOrEqual(255);
  expect(made.download.startsWith(`${DOWNLOAD_HOST}/d/${made.id}/`) && made.download.endsWith(`/${encodeURIComponent(made.filename)}`)).toBe(true);

  const download = await exports.default.fetch(made.download);
  expect(download.status).toBe(200);
  await download.arrayBuffer();
  expect(extendedFilename(download.headers.get("content-disposition"))).toBe(made.filename);

  const history = (await (await api("downloads?limit=100", { token: account.token })).json()) as Unrestricted[];
  expect(history.find((item) => item.id === made.id)).toMatchObject({ filename: made.filename, download: made.download });
  return made.filename;
}

describe("file names cut at 255 code units", () => {
  it.each([
    ["254 letters, an emoji across the limit, an extension", "a".repeat(254) + "\u{1F600}.bin", "a".repeat(251) + ".bin"],
    ["150 emoji: 300 code units, 1,800 characters percent-encoded", "\u{1F600}".repeat(150), "\u{1F600}".repeat(127)],
    ["a ZWJ family across the limit", "a".repeat(245) + FAMILY + ".zip", "a".repeat(245) + ".zip"],
    ["a flag across the limit", "a".repeat(249) + FRANCE + ".mp4", "a".repeat(249) + ".mp4"],
    ["a letter with two combining marks across the limit", "a".repeat(249) + "q\u0307\u0323.txt", "a".repeat(249) + ".txt"],
    ["decomposed é ×200: 404 code units, 204 once composed (NFC)", "e\u0301".repeat(200) + ".txt", "\u00e9".repeat(200) + ".txt"],
  ])("%s: unrestricts, downloads and lists under one well-formed name", async (_case, served, expected) => {
    expect(await roundTrip(originFile(1000, served, 21).url)).toBe(expected);
  });
});

describe("file names with lone surrogates", () => {
  it("a lone surrogate in a hoster's JSON answer becomes U+FFFD", async () => {
    expect(await roundTrip("https://1fichier.com/?lonesurrogate")).toBe("cut \uFFFD.mkv");
  });

  it.each([
    ["an encoded lone surrogate, no plain name: the URL's name", "attachment; filename*=UTF-8''%ED%A0%80%20x.bin", "from-url.bin"],
    ["half an emoji, a plain name: the plain name", "attachment; filename*=UTF-8''%F0%9F%98; filename=\"plain.bin\"", "plain.bin"],
  ])("filename* with %s", async (_case, disposition, expected) => {
    const file = originFile(1000, "from-url.bin", 22, `&disposition=${encodeURIComponent(disposition)}`);
    expect(await roundTrip(file.url)).toBe(expected);
  });
});

describe("check", () => {
  it("describes the 254-letters-plus-emoji name as unrestrict records it", async () => {
    const file = originFile(1000, "a".repeat(254) + "\u{1F600}.bin", 23);
    const response = await api("unrestrict/check", { form: { link: file.url } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ filename: "a".repeat(251) + ".bin" });
  });
});
