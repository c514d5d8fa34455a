import { countRows } from "../../helpers/storage";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PLACES, registeredClient, WebClient } from "../../helpers/web-client";

const CHROME_WINDOWS = { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36" };

type SecurityJson = {
  sessions: { id: number; current: boolean; city: string | null; country: string | null; ip: string | null; user_agent: string | null }[];
  known_places: { id: number; country: string | null; asn: number | null }[];
  trusted_networks: { id: number; network: string; label: string }[];
  login_history: { total: number; entries: { result: string; reason: string; ip: string | null; city: string | null }[] };
  security_events: { kind: string; action: string }[];
};

async function securityJson(client: WebClient): Promise<SecurityJson> {
  const page = await client.get("/api/account/security");
  expect(page.status).toBe(200);
  return JSON.parse(page.html) as SecurityJson;
}

describe("the security page", () => {
  it("lists sessions with browser, place, IP and times, revokes one and the others, and shows the login history", async () => {
    const { client, email, password } = await registeredClient({ ip: "198.51.100.30", cf: PLACES.paris });
    const laptop = new WebClient("198.51.100.31", PLACES.lyon, CHROME_WINDOWS);
    const phone = new WebClient("198.51.100.32", PLACES.paris);
    expect((await laptop.post("/login", { email, password })).status).toBe(303);
    expect((await phone.post("/login", { email, password })).status).toBe(303);
    await new WebClient("198.51.100.33", PLACES.paris).post("/login", { email, password: "not the password at all" });

    const page = await client.get("/account/security");
    expect(page.status).toBe(200);
    expect(page.html.match(/data-testid="session-row"/g)).toHaveLength(3);
    expect(page.html).toContain("Chrome · Windows");
    expect(page.html).toContain("Lyon, FR · AS3215");
    expect(page.html).toContain("198.51.100.31");
    expect(page.html).toContain("this session");
    // The login history: successes and the failure, with IP and place.
    expect(page.html).toMatch(/data-result="failure"[\s\S]*?wrong password[\s\S]*?198\.51\.100\.33/);
    expect(page.html.match(/data-testid="history-row"/g)!.length).toBeGreaterThanOrEqual(4);

    const json = await securityJson(client);
    const laptopSession = json.sessions.find((s) => s.ip === "198.51.100.31")!;
    expect(laptopSession).toMatchObject({ current: false, city: "Lyon", country: "FR" });
    expect(json.login_history.entries[0]).toMatchObject({ result: "failure", reason: "wrong_password", ip: "198.51.100.33", city: "Paris" });

    expect((await client.post(`/account/security/sessions/${laptopSession.id}/revoke`, {})).status).toBe(200);
    expect((await laptop.get("/account")).status).toBe(303);
    expect((await phone.get("/account")).status).toBe(200);
    expect((await client.post("/account/security/sessions/revoke-others", {})).html).toContain("1 session closed");
    expect((await phone.get("/account")).status).toBe(303);
    expect((await client.get("/account")).status).toBe(200);
  });

  it("records where a session was last used, at most once a minute when it moves", async () => {
    const { client } = await registeredClient({ ip: "198.51.100.40", cf: PLACES.paris });
    const moved = new WebClient("198.51.100.41", PLACES.lyon);
    moved.cookie = client.cookie;
    const lastSeen = () => env.DB.prepare("SELECT ip, city, last_ip, last_city, last_seen_at FROM sessions WHERE token_hash IS NOT NULL ORDER BY id DESC LIMIT 1").first<Record<string, unknown>>();
    // Within a minute of the last write, a move is not written yet.
    await moved.get("/account");
    expect(await lastSeen()).toMatchObject({ ip: "198.51.100.40", last_ip: "198.51.100.40" });
    await env.DB.prepare("UPDATE sessions SET last_seen_at = last_seen_at - 120000").run();
    await moved.get("/account");
    expect(await lastSeen()).toMatchObject({ ip: "198.51.100.40", city: "Paris", last_ip: "198.51.100.41", last_city: "Lyon" });
    expect(await moved.get("/account/security").then((page) => page.html)).toContain("198.51.100.41");
  });

  it("forgets a known place: the next sign-in from there needs the code again", async () => {
    const { client, email, password } = await registeredClient({ cf: PLACES.paris });
    const places = (await securityJson(client)).known_places;
    expect(places).toHaveLength(1);
    expect((await client.post(`/account/security/places/${places[0]!.id}/remove`, {})).status).toBe(200);
    expect((await new WebClient("198.51.100.45", PLACES.paris).post("/login", { email, password })).status).toBe(200);
    expect((await securityJson(client)).security_events.map((e) => e.kind)).toContain("known_place_removed");
  });

  it("adds and removes trusted networks, refusing bad addresses without writing", async () => {
    const { client } = await registeredClient({ ip: "198.51.100.50", cf: PLACES.paris });
    expect((await client.post("/account/security/trusted", { address: "2001:db8:abcd:12::1", label: "Parents" })).html).toContain("2001:db8:abcd::/48");
    for (const address of ["not-an-ip", "1.2.3", "198.51.100.1/24", "::1, 10.0.0.1"]) {
      const page = await client.post("/account/security/trusted", { address, label: "x" });
      expect(page.status, address).toBe(400);
    }
    const [network] = (await securityJson(client)).trusted_networks;
    expect(network).toMatchObject({ network: "2001:db8:abcd::/48", label: "Parents" });
    expect(await countRows("trusted_networks")).toBe(1);
    expect((await client.post(`/account/security/trusted/${network!.id}/remove`, {})).status).toBe(200);
    expect(await countRows("trusted_networks")).toBe(0);
  });
});

describe("the security page against other people", () => {
  it("cannot revoke another account's session, forget its places or remove its networks (404, nothing changes)", async () => {
    const victim = await registeredClient({ cf: PLACES.paris });
    await victim.client.post("/account/security/trusted", { address: "", label: "Home" });
    const json = await securityJson(victim.client);
    const attacker = await registeredClient({ cf: PLACES.paris });
    for (const path of [`/account/security/sessions/${json.sessions[0]!.id}/revoke`, `/account/security/places/${json.known_places[0]!.id}/remove`, `/account/security/trusted/${json.trusted_networks[0]!.id}/remove`]) {
      expect((await attacker.client.post(path, {})).status, path).toBe(404);
    }
    expect((await victim.client.get("/account")).status).toBe(200);
    expect(await securityJson(victim.client)).toMatchObject({ known_places: json.known_places, trusted_networks: json.trusted_networks });
  });

  it("needs a session, and our origin for every change", async () => {
    const visitor = new WebClient();
    expect((await visitor.get("/account/security")).status).toBe(303);
    expect((await visitor.get("/api/account/security")).status).toBe(401);
    const { client } = await registeredClient({ cf: PLACES.paris });
    const [session] = (await securityJson(client)).sessions;
    const forged = await client.request("/account/security/sessions/revoke-others", { method: "POST", form: {}, headers: { origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    expect((await client.request(`/account/security/sessions/${session!.id}/revoke`, { method: "POST", form: {}, headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await client.get("/account")).status).toBe(200);
    for (const id of ["abc", "-1", "1e3", "99999999999999999999"]) expect((await client.post(`/account/security/sessions/${id}/revoke`, {})).status, id).toBe(404);
  });
});
