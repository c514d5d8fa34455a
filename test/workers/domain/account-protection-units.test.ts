import { describe, expect, it } from "vitest";
import { greatCircleKm } from "../../../src/lib/geo";
import { addressBytes, networkPrefix, prefixContains, prefixFromHex, prefixHex } from "../../../src/lib/network";
import { describeUserAgent } from "../../../src/lib/user-agent";
import { sniffImage } from "../../../src/settings/image-type";
import { HTML_PAGE, IMAGES } from "../../helpers/images";

const BITS = { ipv4: 24, ipv6: 48 };

describe("network prefixes", () => {
  it.each([
    ["198.51.100.77", "198.51.100.0/24"],
    ["::ffff:198.51.100.77", "198.51.100.0/24"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1::/48"],
    ["2001:0DB8:0001::1", "2001:db8:1::/48"],
    ["2a00:1450:4007:80e::200e", "2a00:1450:4007::/48"],
    ["::", "::/48"],
  ])("%s is in %s", (ip, text) => {
    const prefix = networkPrefix(ip, BITS)!;
    expect(prefix.text).toBe(text);
    expect(prefixContains(prefix, ip)).toBe(true);
    expect(prefixFromHex(prefixHex(prefix), prefix.bits)).toEqual(prefix);
  });

  it("tells networks and families apart, and refuses what is no address", () => {
    const v4 = networkPrefix("198.51.100.10", BITS)!;
    expect(prefixContains(v4, "198.51.101.10")).toBe(false);
    expect(prefixContains(v4, "2001:db8::1")).toBe(false);
    expect(prefixContains(v4, null)).toBe(false);
    expect(prefixContains(networkPrefix("2001:db8:1::1", BITS)!, "2001:db8:2::1")).toBe(false);
    for (const bad of [null, "", "1.2.3", "example.com", "1.2.3.4/24", "[::1]"]) expect(networkPrefix(bad, BITS)).toBeNull();
    expect(addressBytes("300.1.1.1")).toBeNull();
    // Non-canonical or impossible hex forms have no prefix.
    expect(prefixFromHex("c633640a", 24)).toBeNull();
    expect(prefixFromHex("c6336400", 33)).toBeNull();
    expect(prefixFromHex("C6336400", 24)).toBeNull();
  });
});

describe("browsers as people read them", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox · Linux"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0", "Edge · Windows"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari · iOS"],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", "Chrome · Android"],
    ["curl/8.5.0", "curl"],
    [null, null],
  ])("%s → %s", (ua, expected) => {
    expect(describeUserAgent(ua)).toBe(expected);
  });

  it("shortens what it does not know", () => {
    expect(describeUserAgent("x".repeat(300))!.length).toBeLessThanOrEqual(60);
  });
});

describe("pictures recognised by their bytes", () => {
  it.each([
    ["png", "image/png"], ["jpeg", "image/jpeg"], ["gif", "image/gif"], ["webp", "image/webp"], ["webpLossless", "image/webp"],
  ] as const)("a %s of 48×32", (name, type) => {
    expect(sniffImage(IMAGES[name])).toEqual(expect.objectContaining({ contentType: type, width: 48, height: 32 }));
  });

  it("refuses HTML, truncated pictures and empty files", () => {
    expect(sniffImage(HTML_PAGE)).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
    for (const name of ["png", "jpeg", "gif", "webp"] as const) expect(sniffImage(IMAGES[name].subarray(0, IMAGES[name].length - 3)), name).toBeNull();
    // An HTML page behind a PNG signature is not a PNG either.
    const disguised = new Uint8Array([...IMAGES.png.subarray(0, 8), ...HTML_PAGE]);
    expect(sniffImage(disguised)).toBeNull();
  });
});

describe("great-circle distances", () => {
  it("puts Lyon nearer Paris than Singapore, and Tokyo nearer Singapore than New York", () => {
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    const singapore = { latitude: 1.3521, longitude: 103.8198 };
    const newYork = { latitude: 40.7128, longitude: -74.006 };
    const lyon = { latitude: 45.764, longitude: 4.8357 };
    const tokyo = { latitude: 35.6762, longitude: 139.6503 };
    expect(greatCircleKm(lyon, paris)).toBeGreaterThan(380);
    expect(greatCircleKm(lyon, paris)).toBeLessThan(400);
    expect(greatCircleKm(tokyo, singapore)).toBeLessThan(greatCircleKm(tokyo, newYork));
    expect(greatCircleKm(paris, paris)).toBe(0);
  });
});
