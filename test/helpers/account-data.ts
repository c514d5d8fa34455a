/**
 * An account that holds data in every category it can, made the way users and apps make it (pages,
 * the API, the device flow, a payment webhook), plus the few rows only a running download or a
 * remote link leaves: for the my-data, export and deletion tests.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { IMAGES } from "./images";
import { api, originFile } from "./api";
import { connectApp } from "./oauth";
import { completedEvent, deliver, purchase } from "./payments";
import { waitFor } from "./storage";
import { PLACES, registeredClient, WebClient, type Page } from "./web-client";

export type FullAccount = {
  client: WebClient;
  email: string;
  password: string;
  accountId: number;
  /** The private API token, made on the account page. */
  token: string;
  /** A generated link of the account, which downloads. */
  downloadUrl: string;
  /** An app's access token (device flow). */
  appToken: string;
};

export async function accountIdOf(email: string): Promise<number> {
  const row = await env.DB.prepare("SELECT id FROM accounts WHERE email = ?").bind(email).first<{ id: number }>();
  if (!row) throw new Error(`no account ${email}`);
  return row.id;
}

/** The private token shown once on the account page. */
export function tokenFromPage(page: Page): string {
  const token = /data-testid="new-token">([^<]+)</.exec(page.html)?.[1];
  if (!token) throw new Error("no new token on the page");
  return token;
}

export async function fullAccount(options: { cf?: Record<string, unknown> } = {}): Promise<FullAccount> {
  const { client, email, password } = await registeredClient({ cf: options.cf ?? PLACES.paris });
  const accountId = await accountIdOf(email);
  const token = tokenFromPage(await client.post("/account/api-token", {}));
  const headers = { "cf-connecting-ip": client.ip };

  expect((await client.post("/account/settings", { setting_name: "streaming_quality", setting_value: "high" })).status).toBe(200);
  const avatar = await exports.default.fetch("http://localhost:8787/rest/1.0/settings/avatarFile", { method: "PUT", headers: { authorization: `Bearer ${token}`, ...headers }, body: IMAGES.png });
  expect(avatar.status).toBe(204);
  expect((await client.post("/account/security/trusted", { address: "192.0.2.77", label: "Home" })).status).toBe(200);

  // A link, downloaded from the generating network: a record, traffic, a download network.
  const link = await api("unrestrict/link", { token, form: { link: originFile(2048, "holiday.mkv", 7).url }, headers });
  expect(link.status).toBe(200);
  const downloadUrl = String(((await link.json()) as { download: string }).download);
  const download = await exports.default.fetch(downloadUrl, { headers });
  expect(download.status).toBe(200);
  await download.arrayBuffer();

  const app = await connectApp(client, { country: "FR", city: "Paris", asn: PLACES.paris.asn });
  // An address change waiting for confirmation, a wrong password, and a held sign-in from a new place.
  expect((await client.post("/account/email", { new_email: `new-${email}`, current_password: password })).status).toBe(200);
  expect((await new WebClient(client.ip, client.cf).post("/login", { email, password: "not the password at all" })).status).toBe(401);
  expect((await new WebClient("203.0.113.200", PLACES.tokyo).post("/login", { email, password })).status).toBe(200);
  expect((await deliver(completedEvent(purchase(accountId)))).status).toBe(200);

  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO active_transfers (id, account_id, started_at) VALUES (?, ?, ?)").bind(`transfer-${accountId}`, accountId, now),
    env.DB.prepare("INSERT INTO remote_traffic_daily (account_id, day_at, bytes) VALUES (?, ?, 4096)").bind(accountId, now - (now % 86_400_000)),
    env.DB.prepare("INSERT INTO security_events (account_id, at, kind, action, ip) VALUES (?, ?, 'sessions_revoked', 'sessions_revoked', ?)").bind(accountId, now, client.ip),
  ]);
  // The journal is written after each response: wait until this account's rows are there.
  await waitFor(
    async () => (await env.JOURNAL.prepare("SELECT count(*) AS n FROM request_journal WHERE account_id = ?").bind(accountId).first<{ n: number }>())!.n,
    (n) => n >= 5,
  );
  return { client, email, password, accountId, token, downloadUrl, appToken: app.tokens.access_token };
}
