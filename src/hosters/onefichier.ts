/**
 * 1fichier through its documented premium API (https://api.1fichier.com): file/info.cgi checks a
 * link, download/get_token.cgi returns a one-time download URL. Driven by the service's own
 * premium key (secret ONEFICHIER_API_KEY), sent only to the API.
 */
import { LINK_CHECK_TIMEOUT_MS } from "../config";
import { AppError } from "../errors";
import { safeFetch } from "../fetching/safe-fetch";
import { mimeTypeFromFilename, sanitizeFilename } from "./file-info";
import type { FileInfo, HosterAdapter, HosterContext } from "./types";

const DOMAINS = [
  "1fichier.com", "alterupload.com", "cjoint.net", "desfichiers.com", "dfichiers.com", "megadl.fr",
  "mesfichiers.org", "piecejointe.net", "pjointe.com", "tenvoi.com", "dl4free.com",
] as const;
const GIB = 1024 ** 3;
const DOMAIN_ALTERNATION = DOMAINS.map((d) => d.replace(/\./g, "\\.")).join("|");

/** File id of a 1fichier link: `https://1fichier.com/?abcde12345` or `https://abcde12345.1fichier.com/`. */
function fileId(link: URL): string | null {
  const hostname = link.hostname.toLowerCase().replace(/\.$/, "");
  const bare = hostname.replace(/^www\./, "");
  if ((DOMAINS as readonly string[]).includes(bare)) {
    const id = link.search.slice(1).split("&")[0] ?? "";
    return /^[a-z0-9]{5,20}$/i.test(id) ? id : null;
  }
  const dot = hostname.indexOf(".");
  const sub = hostname.slice(0, dot);
  return (DOMAINS as readonly string[]).includes(hostname.slice(dot + 1)) && /^[a-z0-9]{5,20}$/.test(sub) ? sub : null;
}

type ApiAnswer = { status?: string; message?: string; url?: string; filename?: string; size?: number | string; "content-type"?: string };

async function callApi(ctx: HosterContext, path: string, body: Record<string, string>): Promise<ApiAnswer> {
  const key = ctx.env.ONEFICHIER_API_KEY;
  if (!key) throw new AppError("hoster_unavailable");
  const { response } = await safeFetch(new URL(path, ctx.env.ONEFICHIER_API_URL), ctx.deps, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
    timeoutMs: LINK_CHECK_TIMEOUT_MS,
  });
  let answer: ApiAnswer;
  try {
    answer = (await response.json()) as ApiAnswer;
  } catch {
    throw new AppError("hoster_unavailable");
  }
  if (response.status >= 500 || response.status === 429 || response.status === 401 || response.status === 403) throw new AppError("hoster_unavailable");
  // The API answers {status: "KO", message: "Resource not found #469"} for missing or protected files.
  if (!response.ok || answer.status === "KO") throw new AppError("file_unavailable");
  return answer;
}

function canonicalLink(link: URL): string {
  return `https://1fichier.com/?${fileId(link)}`;
}

export const onefichierAdapter: HosterAdapter = {
  id: "1fichier",
  name: "1fichier",
  domains: DOMAINS,
  linkPatterns: [
    new RegExp(`https?://(?:www\\.)?(?:${DOMAIN_ALTERNATION})/\\?[a-zA-Z0-9]{5,20}`),
    new RegExp(`https?://[a-z0-9]{5,20}\\.(?:${DOMAIN_ALTERNATION})/?`),
  ],
  folderPatterns: [new RegExp(`https?://(?:www\\.)?(?:${DOMAIN_ALTERNATION})/dir/[a-zA-Z0-9]{5,20}`)],
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: false },
  status: (ctx) => (ctx.env.ONEFICHIER_API_KEY ? "up" : "down"),
  accepts: (link) => fileId(link) !== null,
  hostOf: () => "1fichier.com",

  async check(link, ctx): Promise<FileInfo> {
    const answer = await callApi(ctx, "/v1/file/info.cgi", { url: canonicalLink(link), ...(ctx.password ? { pass: ctx.password } : {}) });
    const filename = sanitizeFilename(String(answer.filename ?? "download"));
    // 1fichier's download servers serve byte ranges.
    return { filename, filesize: Number(answer.size) || 0, mimeType: answer["content-type"] || mimeTypeFromFilename(filename), acceptRanges: true };
  },

  async open(link, ctx, range, ifRange) {
    const answer = await callApi(ctx, "/v1/download/get_token.cgi", { url: canonicalLink(link), ...(ctx.password ? { pass: ctx.password } : {}) });
    if (!answer.url) throw new AppError("hoster_unavailable");
    const headers: Record<string, string> = { "accept-encoding": "identity" };
    if (range) headers.range = range;
    if (range && ifRange) headers["if-range"] = ifRange;
    const { response } = await safeFetch(answer.url, ctx.deps, { headers });
    if (response.status !== 200 && response.status !== 206 && response.status !== 416) {
      await response.body?.cancel();
      throw new AppError(response.status >= 500 ? "hoster_unavailable" : "file_unavailable");
    }
    return response;
  },

  listFolder: async () => [],
};
