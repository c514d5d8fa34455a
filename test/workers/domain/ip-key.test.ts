import { describe, expect, it } from "vitest";
import { LEGAL_SCOPE_MIN_PREFIX_LENGTH } from "../../../src/config";
import { ipKey, isInPrefix, parseIpPrefix } from "../../../src/request-journal/ip-key";

const parse = (text: string) => parseIpPrefix(text, LEGAL_SCOPE_MIN_PREFIX_LENGTH);

describe("IP keys and prefixes", () => {
  it("gives one key to every spelling of an address, IPv4-mapped IPv6 included", () => {
    expect(ipKey("2001:db8::1")).toBe(ipKey("2001:DB8:0:0::0001"));
    expect(ipKey("::ffff:203.0.113.9")).toBe(ipKey("203.0.113.9"));
    expect(ipKey("203.0.113.9")).toBe("4cb007109");
    expect(ipKey(null)).toBeNull();
    expect(ipKey("not an ip")).toBeNull();
  });

  it("orders keys so that a prefix is a range", () => {
    const block = parse("203.0.113.0/24");
    if (typeof block === "string") throw new Error(block);
    expect(block).toMatchObject({ text: "203.0.113.0/24", low: "4cb007100", high: "4cb0071ff" });
    expect(isInPrefix("203.0.113.255", block)).toBe(true);
    expect(isInPrefix("203.0.114.0", block)).toBe(false);
    expect(isInPrefix("203.0.113.9", { low: "4cb007109", high: "4cb007109" })).toBe(true);
    // An IPv6 key never falls in an IPv4 range, nor the reverse.
    expect(isInPrefix("2001:db8::1", block)).toBe(false);
  });

  it("spells prefixes canonically (RFC 5952) and keeps odd lengths exact", () => {
    const v6 = parse("2001:0DB8:0000:0007:0000:0000:0000:0000/64");
    if (typeof v6 === "string") throw new Error(v6);
    expect(v6.text).toBe("2001:db8:0:7::/64");
    expect(isInPrefix("2001:db8:0:7:ffff:ffff:ffff:ffff", v6)).toBe(true);
    expect(isInPrefix("2001:db8:0:8::", v6)).toBe(false);
    const odd = parse("198.51.100.64/26");
    if (typeof odd === "string") throw new Error(odd);
    expect([isInPrefix("198.51.100.63", odd), isInPrefix("198.51.100.64", odd), isInPrefix("198.51.100.127", odd), isInPrefix("198.51.100.128", odd)]).toEqual([false, true, true, false]);
    expect(parse("203.0.113.9")).toMatchObject({ text: "203.0.113.9/32", length: 32 });
  });

  it.each([
    ["203.0.113.256", "malformed"], ["203.0.113", "malformed"], ["203.0.113.09", "malformed"], ["203.0.113.0/033", "malformed"],
    ["203.0.113.0/", "malformed"], ["203.0.113.0/-1", "malformed"], ["[2001:db8::1]", "malformed"], ["fe80::1%1", "malformed"],
    ["2001:db8::/129", "malformed"], ["1::2::3", "malformed"], ["::ffff:203.0.113.9/120", "malformed"], ["203.0.113.1/24", "host_bits_set"],
    ["2001:db8::1/64", "host_bits_set"], ["10.0.0.0/8", "too_wide"], ["2001:db8::/32", "too_wide"],
  ])("refuses %s (%s)", (text, problem) => {
    expect(parse(text)).toBe(problem);
  });
});
