/**
 * What adapters share to talk to hosters: one SSRF-safe call with a bounded, time-capped reply
 * (parsed as JSON when it is JSON), and the Real-Debrid errors hoster answers map to.
 */
import { LINK_CHECK_TIMEOUT_MS, MAX_HOSTER_API_REPLY_BYTES } from "../config";
import { AppError } from "../errors";
import { readBodyWithin } from "../fetching/read-body";
import { safeFetch, type SafeRequest } from "../fetching/safe-fetch";
import { mimeTypeFromFilename, sanitizeFilename } from "./file-info";
import type { FileInfo, HosterContext } from "./types";

/** Our user agent towards hosters: honest, and the same everywhere. */
export const HOSTER_USER_AGENT = "Relais/1.0";

export type HosterReply = { status: number; headers: Headers; text: string; json: unknown; url: URL };

/**
 * One call to a hoster (API or page) through the SSRF-safe fetch: the reply's status, headers and
 * text (at most MAX_HOSTER_API_REPLY_BYTES, within LINK_CHECK_TIMEOUT_MS), and its JSON or null.
 */
export async function callHoster(ctx: HosterContext, url: string | URL, request: SafeRequest = {}): Promise<HosterReply> {
  const timeoutMs = request.timeoutMs ?? LINK_CHECK_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const { response, url: finalUrl } = await safeFetch(url, ctx.deps, {
    ...request,
    timeoutMs,
    headers: { accept: "application/json", "user-agent": HOSTER_USER_AGENT, ...request.headers },
  });
  const tooLarge = () => hosterUnavailable("reply_too_large");
  const text = response.body ? new TextDecoder().decode(await readBodyWithin(response.body, MAX_HOSTER_API_REPLY_BYTES, deadline, tooLarge)) : "";
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: pages, or a broken reply; the adapter decides.
  }
  return { status: response.status, headers: response.headers, text, json, url: finalUrl };
}

/** A URL under a hoster's API base (a var), with query parameters; the base's own path is kept. */
export function apiUrl(base: string, path: string, query: Record<string, string> = {}): URL {
  const url = new URL(base.replace(/\/$/, "") + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

export function fileUnavailable(reason?: string): AppError {
  return new AppError("file_unavailable", reason ? { details: { reason } } : {});
}

export function hosterUnavailable(reason: string): AppError {
  return new AppError("hoster_unavailable", { details: { reason } });
}

/** The hoster's own limit (on our account there, or on the file): code 18, retry later. */
export function hosterQuotaExceeded(retryAfterSeconds?: number): AppError {
  return new AppError("hoster_quota_exceeded", { retryAfterSeconds: retryAfterSeconds ?? 3600 });
}

export function passwordWrong(): AppError {
  return new AppError("file_password_wrong");
}

/** A hoster's HTTP refusal as our error: its limit (429, 509), its failure (5xx), else the file is gone. */
export function failureForStatus(status: number): AppError {
  if (status === 429 || status === 509) return hosterQuotaExceeded();
  if (status >= 500) return new AppError("hoster_unavailable", { details: { origin_status: status } });
  return new AppError("file_unavailable", { details: { origin_status: status } });
}

/** A reply that is not the JSON object an API promised: the hoster is failing. */
export function jsonObject(reply: HosterReply): Record<string, unknown> {
  if (reply.json === null || typeof reply.json !== "object" || Array.isArray(reply.json)) {
    throw reply.status === 429 ? hosterQuotaExceeded() : hosterUnavailable("bad_reply");
  }
  return reply.json as Record<string, unknown>;
}

/** A number from a JSON field that may be a number or a numeric string; 0 otherwise. */
export function numberField(value: unknown): number {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) && number >= 0 ? number : 0;
}

/** `(?:www\.)?(?:a\.com|b\.to)`: a link's host among a hoster's domains, for /hosts/regex patterns. */
function hostAlternation(domains: readonly string[]): string {
  return `(?:www\\.)?(?:${domains.map((domain) => domain.replace(/\./g, "\\.")).join("|")})`;
}

/** A /hosts/regex pattern: http(s), one of the domains, then `path` (a regex source). */
export function linkPattern(domains: readonly string[], path: string): RegExp {
  return new RegExp(`https?://${hostAlternation(domains)}${path}`);
}

/** A link's host as hosters' domains are listed: lower case, without a trailing dot or a leading www. */
export function bareHost(link: URL): string {
  return link.hostname.toLowerCase().replace(/\.$/, "").replace(/^www\./, "");
}

/** The first group of `path` matched on the pathname of a link to one of the domains (a leading www. ignored), or null. */
export function idInPath(link: URL, domains: readonly string[], path: RegExp): string | null {
  return domains.includes(bareHost(link)) ? (path.exec(link.pathname)?.[1] ?? null) : null;
}

/** A URL, or null when the text is not one. */
export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** A string from a JSON field, or "" when it is not one. */
export function stringField(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** A file as a hoster names it: its name made safe, its size, its type (given, or guessed from the name); hosters serve ranges. */
export function namedFile(name: unknown, size: unknown, mimeType?: string): FileInfo {
  const filename = sanitizeFilename(stringField(name) || "download");
  return { filename, filesize: numberField(size), mimeType: mimeType || mimeTypeFromFilename(filename), acceptRanges: true };
}
