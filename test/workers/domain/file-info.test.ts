import { describe, expect, it } from "vitest";
import { attachmentDisposition, filenameFromContentDisposition, filenameFromUrl, mimeTypeFromFilename, sanitizeFilename } from "../../../src/hosters/file-info";
import { generatedLinkFor } from "../../../src/downloads/download-host";

describe("file names and headers", () => {
  it.each([
    ['attachment; filename="a b.zip"', "a b.zip"],
    ["attachment; filename*=UTF-8''%C3%A9t%C3%A9.mkv; filename=\"ete.mkv\"", "été.mkv"],
    ["attachment; filename=plain.bin", "plain.bin"],
    ['attachment; filename="quo\\"te.txt"', 'quo"te.txt'],
    ["inline", null],
    [null, null],
    ["attachment; filename*=UTF-8''%ED%A0%80.bin; filename=\"plain.bin\"", "plain.bin"],
    ["attachment; filename*=UTF-8''%ED%A0%80.bin", null],
    ["attachment; filename*=UTF-8''%F0%9F%98", null],
    ["attachment; filename=\"\ud800.bin\"", "\uFFFD.bin"],
  ])("reads %j as %j", (header, expected) => {
    expect(filenameFromContentDisposition(header)).toBe(expected);
  });

  it("reads URL names as decoded well-formed text, or as they are when malformed", () => {
    expect(filenameFromUrl(new URL("https://files.example/a/%F0%9F%98%80.bin"))).toBe("\u{1F600}.bin");
    expect(filenameFromUrl(new URL("https://files.example/a/%ED%A0%80.bin"))).toBe("%ED%A0%80.bin");
  });

  it("sanitizes names: no path, no control characters, never empty", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(sanitizeFilename("a\r\nSet-Cookie: x=1.txt")).toBe("a__Set-Cookie: x=1.txt");
    expect(sanitizeFilename("...")).toBe("download");
    expect(sanitizeFilename("x".repeat(400))).toHaveLength(255);
  });

  it.each([
    ["a pair across the limit, before the extension", "a".repeat(254) + "\u{1F600}.bin", "a".repeat(251) + ".bin"],
    ["a pair across the limit, no extension", "a".repeat(254) + "\u{1F600}", "a".repeat(254)],
    ["decomposed letters (NFC first)", "e\u0301".repeat(200) + ".mkv", "\u00e9".repeat(200) + ".mkv"],
    ["a lone surrogate", "x\ud83d.mkv", "x\uFFFD.mkv"],
    ["an over-long extension (kept as part of the name)", "a".repeat(250) + "." + "b".repeat(20), "a".repeat(250) + "." + "bbbb"],
    ["spaces left at the cut", "a".repeat(248) + "  \u{1F600}.bin", "a".repeat(248) + ".bin"],
  ])("cuts %s between characters, at most 255 code units", (_case, input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
    expect(sanitizeFilename(input).length).toBeLessThanOrEqual(255);
  });

  it("builds a header-safe attachment disposition with the UTF-8 name", () => {
    expect(attachmentDisposition('Film "été" (2026).mkv')).toBe(`attachment; filename="Film __t__ (2026).mkv"; filename*=UTF-8''Film%20%22%C3%A9t%C3%A9%22%20%282026%29.mkv`);
  });

  it.each([
    ["an emoji", "\u{1F600} it's (*).bin", "\u{1F600} it's (*).bin"],
    ["a ZWJ family", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}.zip", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}.zip"],
    ["a lone surrogate", "x\ud800.bin", "x\uFFFD.bin"],
  ])("never throws on %s, and filename* decodes back to the name", (_case, name, expected) => {
    const header = attachmentDisposition(name);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(encoded).toMatch(/^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/);
    expect(decodeURIComponent(encoded)).toBe(expected);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });

  it("builds generated links that never throw and carry the name encoded", () => {
    expect(generatedLinkFor("https://dl.example", "ID", "main.1.any.00", "x\ud800 \u{1F600}.bin")).toBe("https://dl.example/d/ID/main.1.any.00/x%EF%BF%BD%20%F0%9F%98%80.bin");
  });

  it("guesses MIME types from extensions", () => {
    expect(mimeTypeFromFilename("a.MKV")).toBe("video/x-matroska");
    expect(mimeTypeFromFilename("noext")).toBe("application/octet-stream");
  });
});
