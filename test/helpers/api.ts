/** Helpers for API and download tests: calls through the Worker, and the local servers' counters. */
import { env, exports } from "cloudflare:workers";
import { contentBytes } from "../servers/content";
import { waitFor } from "./storage";

export const SITE = "http://localhost:8787";
export const DOWNLOAD_HOST = "http://127.0.0.1:8787";

export type ApiCall = { token?: string; form?: Record<string, string>; method?: string; headers?: Record<string, string>; cf?: Record<string, unknown> };

/** Calls `/rest/1.0/<path>` on the site host; a `form` makes it a form-encoded POST. */
export function api(path: string, call: ApiCall = {}): Promise<Response> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(call.form).toString();
  }
  return exports.default.fetch(`${SITE}/rest/1.0/${path}`, {
    method: call.method ?? (call.form ? "POST" : "GET"),
    headers,
    body,
    cf: call.cf as IncomingRequestCfProperties | undefined,
  });
}

/** A file on the local origin: its URL and its exact bytes. */
export function originFile(size: number, name: string, seed = 1, query = ""): { url: string; bytes: () => Uint8Array } {
  return {
    url: `${env.TEST_ORIGIN_URL}/files/${size}/${encodeURIComponent(name)}?seed=${seed}${query}`,
    bytes: () => contentBytes(seed, 0, size),
  };
}

/** Requests a local server (origin, DoH, a hoster stand-in) has answered so far. */
export async function stats(base: string): Promise<number> {
  const response = await fetch(`${base}/__stats`);
  return ((await response.json()) as { requests: number }).requests;
}

export const originRequests = () => stats(env.TEST_ORIGIN_URL);
export const dohRequests = () => stats(env.TEST_DOH_URL);
export const onefichierRequests = () => stats(env.ONEFICHIER_API_URL);

/** The traffic bytes counted for an account and host (all days), waiting for after-response writes. */
export async function trafficBytes(accountId: number, host: string, expectAtLeast = 1, timeoutMs = 3000): Promise<number> {
  const read = async () => (await env.DB.prepare("SELECT coalesce(sum(bytes), 0) AS bytes FROM traffic_daily WHERE account_id = ? AND host = ?").bind(accountId, host).first<{ bytes: number }>())?.bytes ?? 0;
  return waitFor(read, (bytes) => bytes >= expectAtLeast, timeoutMs);
}

/** A call to any path of the site host, its JSON body parsed (null when empty). */
export async function siteJson(path: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await exports.default.fetch(`${SITE}${path}`, { ...init, headers: { "cf-connecting-ip": "203.0.113.99", ...init.headers } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** Parts of a fixture file: bytes, or a count of zero bytes that the origin makes up while serving (a 1 GiB file costs nothing). */
export type FixturePart = Uint8Array | number;

export type OriginFixture = {
  url: string;
  size: number;
  /** What the origin did for this fixture: requests, body bytes it wrote, the Range header of each request. */
  stats: () => Promise<{ requests: number; bytesSent: number; ranges: (string | null)[] }>;
};

let fixtureCounter = 0;

/** Puts a file on the local origin (its link ends with `filename`), and gives its URL and counters. */
export async function originFixture(filename: string, parts: FixturePart[], query = ""): Promise<OriginFixture> {
  const key = `${++fixtureCounter}-${crypto.randomUUID()}`;
  const bytes: Uint8Array[] = [];
  const gaps: string[] = [];
  let stored = 0;
  let size = 0;
  for (const part of parts) {
    if (typeof part === "number") {
      gaps.push(`gap=${stored}:${part}`);
      size += part;
    } else {
      bytes.push(part);
      stored += part.length;
      size += part.length;
    }
  }
  const body = new Uint8Array(stored);
  let offset = 0;
  for (const part of bytes) {
    body.set(part, offset);
    offset += part.length;
  }
  const base = `${env.TEST_ORIGIN_URL}/fixtures/${key}/${encodeURIComponent(filename)}`;
  const put = await fetch(`${base}?${gaps.join("&")}`, { method: "PUT", body });
  if (put.status !== 201) throw new Error(`fixture upload answered ${put.status}`);
  return {
    url: `${base}${query ? `?${query}` : ""}`,
    size,
    stats: async () => (await (await fetch(`${env.TEST_ORIGIN_URL}/__fixtures/${key}`)).json()) as { requests: number; bytesSent: number; ranges: (string | null)[] },
  };
}

/** Puts a file on the origin and unrestricts it as a user would: the download's id, and the fixture's counters. */
export async function unrestrictFixture(token: string, filename: string, parts: FixturePart[], query = ""): Promise<{ id: string; fixture: OriginFixture }> {
  const fixture = await originFixture(filename, parts, query);
  const response = await api("unrestrict/link", { token, form: { link: fixture.url } });
  if (response.status !== 200) throw new Error(`unrestrict/link answered ${response.status}: ${await response.text()}`);
  return { id: ((await response.json()) as { id: string }).id, fixture };
}
