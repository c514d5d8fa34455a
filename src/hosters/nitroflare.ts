/**
 * Nitroflare through its premium API v2 (https://nitroflare.com/member?s=api, NITROFLARE_API_URL):
 * `getFileInfo?files=<id>` gives each file's `status` ("online"/"offline"), name and size;
 * `getDownloadLink?user=&premiumKey=&file=<id>` a download URL. Replies are `{type: "success",
 * result}` or `{type: "error", message}` ("File doesn't exist", "…maximum volume for today…").
 * Driven by the service's own premium key (secrets NITROFLARE_USER and NITROFLARE_PREMIUM_KEY).
 */
import { apiUrl, callHoster, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, idInPath, jsonObject, linkPattern, namedFile, stringField } from "./hoster-api";
import { resolvedUrl, resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const DOMAINS = ["nitroflare.com", "nitro.download"] as const;
const ID = "[A-Z0-9]{10,20}";
const FILE_PATH = new RegExp(`^/view/(${ID})(?:/[^/]*)?$`);

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
  domains: DOMAINS,
  linkPatterns: [linkPattern(DOMAINS, `/view/${ID}`)],
  exampleLink: "https://nitroflare.com/view/A1B2C3D4E5F6G7H/holidays.mkv",
  limits: { linksPerDay: 200, bytesPerDay: 50 * GIB, maxChunks: 4, free: false },
  secrets: ["NITROFLARE_USER", "NITROFLARE_PREMIUM_KEY"],
  parse: (link) => idInPath(link, DOMAINS, FILE_PATH),

  async check(id, ctx) {
    const files = (await call(ctx, "/getFileInfo", { files: id })).files as Record<string, Record<string, unknown>> | undefined;
    const file = files?.[id];
    if (!file || file.status !== "online") throw fileUnavailable();
    return namedFile(file.name, file.size);
  },

  async resolve(id, ctx) {
    return resolvedUrl((await call(ctx, "/getDownloadLink", { user: ctx.env.NITROFLARE_USER!, premiumKey: ctx.env.NITROFLARE_PREMIUM_KEY!, file: id })).url);
  },
});
