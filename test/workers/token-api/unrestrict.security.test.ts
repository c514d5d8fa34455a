import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dohResolver } from "../../../src/fetching/dns";
import { isPublicIpAddress } from "../../../src/fetching/ip-ranges";
import { vetUrl } from "../../../src/fetching/safe-fetch";
import { fetchPolicyFromEnv } from "../../../src/fetching/url-policy";
import { TEST_ZONE } from "../../servers/test-zone";
import { api, dohRequests, onefichierRequests, originRequests } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { createTestAccount } from "../../helpers/factories";

let networks = 0;
/** Each check from its own network: these tests make far more than unrestrict/check's per-network limit. */
const freshNetwork = () => ({ "cf-connecting-ip": `2001:db8:${(++networks).toString(16)}::1` });

/** Refused by syntax alone: no DNS query, no fetch. (127.0.0.1 and localhost are also our own hosts locally.) */
const LITERAL_TRICKS: [string, string][] = [
  ["http://127.0.0.1/", "ip_literal|own_host"],
  ["http://127.1/", "ip_literal|own_host"],
  ["http://0x7f.1/", "ip_literal|own_host"],
  ["http://0x7f000001/", "ip_literal|own_host"],
  ["http://2130706433/", "ip_literal|own_host"],
  ["http://0177.0.0.1/", "ip_literal|own_host"],
  ["http://017700000001/", "ip_literal|own_host"],
  ["http://１２７.０.０.１/", "ip_literal|own_host"],
  ["http://[::1]/", "ip_literal"],
  ["http://[::]/", "ip_literal"],
  ["http://[::ffff:127.0.0.1]/", "ip_literal"],
  ["http://[::ffff:7f00:1]/", "ip_literal"],
  ["http://[0:0:0:0:0:ffff:169.254.169.254]/", "ip_literal"],
  ["http://169.254.169.254/latest/meta-data/", "ip_literal"],
  ["http://10.0.0.1/", "ip_literal"],
  ["http://172.16.0.1/", "ip_literal"],
  ["http://192.168.0.1/", "ip_literal"],
  ["http://100.64.0.1/", "ip_literal"],
  ["http://0.0.0.0/", "ip_literal"],
  ["http://[fc00::1]/", "ip_literal"],
  ["http://[fd12:3456::1]/", "ip_literal"],
  ["http://[fe80::1%25eth0]/", "not_a_url"],
  ["http://[fe80::1]/", "ip_literal"],
  ["http://224.0.0.1/", "ip_literal"],
  ["http://8.8.8.8/file.zip", "ip_literal"],
  ["http://127.0.0.1:1/", "ip_literal|own_host"],
  ["http://localhost/", "local_name|own_host"],
  ["http://LOCALHOST./", "local_name|own_host"],
  ["http://api.localhost/", "local_name"],
  ["http://printer.local/", "local_name"],
  ["http://metadata.google.internal/computeMetadata/v1/", "local_name"],
  ["http://router.home.arpa/", "local_name"],
  ["http://intranet/", "bad_hostname"],
  ["http://example.123/", "not_a_url"],
  ["http://user:pass@files.example.com/a.zip", "credentials"],
  ["http://files.example.com@127.0.0.1/", "credentials"],
  ["http://files.example.com:22/", "port"],
  ["https://files.example.com:8443/a.zip", "port"],
  ["http://localhost:8787/rest/1.0/user", "own_host"],
  ["http://127.0.0.1:8787/d/AAAA/x", "own_host"],
  ["not a url", "not_a_url"],
  [`http://files.example.com/${"a".repeat(10_000)}`, "too_long"],
];

/** Other schemes name no hoster: check says supported 0, unrestrict says hoster_unsupported (16); nothing is fetched. */
const OTHER_SCHEMES = ["ftp://files.example.com/a.zip", "file:///etc/passwd", "gopher://files.example.com:70/", "javascript:alert(1)", "data:text/plain,hello", "magnet:?xt=urn:btih:abc"];

/** Names that resolve (through the stand-in DoH server) to addresses we never reach. */
const DNS_TRICKS: [string, string][] = [
  "private10", "private172", "private192", "loopback", "metadata", "cgnat", "zero", "multicast",
  "ula", "linklocal6", "loopback6", "mapped6", "nat64", "mixed", "cname",
].map((name) => [`http://${name}.${TEST_ZONE}/file.zip`, "private_address"]);
DNS_TRICKS.push([`https://nxdomain.${TEST_ZONE}/file.zip`, "unresolvable"]);
// A lookalike of a supported hoster is just an unknown host: it never gets the hoster's credentials.
DNS_TRICKS.push([`https://1fichier.com.${TEST_ZONE}/?abcde12345`, "unresolvable"]);

