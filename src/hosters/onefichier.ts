/**
 * 1fichier through its documented premium API (https://api.1fichier.com): file/info.cgi checks a
 * link, download/get_token.cgi returns a one-time download URL. Driven by the service's own
 * premium key (secret ONEFICHIER_API_KEY), sent only to the API. Public folders (`/dir/<id>`) are
 * listed from their JSON view (`?json=1`) on the site (ONEFICHIER_SITE_URL).
 */
import { apiUrl, callHoster, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, idInPath, linkPattern, namedFile, parseUrl, stringField } from "./hoster-api";
import { resolvedUrl, resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const DOMAINS = [
  "1fichier.com", "alterupload.com", "cjoint.net", "desfichiers.com", "dfichiers.com", "megadl.fr",
  "mesfichiers.org", "piecejointe.net", "pjointe.com", "tenvoi.com", "dl4free.com",
] as const;
const GIB = 1024 ** 3;
const DOMAIN_ALTERNATION = DOMAINS.map((d) => d.replace(/\./g, "\\.")).join("|");
const FOLDER_PATH = /^\/dir\/([a-zA-Z0-9]{5,20})\/?$/;
const ID = /^[a-z0-9]{5,20}$/i;

function bareHostname(link: URL): string {
  return link.hostname.toLowerCase().replace(/\.$/, "");
}

/** File id of a 1fichier link: `https://1fichier.com/?abcde12345` or `https://abcde12345.1fichier.com/`. */
function fileId(link: URL): string | null {
  const hostname = bareHostname(link);
  const bare = hostname.replace(/^www\./, "");
  if ((DOMAINS as readonly string[]).includes(bare)) {
    const id = link.search.slice(1).split("&")[0] ?? "";
    return ID.test(id) ? id : null;
  }
  const dot = hostname.indexOf(".");
  const sub = hostname.slice(0, dot);
  return (DOMAINS as readonly string[]).includes(hostname.slice(dot + 1)) && /^[a-z0-9]{5,20}$/.test(sub) ? sub : null;
}

type ApiAnswer = { status?: string; message?: string; url?: string; filename?: string; size?: number | string; "content-type"?: string };

async function callApi(ctx: HosterContext, path: string, id: string): Promise<ApiAnswer> {
  const body = { url: `https://1fichier.com/?${id}`, ...(ctx.password ? { pass: ctx.password } : {}) };
  const reply = await callHoster(ctx, apiUrl(ctx.env.ONEFICHIER_API_URL, path), {
    method: "POST",
    headers: { authorization: `Bearer ${ctx.env.ONEFICHIER_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (reply.json ?? {}) as ApiAnswer;
  const message = stringField(answer.message);
  // "Flood detected" and traffic refusals are the API's limits on our account.
  if (reply.status === 429 || (reply.status === 403 && /flood|traffic|limit/i.test(message))) throw hosterQuotaExceeded();
  if (reply.status >= 500 || reply.status === 401 || reply.status === 403 || reply.json === null) throw hosterUnavailable(`api_status_${reply.status}`);
  // The API answers {status: "KO", message: "Resource not found #469"} for missing files and wrong passwords alike.
  if (reply.status !== 200 || answer.status === "KO") throw fileUnavailable();
  return answer;
}

export const onefichierAdapter = resolvingAdapter<string, string>({
  id: "1fichier",
  name: "1fichier",
  domains: DOMAINS,
  linkPatterns: [
    linkPattern(DOMAINS, "/\\?[a-zA-Z0-9]{5,20}"),
    new RegExp(`https?://[a-z0-9]{5,20}\\.(?:${DOMAIN_ALTERNATION})/?`),
  ],
  folderPatterns: [linkPattern(DOMAINS, "/dir/[a-zA-Z0-9]{5,20}")],
  exampleLink: "https://1fichier.com/?k2c4u5qj1bnv7x0d3e8f",
  exampleFolderLink: "https://1fichier.com/dir/Ab3dE6gH",
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: false },
  secrets: ["ONEFICHIER_API_KEY"],
  parse: fileId,
  parseFolder: (link) => idInPath(link, DOMAINS, FOLDER_PATH),

  async check(id, ctx) {
    const answer = await callApi(ctx, "/v1/file/info.cgi", id);
    return namedFile(answer.filename, answer.size, stringField(answer["content-type"]));
  },

  async resolve(id, ctx) {
    // A download token is valid for one download: never reused.
    return resolvedUrl((await callApi(ctx, "/v1/download/get_token.cgi", id)).url);
  },

  async listFolder(id, ctx) {
    const reply = await callHoster(ctx, apiUrl(ctx.env.ONEFICHIER_SITE_URL, `/dir/${id}`, { json: "1" }));
    if (reply.status === 404) throw fileUnavailable();
    if (!Array.isArray(reply.json)) throw hosterUnavailable("bad_reply");
    return reply.json.map((entry: { link?: unknown }) => parseUrl(stringField(entry?.link))).filter((url) => url !== null && fileId(url) !== null).map((url) => url!.href);
  },
});
