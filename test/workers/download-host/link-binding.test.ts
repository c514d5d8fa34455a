import { countRows } from "../../helpers/storage";
import { sha256Hex } from "../../../src/lib/crypto";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REMOTE_BYTES_PER_DAY, SHARING_MAX_NETWORKS, SHARING_WINDOW_MS } from "../../../src/config";
import { utcDayStart } from "../../../src/lib/time";
import { api, originFile, trafficBytes } from "../../helpers/api";
import { createTestAccount, type TestAccount } from "../../helpers/factories";
import { linkFromMail, PLACES, registeredClient, waitForMail, WebClient } from "../../helpers/web-client";

type Made = { id: string; download: string; filesize: number };

/** Unrestricts from `ip` (CF-Connecting-IP), with extra form fields. */
async function generate(account: TestAccount, ip: string, name: string, fields: Record<string, string> = {}): Promise<Made> {
  const response = await api("unrestrict/link", { token: account.token, form: { link: originFile(5000, name, name.length).url, ...fields }, headers: { "cf-connecting-ip": ip } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Made;
}

function downloadFrom(url: string, ip: string): Promise<Response> {
  return exports.default.fetch(url, { headers: { "cf-connecting-ip": ip } });
}

async function remoteBytes(accountId: number): Promise<number> {
  return (await env.DB.prepare("SELECT coalesce(sum(bytes), 0) AS n FROM remote_traffic_daily WHERE account_id = ?").bind(accountId).first<{ n: number }>())!.n;
}

describe("links bound to the generating network", () => {
  it("downloads from the same IPv4 /24, and is refused elsewhere with error 22", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const made = await generate(account, "198.51.100.10", "bound.bin");
    const neighbour = await downloadFrom(made.download, "198.51.100.77");
    expect(neighbour.status).toBe(200);
    expect(await sha256Hex(new Uint8Array(await neighbour.arrayBuffer()))).toBe(await sha256Hex(originFile(5000, "bound.bin", 9).bytes()));
    await trafficBytes(account.accountId, "direct", 5000);

    const elsewhere = await downloadFrom(made.download, "203.0.113.5");
    expect(elsewhere.status).toBe(403);
    const body = (await elsewhere.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "ip_not_allowed", error_code: 22, prefix_bits: 24, remote_allowed: true });
    expect(String(body.message)).toContain("downloads only from the network that generated it");
    // The generating network is not told to whoever holds the link.
    expect(JSON.stringify(body)).not.toContain("198.51.100");
    expect(await trafficBytes(account.accountId, "direct", 5000)).toBe(5000);
  });

  it("binds IPv6 to the /48", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const made = await generate(account, "2001:db8:1:2::1", "six.bin");
    expect((await downloadFrom(made.download, "2001:db8:1:ffff::9")).status).toBe(200);
    expect((await downloadFrom(made.download, "2001:db8:2::1")).status).toBe(403);
    expect((await downloadFrom(made.download, "198.51.100.10")).status).toBe(403);
  });

  it("honours the end user's IP an API client declares: the link downloads from that user's network, not the client's", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const made = await generate(account, "198.51.100.10", "declared.bin", { ip: "81.2.69.23" });
    expect((await downloadFrom(made.download, "81.2.69.200")).status).toBe(200);
    expect((await downloadFrom(made.download, "198.51.100.10")).status).toBe(403);
  });

  it("downloads from anywhere when generated with remote=1, counting remote traffic as well as the plan's", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const made = await generate(account, "198.51.100.10", "remote.bin", { remote: "1" });
    for (const ip of ["203.0.113.5", "2001:db8:9::1"]) {
      const response = await downloadFrom(made.download, ip);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(5000);
    }
    expect(await trafficBytes(account.accountId, "direct", 10_000)).toBe(10_000);
    for (let i = 0; i < 100 && (await remoteBytes(account.accountId)) < 10_000; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await remoteBytes(account.accountId)).toBe(10_000);
    // A bound link's bytes are not remote traffic.
    const bound = await generate(account, "198.51.100.10", "bound2.bin");
    await (await downloadFrom(bound.download, "198.51.100.10")).arrayBuffer();
    await trafficBytes(account.accountId, "direct", 15_000);
    expect(await remoteBytes(account.accountId)).toBe(10_000);
  });

  it("refuses remote links once the day's remote traffic is used up (503 code 23), and still serves bound ones", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const made = await generate(account, "198.51.100.10", "late-remote.bin", { remote: "1" });
    const bound = await generate(account, "198.51.100.10", "late-bound.bin");
    await env.DB.prepare("INSERT INTO remote_traffic_daily (account_id, day_at, bytes) VALUES (?, ?, ?)").bind(account.accountId, utcDayStart(Date.now()), REMOTE_BYTES_PER_DAY.premium).run();
    const refused = await downloadFrom(made.download, "203.0.113.5");
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: "remote_traffic_exhausted", error_code: 23, limit: REMOTE_BYTES_PER_DAY.premium, left: 0 });
    const again = await api("unrestrict/link", { token: account.token, form: { link: originFile(10, "more.bin").url, remote: "1" } });
    expect(again.status).toBe(503);
    expect(await again.json()).toMatchObject({ error: "remote_traffic_exhausted", error_code: 23 });
    expect((await downloadFrom(bound.download, "198.51.100.20")).status).toBe(200);
  });
});