describe("SSRF: links refused before any request", () => {

  it.each(OTHER_SCHEMES)("answers %s as unsupported without any request", async (link) => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const [origin, dns] = [await originRequests(), await dohRequests()];
    const check = await api("unrestrict/check", { headers: freshNetwork(), form: { link } });
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ supported: 0 });
    const unrestrict = await api("unrestrict/link", { token, form: { link } });
    expect(unrestrict.status).toBe(400);
    expect(await unrestrict.json()).toMatchObject({ error: "hoster_unsupported", error_code: 16 });
    expect([await originRequests(), await dohRequests()]).toEqual([origin, dns]);
  });

  it.each(LITERAL_TRICKS)("refuses %s (%s) with no DNS query and no fetch", async (link, reason) => {
    const [origin, dns, hoster] = [await originRequests(), await dohRequests(), await onefichierRequests()];
    const response = await api("unrestrict/check", { headers: freshNetwork(), form: { link } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_code: number; reason: string };
    expect(body).toMatchObject({ error: "link_refused", error_code: 2 });
    expect(body.reason).toMatch(new RegExp(`^(${reason})$`));
    expect([await originRequests(), await dohRequests(), await onefichierRequests()]).toEqual([origin, dns, hoster]);
  });

  it.each(DNS_TRICKS)("refuses %s (%s) without fetching it", async (link, reason) => {
    const [origin, hoster] = [await originRequests(), await onefichierRequests()];
    const response = await api("unrestrict/check", { headers: freshNetwork(), form: { link } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "link_refused", error_code: 2, reason });
    expect([await originRequests(), await onefichierRequests()]).toEqual([origin, hoster]);
  });

  it("refuses the same links on unrestrict/link, writing nothing", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const origin = await originRequests();
    for (const [link] of [...LITERAL_TRICKS, ...DNS_TRICKS]) {
      const response = await api("unrestrict/link", { token, form: { link } });
      expect(response.status, link).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe("link_refused");
    }
    expect(await originRequests()).toBe(origin);
    expect(await countRows("downloads")).toBe(0);
    expect(await countRows("traffic_daily")).toBe(0);
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", "ip_literal"],
    ["http://[::1]:8080/", "ip_literal"],
    [`http://metadata.${TEST_ZONE}/`, "private_address"],
    ["file:///etc/passwd", "scheme"],
  ])("re-checks a redirect hop to %s and refuses it", async (target, reason) => {
    const before = await originRequests();
    const response = await api("unrestrict/check", { headers: freshNetwork(), form: { link: `${env.TEST_ORIGIN_URL}/redirect?to=${encodeURIComponent(target)}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "link_refused", reason });
    // Only the redirecting hop reached the (allow-listed) origin.
    expect(await originRequests()).toBe(before + 1);
  });

  it("follows at most 5 redirects", async () => {
    let link = `${env.TEST_ORIGIN_URL}/files/10/a.bin`;
    for (let i = 0; i < 6; i++) link = `${env.TEST_ORIGIN_URL}/redirect?to=${encodeURIComponent(link)}`;
    const before = await originRequests();
    const response = await api("unrestrict/check", { headers: freshNetwork(), form: { link } });
    expect(await response.json()).toMatchObject({ error: "link_refused", reason: "too_many_redirects" });
    expect(await originRequests()).toBe(before + 6);
    const fiveHops = `${env.TEST_ORIGIN_URL}/redirect?to=${encodeURIComponent(new URL(link).searchParams.get("to")!)}`;
    expect((await api("unrestrict/check", { headers: freshNetwork(), form: { link: new URL(fiveHops).searchParams.get("to")! } })).status).toBe(200);
  });

  it("accepts hostnames whose every address is public", async () => {
    const policy = fetchPolicyFromEnv(env);
    const resolver = { resolve: async () => ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] };
    const url = await vetUrl("https://files.example.com/movie.mkv", { policy, resolver, fetcher: fetch });
    expect(url.hostname).toBe("files.example.com");
  });

  it.each([
    ["an HTTP error for AAAA", { status: 500 }],
    ["SERVFAIL (Status 2) for AAAA", { status: 200, body: { Status: 2 } }],
    ["REFUSED (Status 5) for AAAA", { status: 200, body: { Status: 5 } }],
    ["an answer without a Status for AAAA", { status: 200, body: {} }],
  ] as [string, { status: number; body?: unknown }][])("refuses a link when DNS fails for one family (%s), although the other is public", async (_name, aaaa) => {
    const fetcher = (async (input: RequestInfo | URL) => {
      const type = new URL(String(input)).searchParams.get("type");
      if (type === "A") return Response.json({ Status: 0, Answer: [{ type: 1, data: "93.184.216.34" }] });
      return aaaa.body ? Response.json(aaaa.body, { status: aaaa.status }) : new Response("oops", { status: aaaa.status });
    }) as typeof fetch;
    const deps = { policy: fetchPolicyFromEnv(env), resolver: dohResolver("https://doh.example/dns-query", fetcher), fetcher: fetch };
    await expect(vetUrl("https://files.example.com/movie.mkv", deps)).rejects.toMatchObject({ key: "link_refused", details: { reason: "dns_failure" } });
  });

  it("takes NXDOMAIN for one family as no addresses of that family", async () => {
    const fetcher = (async (input: RequestInfo | URL) =>
      new URL(String(input)).searchParams.get("type") === "A" ? Response.json({ Status: 0, Answer: [{ type: 1, data: "93.184.216.34" }] }) : Response.json({ Status: 3 })) as typeof fetch;
    expect(await dohResolver("https://doh.example/dns-query", fetcher).resolve("files.example.com")).toEqual(["93.184.216.34"]);
  });

  it.each([
    ["93.184.216.34", true], ["1.1.1.1", true], ["2606:4700::1111", true], ["127.0.0.1", false], ["10.255.255.255", false],
    ["172.31.255.255", false], ["172.32.0.1", true], ["100.127.255.255", false], ["100.128.0.1", true], ["169.254.0.1", false],
    ["198.18.0.1", false], ["240.0.0.1", false], ["255.255.255.255", false], ["::ffff:10.0.0.1", false], ["::ffff:8.8.8.8", true],
    ["2002:7f00:1::", false], ["2001::1", false], ["ff02::1", false], ["fe80::1", false], ["fc00::", false], ["2001:db8::1", false],
    ["not-an-ip", false],
  ])("classifies %s as public: %s", (address, expected) => {
    expect(isPublicIpAddress(address as string)).toBe(expected);
  });
});
