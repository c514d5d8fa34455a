import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchWithEnv } from "../../helpers/app-env";
import { waitForJournal, countRows } from "../../helpers/storage";
import { GOOD_PASSWORD, registeredClient, uniqueEmail, WebClient } from "../../helpers/web-client";

// ASCII only, as browsers require of header values ("\u00e3" is JSON's escape of "ã").
const SAO_PAULO = '{"country":"BR","asn":28573,"city":"S\\u00e3o Paulo","latitude":-23.55,"longitude":-46.63,"continent":"SA"}';
const HEADER = "X-Relais-Dev-Location";

describe("X-Relais-Dev-Location in development", () => {
  it("replaces the location fields of request.cf for the whole request: sign-up place, journal", async () => {
    const client = new WebClient("198.51.100.60", { country: "FR", city: "Lyon", asn: 3215, postalCode: "69001" }, { [HEADER]: SAO_PAULO });
    const email = uniqueEmail("traveller");
    const page = await client.post("/register", { email, password: GOOD_PASSWORD });
    expect(page.status).toBe(200);
    const row = await env.DB.prepare("SELECT signup_country, signup_city, signup_asn, signup_latitude FROM accounts WHERE email_normalized = ?").bind(email).first();
    expect(row).toEqual({ signup_country: "BR", signup_city: "São Paulo", signup_asn: 28573, signup_latitude: -23.55 });
    const [journal] = await waitForJournal(page.response.headers.get("x-request-id")!);
    expect(journal).toMatchObject({ country: "BR", city: "São Paulo", asn: 28573, postal_code: null, ip: "198.51.100.60" });
  });

  it("decodes UTF-8 sent as raw header bytes (curl) and \\u escapes alike", async () => {
    // What curl sends for "São": the bytes C3 A3, which header text holds as two Latin-1 characters.
    const raw = '{"country":"BR","city":"S\u00c3\u00a3o Paulo"}';
    const escaped = '{"country":"BR","city":"S\\u00e3o Paulo"}';
    for (const header of [raw, escaped]) {
      const response = await exports.default.fetch("https://relais.test/healthz", { headers: { [HEADER]: header } });
      expect(response.status).toBe(200);
      const [journal] = await waitForJournal(response.headers.get("x-request-id")!);
      expect(journal).toMatchObject({ city: "São Paulo" });
    }
  });

  it("makes the new-place check reachable by hand: a place outside the sign-up's holds the login", async () => {
    const { email, password } = await registeredClient({ cf: { country: "FR", city: "Paris", asn: 3215 } });
    const held = await new WebClient("198.51.100.61", { country: "FR", city: "Paris", asn: 3215 }, { [HEADER]: SAO_PAULO }).post("/login", { email, password });
    expect(held.status).toBe(200);
    expect(held.html).toContain("Confirm this sign-in");
  });

  it.each([
    ["not JSON", "BR", "not_json"],
    ["a JSON string", '"BR"', "not_an_object"],
    ["a JSON array", "[1,2]", "not_an_object"],
    ["an unknown field", '{"country":"BR","colo":"GRU"}', "bad_field"],
    ["a lower-case country", '{"country":"br"}', "bad_field"],
    ["an ASN as text", '{"asn":"28573"}', "bad_field"],
    ["a latitude out of range", '{"latitude":123}', "bad_field"],
    ["an unknown continent", '{"continent":"XX"}', "bad_field"],
    ["a city of 500 characters", JSON.stringify({ city: "x".repeat(500) }), "bad_field"],
    ["3 KB of JSON", JSON.stringify({ city: "x".repeat(3000) }), "too_long"],
  ])("answers %s with 400 invalid_dev_location and changes nothing", async (_name, header, reason) => {
    const before = await countRows("accounts");
    const response = await exports.default.fetch("https://relais.test/register", {
      method: "POST",
      headers: { [HEADER]: header, origin: "https://relais.test", "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "198.51.100.62" },
      body: new URLSearchParams({ email: uniqueEmail("bogus"), password: GOOD_PASSWORD }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_dev_location", error_code: 2, reason });
    expect(await countRows("accounts")).toBe(before);
  });
});

describe("X-Relais-Dev-Location outside development", () => {
  it("is ignored: request.cf stays the truth, and bogus JSON is no error", async () => {
    const production = { ENVIRONMENT: "production" };
    for (const header of [SAO_PAULO, "not json at all"]) {
      const { response, settled } = await fetchWithEnv("https://relais.test/healthz", { headers: { [HEADER]: header }, cf: { country: "FR", city: "Lyon" } }, production);
      expect(response.status).toBe(200);
      await response.text();
      await settled();
      const [journal] = await waitForJournal(response.headers.get("x-request-id")!);
      expect(journal).toMatchObject({ country: "FR", city: "Lyon", asn: null });
    }
  });
});
