/** Fetching a file from its origin (a direct link, or the URL a hoster resolved a link to), and reading what its headers say. */
import { LINK_CHECK_TIMEOUT_MS } from "../config";
import { safeFetch } from "../fetching/safe-fetch";
import { DEFAULT_MIME_TYPE, filenameFromContentDisposition, filenameFromUrl, mimeTypeFromFilename, sanitizeFilename, totalFromContentRange } from "./file-info";
import { failureForStatus, HOSTER_USER_AGENT } from "./hoster-api";
import type { FileInfo, HosterContext } from "./types";

/** Compression would change lengths and break byte ranges: ask for the bytes as stored. */
const ORIGIN_HEADERS = { "accept-encoding": "identity", "user-agent": HOSTER_USER_AGENT };

export type OriginRequest = {
  range?: string | null;
  ifRange?: string | null;
  /** The hoster's own headers (cookies, tokens): sent to this origin only, dropped on a redirect elsewhere. */
  headers?: Record<string, string>;
  timeoutMs?: number;
};

/** The statuses a download may pass on: the file, a part of it, or "range not satisfiable". */
export function isServable(status: number): boolean {
  return status === 200 || status === 206 || status === 416;
}

/** GETs the file (any status; the body is left unread), forwarding Range and If-Range. */
export async function fetchOrigin(url: string | URL, ctx: HosterContext, request: OriginRequest = {}): Promise<{ response: Response; url: URL }> {
  const headers: Record<string, string> = { ...ORIGIN_HEADERS, ...request.headers };
  if (request.range) headers.range = request.range;
  if (request.range && request.ifRange) headers["if-range"] = request.ifRange;
  return safeFetch(url, ctx.deps, { headers, timeoutMs: request.timeoutMs });
}

/** Opens the file for a download: the origin's response when servable, else the mapped error (body cancelled). */
export async function openOrigin(url: string | URL, ctx: HosterContext, request: OriginRequest = {}): Promise<Response> {
  const { response } = await fetchOrigin(url, ctx, request);
  if (!isServable(response.status)) {
    await response.body?.cancel();
    throw failureForStatus(response.status);
  }
  return response;
}

/**
 * Checks a file by asking for its first byte (HEAD is often mishandled): name, size, type and
 * ranges from the answer's headers, where it came from, and whether it is an HTML page; the body
 * is cancelled. Throws the mapped error when refused.
 */
export async function probeOrigin(url: string | URL, ctx: HosterContext, headers?: Record<string, string>): Promise<{ info: FileInfo; url: URL; isPage: boolean }> {
  const { response, url: finalUrl } = await fetchOrigin(url, ctx, { range: "bytes=0-0", headers, timeoutMs: LINK_CHECK_TIMEOUT_MS });
  await response.body?.cancel();
  if (response.status !== 200 && response.status !== 206) throw failureForStatus(response.status);
  const isPage = (response.headers.get("content-type") ?? "").toLowerCase().startsWith("text/html");
  return { info: describeOriginResponse(response, [finalUrl, new URL(url)]), url: finalUrl, isPage };
}

/** Name (Content-Disposition, else the URLs' last segments), size, type and ranges from a 200/206 answer's headers. */
export function describeOriginResponse(response: { status: number; headers: Headers }, urls: readonly URL[]): FileInfo {
  const filesize = response.status === 206 ? totalFromContentRange(response.headers.get("content-range")) ?? 0 : Number(response.headers.get("content-length") ?? 0) || 0;
  const named = filenameFromContentDisposition(response.headers.get("content-disposition")) ?? urls.map(filenameFromUrl).find((name) => name !== null);
  const filename = sanitizeFilename(named ?? "download");
  const declaredType = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  const guessed = mimeTypeFromFilename(filename);
  const mimeType = guessed !== DEFAULT_MIME_TYPE || !declaredType || declaredType.startsWith("text/html") ? guessed : declaredType;
  const acceptRanges = response.status === 206 || response.headers.get("accept-ranges")?.toLowerCase() === "bytes";
  return { filename, filesize, mimeType, acceptRanges };
}
