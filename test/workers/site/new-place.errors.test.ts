import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { challengeFromPage, PLACES, registeredClient, WebClient } from "../../helpers/web-client";

describe("the code step with bad input: 400, no session, nothing spent", () => {
  it.each([
    ["no challenge", {}],
    ["an unknown challenge", { challenge: "A".repeat(52), code: "123456" }],
    ["a malformed challenge", { challenge: "../../etc", code: "123456" }],
    ["an oversized challenge", { challenge: "A".repeat(5000), code: "123456" }],
    ["an oversized code", { challenge: "A".repeat(52), code: "1".repeat(5000) }],
  ])("%s", async (_name, form) => {
    const client = new WebClient("198.51.100.90", PLACES.saoPaulo);
    for (const path of ["/login/code", "/login/code/resend", "/device/code"]) {
      const page = await client.post(path, form as Record<string, string>);
      expect([400, 303], path).toContain(page.status);
      expect(page.setCookies, path).toHaveLength(0);
    }
  });

  it("letters, spaces and too few digits count as wrong tries and never open the session", async () => {
    const { email, password } = await registeredClient({ cf: PLACES.paris });
    const traveller = new WebClient("203.0.113.50", PLACES.saoPaulo);
    const challenge = challengeFromPage((await traveller.post("/login", { email, password })).html);
    for (const code of ["abcdef", "12345", "1234567", "      ", "١٢٣٤٥٦"]) {
      const page = await traveller.post("/login/code", { challenge, code });
      expect(page.status, code).toBe(400);
      expect(page.setCookies).toHaveLength(0);
    }
    expect(await env.DB.prepare("SELECT attempts FROM login_challenges").first<number>("attempts")).toBe(5);
    // A sign-in challenge is no device approval, and the device page wants the session that asked.
    expect((await traveller.post("/device/code", { challenge, code: "123456" })).status).toBe(303);
  });
});
