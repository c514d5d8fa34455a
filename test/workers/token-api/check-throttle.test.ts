import { describe, expect, it } from "vitest";
import { LINK_CHECKS_PER_MINUTE } from "../../../src/config";
import { api } from "../../helpers/api";

const check = (ip: string) => api("unrestrict/check", { form: { link: "magnet:?xt=urn:btih:abc" }, headers: { "cf-connecting-ip": ip } });

describe("unrestrict/check throttle", () => {
  it("allows 60 checks a minute per network, then 429 code 34 with Retry-After; IPv6 counts by /64", async () => {
    for (let i = 0; i < LINK_CHECKS_PER_MINUTE; i++) {
      const response = await check(`2001:db8:1:2::${(i % 9) + 1}`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const refused = await check("2001:db8:1:2:ffff::1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: "too_many_requests", error_code: 34, limit: LINK_CHECKS_PER_MINUTE });
    const otherNetwork = await check("2001:db8:1:3::1");
    expect(otherNetwork.status).toBe(200);
    await otherNetwork.arrayBuffer();
    const ipv4 = await check("198.51.100.77");
    expect(ipv4.status).toBe(200);
    await ipv4.arrayBuffer();
  });
});
