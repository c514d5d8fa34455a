import { describe, expect, it } from "vitest";
import { parseIpAddress, readClientContext } from "../../../src/request-context/client-context";

describe("client context", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:DB8::7", "2001:db8::7"],
    ["::ffff:192.0.2.1", "::ffff:192.0.2.1"],
    [" 198.51.100.1 ", "198.51.100.1"],
    ["256.1.1.1", null],
    ["1.2.3", null],
    ["not-an-ip", null],
    ["2001:db8::7, 10.0.0.1", null],
    ["", null],
    [null, null],
  ])("parses %j as %j", (input, expected) => {
    expect(parseIpAddress(input)).toBe(expected);
  });

  it("gives null fields when request.cf and CF-Connecting-IP are missing", () => {
    const context = readClientContext(new Request("https://relais.test/", { headers: { "x-forwarded-for": "1.2.3.4", "true-client-ip": "5.6.7.8" } }));
    expect(Object.values(context).every((v) => v === null)).toBe(true);
  });

  it("reads numeric strings and flags from request.cf", () => {
    const context = readClientContext(
      new Request("https://relais.test/", { headers: { "cf-connecting-ip": "192.0.2.1" }, cf: { country: "DE", latitude: "52.52", longitude: "13.40", asn: 3320 } }),
    );
    expect(context).toMatchObject({ ip: "192.0.2.1", country: "DE", latitude: 52.52, longitude: 13.4, asn: 3320, isEu: false, city: null });
  });
});
