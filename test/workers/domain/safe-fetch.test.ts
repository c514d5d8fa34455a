/** safeFetch's own rules, with its dependencies given: a redirect to another origin never carries credentials. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { safeFetch } from "../../../src/fetching/safe-fetch";
import { fetchPolicyFromEnv } from "../../../src/fetching/url-policy";

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
