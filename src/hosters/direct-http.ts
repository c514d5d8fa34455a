/** The generic adapter: direct HTTP(S) file links on any public web server. */
import { LINK_CHECK_TIMEOUT_MS } from "../config";
import { AppError } from "../errors";
import { safeFetch } from "../fetching/safe-fetch";
import { DEFAULT_MIME_TYPE, filenameFromContentDisposition, filenameFromUrl, mimeTypeFromFilename, sanitizeFilename, totalFromContentRange } from "./file-info";
import type { FileInfo, HosterAdapter } from "./types";

const GIB = 1024 ** 3;

/** Compression would change lengths and break byte ranges: ask for the bytes as stored. */
const ORIGIN_HEADERS = { "accept-encoding": "identity", "user-agent": "Relais/1.0" };

function failureFor(status: number): AppError {
  return new AppError(status >= 500 || status === 429 ? "hoster_unavailable" : "file_unavailable", { details: { origin_status: status } });
}

/**
 * The one host key every direct link is reported, counted and limited under. A direct link's
 * hostname is part of the link (kept only encrypted, 30 days), never stored in plaintext, and
 * per-host limits cannot be dodged with other subdomains.
 */
export const DIRECT_HOST = "direct";

export const directHttpAdapter: HosterAdapter = {
  id: "direct",
  name: "Direct links",
  domains: [],
  linkPatterns: [],
  folderPatterns: [],
  limits: { linksPerDay: 2000, bytesPerDay: 500 * GIB, maxChunks: 16, free: true },
  status: () => "up",
  accepts: (link) => link.protocol === "https:" || link.protocol === "http:",
  hostOf: () => DIRECT_HOST,

  async check(link, ctx): Promise<FileInfo> {
    // A one-byte range answers size and availability without downloading the file; HEAD is often mishandled.
    const { response, url } = await safeFetch(link, ctx.deps, { headers: { ...ORIGIN_HEADERS, range: "bytes=0-0" }, timeoutMs: LINK_CHECK_TIMEOUT_MS });
    await response.body?.cancel();
    if (response.status !== 200 && response.status !== 206) throw failureFor(response.status);
    const filesize = response.status === 206 ? totalFromContentRange(response.headers.get("content-range")) ?? 0 : Number(response.headers.get("content-length") ?? 0) || 0;
    const filename = sanitizeFilename(filenameFromContentDisposition(response.headers.get("content-disposition")) ?? filenameFromUrl(url) ?? filenameFromUrl(link) ?? "download");
    const declaredType = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    const guessed = mimeTypeFromFilename(filename);
    const mimeType = guessed !== DEFAULT_MIME_TYPE || !declaredType || declaredType.startsWith("text/html") ? guessed : declaredType;
    const acceptRanges = response.status === 206 || response.headers.get("accept-ranges")?.toLowerCase() === "bytes";
    return { filename, filesize, mimeType, acceptRanges };
  },

  async open(link, ctx, range, ifRange) {
    const headers: Record<string, string> = { ...ORIGIN_HEADERS };
    if (range) headers.range = range;
    if (range && ifRange) headers["if-range"] = ifRange;
    const { response } = await safeFetch(link, ctx.deps, { headers });
    if (response.status !== 200 && response.status !== 206 && response.status !== 416) {
      await response.body?.cancel();
      throw failureFor(response.status);
    }
    return response;
  },

  listFolder: async () => [],
};
