/**
 * Rapidgator through its premium API v2 (https://rapidgator.net/article/api/index, RAPIDGATOR_API_URL):
 * `user/login?login=&password=` opens a session whose token goes with every call; `file/info?file_id=`
 * describes a file, `file/download?file_id=` gives a download URL. Every reply is `{response,
 * status, details}`: status 401 for a lapsed session (logged in again, once), 404 for a missing
 * file, 403 with the reason when the account's daily traffic is used up. Driven by the service's
 * own premium account (secrets RAPIDGATOR_LOGIN and RAPIDGATOR_PASSWORD), sent only to the API.
 */
import { HOUR_MS } from "../lib/time";
import { apiUrl, callHoster, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, idInPath, jsonObject, linkPattern, namedFile, numberField, stringField } from "./hoster-api";
import { forget, rememberedOr } from "./memory-cache";
import { resolvedUrl, resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const SESSION_KEY = "rapidgator-session";
const DOMAINS = ["rapidgator.net", "rg.to"] as const;
const ID = "(?:[0-9a-f]{32}|\\d{4,12})";
const FILE_PATH = new RegExp(`^/file/(${ID})(?:/[^/]*)?$`);

function session(ctx: HosterContext): Promise<string> {
  return rememberedOr(SESSION_KEY, ctx.now, HOUR_MS, async () => {
    const reply = await callHoster(ctx, apiUrl(ctx.env.RAPIDGATOR_API_URL, "/user/login", { login: ctx.env.RAPIDGATOR_LOGIN!, password: ctx.env.RAPIDGATOR_PASSWORD! }));
    const token = stringField((jsonObject(reply).response as { token?: unknown } | null)?.token);
    if (!token) throw hosterUnavailable("login_refused");
    return token;
  });
}

/** One API call with the session token; the `response` object, or the mapped error. */
async function call(ctx: HosterContext, path: string, fileIdValue: string, retry = true): Promise<Record<string, unknown>> {
  const token = await session(ctx);
  const reply = await callHoster(ctx, apiUrl(ctx.env.RAPIDGATOR_API_URL, path, { file_id: fileIdValue, token }));
  const answer = jsonObject(reply);
  const status = numberField(answer.status) || reply.status;
  if (status === 401 && retry) {
    forget(SESSION_KEY);
    return call(ctx, path, fileIdValue, false);
  }
  if (status === 200 && answer.response && typeof answer.response === "object") return answer.response as Record<string, unknown>;
  const details = stringField(answer.details);
  if (status === 404) throw fileUnavailable();
  if (status === 429 || (status === 403 && /limit|traffic|quota|exceeded/i.test(details))) throw hosterQuotaExceeded();
  throw hosterUnavailable(`rapidgator_${status}`);
}

export const rapidgatorAdapter = resolvingAdapter<string>({
  id: "rapidgator",
  name: "Rapidgator",
  domains: DOMAINS,
  linkPatterns: [linkPattern(DOMAINS, `/file/${ID}`)],
  exampleLink: "https://rapidgator.net/file/0123456789abcdef0123456789abcdef/holidays.mkv.html",
  limits: { linksPerDay: 200, bytesPerDay: 50 * GIB, maxChunks: 4, free: false },
  secrets: ["RAPIDGATOR_LOGIN", "RAPIDGATOR_PASSWORD"],
  parse: (link) => idInPath(link, DOMAINS, FILE_PATH),

  async check(id, ctx) {
    const file = ((await call(ctx, "/file/info", id)).file ?? {}) as Record<string, unknown>;
    return namedFile(file.name, file.size);
  },

  async resolve(id, ctx) {
    return resolvedUrl((await call(ctx, "/file/download", id)).download_url);
  },
});
