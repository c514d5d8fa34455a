/** Helpers for API and download tests: calls through the Worker, and the local servers' counters. */
import { env, exports } from "cloudflare:workers";
import { contentBytes } from "../servers/content";

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

export async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Rows of a table, for "nothing was written" checks. */
export async function countRows(table: "downloads" | "traffic_daily"): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

/** The traffic bytes counted for an account and host (all days), waiting for after-response writes. */
export async function trafficBytes(accountId: number, host: string, expectAtLeast = 1, timeoutMs = 3000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await env.DB.prepare("SELECT coalesce(sum(bytes), 0) AS bytes FROM traffic_daily WHERE account_id = ? AND host = ?").bind(accountId, host).first<{ bytes: number }>();
    const bytes = row?.bytes ?? 0;
    if (bytes >= expectAtLeast || Date.now() > deadline) return bytes;
    await new Promise((r) => setTimeout(r, 20));
  }
}
