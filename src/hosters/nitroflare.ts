/**
 * Nitroflare through its premium API v2 (https://nitroflare.com/member?s=api, NITROFLARE_API_URL):
 * `getFileInfo?files=<id>` gives each file's `status` ("online"/"offline"), name and size;
 * `getDownloadLink?user=&premiumKey=&file=<id>` a download URL. Replies are `{type: "success",
 * result}` or `{type: "error", message}` ("File doesn't exist", "…maximum volume for today…").
 * Driven by the service's own premium key (secrets NITROFLARE_USER and NITROFLARE_PREMIUM_KEY).
 */
import { apiUrl, callHoster, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, jsonObject, namedFile, stringField } from "./hoster-api";
import { resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const ID = "[A-Z0-9]{10,20}";

function fileId(link: URL): string | null {
  const host = link.hostname.toLowerCase().replace(/^www\./, "");
  if (host !== "nitroflare.com" && host !== "nitro.download") return null;
  return new RegExp(`^/view/(${ID})(?:/[^/]*)?$`).exec(link.pathname)?.[1] ?? null;
}

async function call(ctx: HosterContext, path: string, query: Record<string, string>): Promise<Record<string, unknown>> {
  const answer = jsonObject(await callHoster(ctx, apiUrl(ctx.env.NITROFLARE_API_URL, path, query)));
  if (answer.type === "success" && answer.result && typeof answer.result === "object") return answer.result as Record<string, unknown>;
  const message = stringField(answer.message);
  if (/doesn't exist|not found|deleted/i.test(message)) throw fileUnavailable();
  if (/volume|limit|traffic/i.test(message)) throw hosterQuotaExceeded();
  throw hosterUnavailable("nitroflare_error");
}

export const nitroflareAdapter = resolvingAdapter<string>({
  id: "nitroflare",
  name: "Nitroflare",
  domains: ["nitroflare.com", "nitro.download"],
  linkPatterns: [new RegExp(`https?://(?:www\\.)?(?:nitroflare\\.com|nitro\\.download)/view/${ID}`)],
  exampleLink: "https://nitroflare.com/view/A1B2C3D4E5F6G7H/holidays.mkv",
  limits: { linksPerDay: 200, bytesPerDay: 50 * GIB, maxChunks: 4, free: false },
  secrets: ["NITROFLARE_USER", "NITROFLARE_PREMIUM_KEY"],
  parse: fileId,

  async check(id, ctx) {
    const files = (await call(ctx, "/getFileInfo", { files: id })).files as Record<string, Record<string, unknown>> | undefined;
    const file = files?.[id];
    if (!file || file.status !== "online") throw fileUnavailable();
    return namedFile(file.name, file.size);
  },

  async resolve(id, ctx) {
    const result = await call(ctx, "/getDownloadLink", { user: ctx.env.NITROFLARE_USER!, premiumKey: ctx.env.NITROFLARE_PREMIUM_KEY!, file: id });
    const url = stringField(result.url);
    if (!url) throw hosterUnavailable("no_url");
    return { url };
  },
});