describe("the account-sharing rule", () => {
  const A = "198.51.100.10";
  const B = "203.0.113.10";
  const C = "192.0.2.10";

  it(`refuses the ${SHARING_MAX_NETWORKS + 1}rd network within the window, explains why, records one event and mails the owner; remote links are exempt`, async () => {
    const { client, email } = await registeredClient({ cf: PLACES.paris });
    const tokenPage = await client.post("/account/api-token", {});
    const account = { accountId: 0, email, token: /data-testid="new-token">([A-Z2-7]{52})</.exec(tokenPage.html)![1]! };
    const [a, b, c] = [await generate(account, A, "a.bin"), await generate(account, B, "b.bin"), await generate(account, C, "c.bin")];
    expect((await downloadFrom(a.download, A)).status).toBe(200);
    expect((await downloadFrom(b.download, B)).status).toBe(200);
    const third = await downloadFrom(c.download, C);
    expect(third.status).toBe(403);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(third.headers.get("retry-after"))).toBeLessThanOrEqual(SHARING_WINDOW_MS / 1000);
    const body = (await third.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "too_many_networks", error_code: 22, networks: 3, max_networks: SHARING_MAX_NETWORKS, window_seconds: SHARING_WINDOW_MS / 1000, remote_allowed: true });
    expect(String(body.message)).toContain("too many networks at once");
    // A downloader opening more connections from that network makes no more events.
    expect((await downloadFrom(c.download, C)).status).toBe(403);
    expect(await countRows("security_events", "kind = 'sharing_refused'")).toBe(1);
    expect((await waitForMail(email, "Download refused")).body).toContain("network number 3");
    // Networks already counted keep working; a remote link works from the third network.
    expect((await downloadFrom(a.download, A)).status).toBe(200);
    const remote = await generate(account, C, "c-remote.bin", { remote: "1" });
    expect((await downloadFrom(remote.download, C)).status).toBe(200);
    const page = await client.get("/account/security");
    expect(page.html).toContain("Download refused: too many networks at once");
    expect(page.html).toContain("192.0.2.0/24");
  });

  it("counts trusted networks as one", async () => {
    const { client, email } = await registeredClient({ ip: A, cf: PLACES.paris });
    const token = /data-testid="new-token">([A-Z2-7]{52})</.exec((await client.post("/account/api-token", {})).html)![1]!;
    const account = { accountId: 0, email, token };
    // The network the owner is on, then the family's, by one of its addresses.
    expect((await client.post("/account/security/trusted", { address: "", label: "Home" })).html).toContain("198.51.100.0/24");
    expect((await client.post("/account/security/trusted", { address: "203.0.113.77", label: "Parents" })).html).toContain("203.0.113.0/24");
    const [a, b, c] = [await generate(account, A, "ta.bin"), await generate(account, B, "tb.bin"), await generate(account, C, "tc.bin")];
    for (const [made, ip] of [[a, A], [b, B], [c, C]] as const) expect((await downloadFrom(made.download, ip)).status, ip).toBe(200);
    // A fourth network is the third group.
    const d = await generate(account, "192.0.2.200", "td.bin");
    expect((await downloadFrom(d.download, "100.64.0.1")).status).toBe(403);
    const fromD = await generate(account, "100.64.0.1", "td2.bin");
    expect(await (await downloadFrom(fromD.download, "100.64.0.1")).json()).toMatchObject({ error: "too_many_networks", networks: 3 });
  });

  it("locks the account after repeated events (error 14 everywhere) until the owner follows the mailed unlock link", async () => {
    const { client, email } = await registeredClient({ cf: PLACES.paris });
    const token = /data-testid="new-token">([A-Z2-7]{52})</.exec((await client.post("/account/api-token", {})).html)![1]!;
    const account = { accountId: 0, email, token };
    const ips = [A, B, C, "100.64.0.10", "100.64.1.10"];
    const links = [];
    for (const [i, ip] of ips.entries()) links.push(await generate(account, ip, `lock-${i}.bin`));
    const statuses = [];
    for (const [i, ip] of ips.entries()) statuses.push((await downloadFrom(links[i]!.download, ip)).status);
    expect(statuses).toEqual([200, 200, 403, 403, 403]);

    const user = await api("user", { token });
    expect(user.status).toBe(403);
    expect(await user.json()).toMatchObject({ error: "account_locked", error_code: 14 });
    expect(await (await downloadFrom(links[0]!.download, A)).json()).toMatchObject({ error: "account_locked", error_code: 14 });
    expect((await client.get("/account/security")).html).toContain("Your account is locked");
    const events = JSON.parse((await client.get("/api/account/security")).html) as { security_events: { id: number; kind: string; caused_by: number | null }[] };
    const lock = events.security_events.find((e) => e.kind === "account_locked")!;
    const cause = events.security_events.find((e) => e.id === lock.caused_by)!;
    expect(cause.kind).toBe("sharing_refused");

    const mail = await waitForMail(email, "Account locked");
    const unlock = linkFromMail(mail.body, "/unlock");
    expect((await new WebClient().get(`${unlock.pathname}${unlock.search}`)).status).toBe(200);
    expect((await api("user", { token })).status).toBe(403);
    expect((await new WebClient().post("/unlock", { token: unlock.searchParams.get("token")! })).status).toBe(200);
    expect((await api("user", { token })).status).toBe(200);
    expect((await new WebClient().post("/unlock", { token: unlock.searchParams.get("token")! })).status).toBe(400);
  });
});
