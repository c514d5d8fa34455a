/**
 * pixeldrain, a public file host, through its documented API (https://pixeldrain.com/api):
 * `GET /api/file/{id}/info` describes a file (its `availability` names the captcha walls pixeldrain
 * puts up when a file or an address uses too much bandwidth), `GET /api/file/{id}?download` serves
 * it with ranges, `GET /api/list/{id}` gives a list's files. No account needed (PIXELDRAIN_API_URL).
 */
import { apiUrl, callHoster, failureForStatus, fileUnavailable, hosterQuotaExceeded, idInPath, jsonObject, linkPattern, namedFile, stringField } from "./hoster-api";
import { resolvingAdapter } from "./resolving-adapter";

const GIB = 1024 ** 3;
const DOMAINS = ["pixeldrain.com", "pixeldra.in"] as const;
const ID = "[a-zA-Z0-9]{6,16}";

/** A file or an address over pixeldrain's bandwidth share: only a person solving a captcha gets it now. */
const RATE_LIMITED = /^(file_rate_limited|ip_download_limited|ip_transfer_limited|server_overload)_captcha_required$/;

export const pixeldrainAdapter = resolvingAdapter<string, string>({
  id: "pixeldrain",
  name: "pixeldrain",
  domains: DOMAINS,
  linkPatterns: [linkPattern(DOMAINS, `/u/${ID}`)],
  folderPatterns: [linkPattern(DOMAINS, `/l/${ID}`)],
  exampleLink: "https://pixeldrain.com/u/aBcD1234",
  exampleFolderLink: "https://pixeldrain.com/l/Lst0f9x2",
  limits: { linksPerDay: 1000, bytesPerDay: 200 * GIB, maxChunks: 4, free: true },
  parse: (link) => idInPath(link, DOMAINS, new RegExp(`^/u/(${ID})/?$`)),
  parseFolder: (link) => idInPath(link, DOMAINS, new RegExp(`^/l/(${ID})/?$`)),

  async check(id, ctx) {
    const reply = await callHoster(ctx, apiUrl(ctx.env.PIXELDRAIN_API_URL, `/api/file/${id}/info`));
    if (reply.status !== 200) throw failureForStatus(reply.status);
    const info = jsonObject(reply);
    const availability = stringField(info.availability);
    if (RATE_LIMITED.test(availability)) throw hosterQuotaExceeded();
    if (availability !== "") throw fileUnavailable(availability);
    return namedFile(info.name, info.size);
  },

  // The download URL is the file's own: nothing to resolve, nothing that expires.
  resolve: async (id, ctx) => ({ url: apiUrl(ctx.env.PIXELDRAIN_API_URL, `/api/file/${id}`, { download: "" }).href }),
  // The download answers 403 when a captcha stands in front of the file (its bandwidth share is used up).
  originFailure: (status) => (status === 403 ? hosterQuotaExceeded() : failureForStatus(status)),

  async listFolder(id, ctx) {
    const reply = await callHoster(ctx, apiUrl(ctx.env.PIXELDRAIN_API_URL, `/api/list/${id}`));
    if (reply.status !== 200) throw failureForStatus(reply.status);
    const files = jsonObject(reply).files;
    if (!Array.isArray(files)) return [];
    return files.map((file: { id?: unknown }) => stringField(file?.id)).filter((fileId) => new RegExp(`^${ID}$`).test(fileId)).map((fileId) => `https://pixeldrain.com/u/${fileId}`);
  },
});
