/**
 * Hosters running XFileSharing, whose API v2 (`/api/<method>?key=<API key>&…`) several of them
 * publish (DDownload: https://ddownload.com/api, Katfile: https://katfile.com/api): `file/info?
 * file_code=` gives each file's `status` (200, or 404 when gone), `name` and `size`;
 * `file/direct_link?file_code=` a premium download URL. Replies are `{msg, status, result}`;
 * a refusal has another status and says why in `msg` ("…traffic limit…"). File links are
 * `https://<domain>/<12-character code>[/<name>]`. Each such hoster gives its domains, API base var
 * and key secret; the rest is shared.
 */
import { MINUTE_MS } from "../lib/time";
import { apiUrl, callHoster, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, idInPath, jsonObject, linkPattern, namedFile, numberField, stringField } from "./hoster-api";
import { resolvedUrl, resolvingAdapter } from "./resolving-adapter";
import type { HosterAdapter, HosterContext, HosterLimits, HosterSecrets } from "./types";

const FILE_PATH = /^\/([a-z0-9]{12})(?:\/[^/]*)?$/;

export type XFileSharingHoster = {
  id: string;
  name: string;
  domains: readonly string[];
  exampleLink: string;
  limits: HosterLimits;
  /** The API base (a var), e.g. `https://api-v2.ddownload.com/api`. */
  apiBase: (env: Env) => string;
  key: keyof HosterSecrets;
};

export function xfilesharingAdapter(hoster: XFileSharingHoster): HosterAdapter {
  async function call(ctx: HosterContext, method: string, code: string): Promise<unknown> {
    const answer = jsonObject(await callHoster(ctx, apiUrl(hoster.apiBase(ctx.env), `/${method}`, { key: ctx.env[hoster.key]!, file_code: code })));
    if (numberField(answer.status) === 200) return answer.result;
    const message = stringField(answer.msg);
    if (numberField(answer.status) === 404 || /not found|no file/i.test(message)) throw fileUnavailable();
    if (/limit|traffic|quota/i.test(message)) throw hosterQuotaExceeded();
    throw hosterUnavailable(`${hoster.id}_${numberField(answer.status)}`);
  }

  return resolvingAdapter<string>({
    id: hoster.id,
    name: hoster.name,
    domains: hoster.domains,
    linkPatterns: [linkPattern(hoster.domains, "/[a-z0-9]{12}")],
    exampleLink: hoster.exampleLink,
    limits: hoster.limits,
    secrets: [hoster.key],
    parse: (link) => idInPath(link, hoster.domains, FILE_PATH),

    async check(code, ctx) {
      const result = await call(ctx, "file/info", code);
      const file = (Array.isArray(result) ? result[0] : undefined) as Record<string, unknown> | undefined;
      if (!file || numberField(file.status) !== 200) throw fileUnavailable();
      return namedFile(file.name, file.size);
    },

    async resolve(code, ctx) {
      return resolvedUrl(((await call(ctx, "file/direct_link", code)) as { url?: unknown } | null)?.url, 10 * MINUTE_MS);
    },
  });
}
