import { describe, expect, it } from "vitest";
import { attachmentDisposition, filenameFromContentDisposition, mimeTypeFromFilename, sanitizeFilename } from "../../src/hosters/file-info";
import { safeFetch } from "../../src/fetching/safe-fetch";
import { fetchPolicyFromEnv } from "../../src/fetching/url-policy";
import { env } from "cloudflare:workers";

describe("file names and headers", () => {
  it.each([
    ['attachment; filename="a b.zip"', "a b.zip"],
    ["attachment; filename*=UTF-8''%C3%A9t%C3%A9.mkv; filename=\"ete.mkv\"", "été.mkv"],
    ["attachment; filename=plain.bin", "plain.bin"],
    ['attachment; filename="quo\\"te.txt"', 'quo"te.txt'],
    ["inline", null],
    [null, null],
  ])("reads %j as %j", (header, expected) => {
    expect(filenameFromContentDisposition(header)).toBe(expected);
  });

  it("sanitizes names: no path, no control characters, never empty", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(sanitizeFilename("a\r\nSet-Cookie: x=1.txt")).toBe("a__Set-Cookie: x=1.txt");
    expect(sanitizeFilename("...")).toBe("download");
    expect(sanitizeFilename("x".repeat(400))).toHaveLength(255);
  });

  it("builds a header-safe attachment disposition with the UTF-8 name", () => {
    expect(attachmentDisposition('Film "été" (2026).mkv')).toBe(`attachment; filename="Film __t__ (2026).mkv"; filename*=UTF-8''Film%20%22%C3%A9t%C3%A9%22%20%282026%29.mkv`);
  });

  it("guesses MIME types from extensions", () => {
    expect(mimeTypeFromFilename("a.MKV")).toBe("video/x-matroska");
    expect(mimeTypeFromFilename("noext")).toBe("application/octet-stream");
  });
});

describe("safeFetch", () => {
  it("drops credentials when a redirect leaves the original origin", async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      seen.push({ url, authorization: new Headers(init?.headers).get("authorization") });
      return url.includes("api.hoster.example")
        ? new Response(null, { status: 302, headers: { location: "https://cdn.other.example/file" } })
        : new Response("ok");
    }) as typeof fetch;
    const deps = { policy: fetchPolicyFromEnv(env), resolver: { resolve: async () => ["93.184.216.34"] }, fetcher };
    const { response } = await safeFetch("https://api.hoster.example/get", deps, { headers: { authorization: "Bearer secret" } });
    expect(await response.text()).toBe("ok");
    expect(seen).toEqual([
      { url: "https://api.hoster.example/get", authorization: "Bearer secret" },
      { url: "https://cdn.other.example/file", authorization: null },
    ]);
  });
});
