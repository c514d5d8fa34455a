/**
 * OneDrive sharing links (`1drv.ms/…`, `onedrive.live.com/…`), through the documented shares API
 * (https://learn.microsoft.com/onedrive/developer/rest-api/api/shares_get, ONEDRIVE_API_URL):
 * `GET /shares/u!<base64url of the link>/root` answers the shared item (`name`, `size`, `file`
 * or `folder`) with a short-lived, pre-authenticated `@content.downloadUrl`. Errors are
 * `{error: {code}}`: `itemNotFound` (404), `accessDenied` (403), `activityLimitReached` (429
 * with Retry-After). Password-protected sharing links need a browser sign-in: they answer 403.
 */
import { MINUTE_MS } from "../lib/time";
import { callHoster, failureForStatus, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, jsonObject, namedFile, numberField, stringField } from "./hoster-api";
import { resolvedUrl, resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;

function sharingLink(link: URL): string | null {
  const host = link.hostname.toLowerCase();
  if (host === "1drv.ms") return /^\/[a-z]\/(?:s!|c\/)[A-Za-z0-9_!/-]{6,200}$/.test(link.pathname) ? link.href : null;
  if (host === "onedrive.live.com") return link.searchParams.has("resid") || link.searchParams.has("id") ? link.href : null;
  return null;
}

/** The share id of a sharing link: `u!` and the link in unpadded base64url (as the API documents). */
function shareId(link: string): string {
  const bytes = new TextEncoder().encode(link);
  return "u!" + btoa(String.fromCharCode(...bytes)).replace(/=+$/, "").replace(/\//g, "_").replace(/\+/g, "-");
}

async function sharedItem(link: string, ctx: HosterContext): Promise<Record<string, unknown>> {
  const reply = await callHoster(ctx, `${ctx.env.ONEDRIVE_API_URL.replace(/\/$/, "")}/shares/${shareId(link)}/root`);
  if (reply.status === 200) {
    const item = jsonObject(reply);
    // A shared folder: its files have no links of their own to give back.
    if (item.folder !== undefined || item.file === undefined) throw fileUnavailable("folder");
    return item;
  }
  const code = stringField(((reply.json ?? {}) as { error?: { code?: unknown } }).error?.code);
  if (reply.status === 429 || code === "activityLimitReached") throw hosterQuotaExceeded(numberField(reply.headers.get("retry-after")) || undefined);
  if (reply.status === 401 || reply.status === 403 || reply.status === 404) throw fileUnavailable(code || undefined);
  throw reply.status >= 500 ? hosterUnavailable(`api_status_${reply.status}`) : failureForStatus(reply.status);
}

export const onedriveAdapter = resolvingAdapter<string>({
  id: "onedrive",
  name: "OneDrive",
  domains: ["1drv.ms", "onedrive.live.com"],
  linkPatterns: [/https?:\/\/1drv\.ms\/[a-z]\/(?:s!|c\/)[A-Za-z0-9_!/-]{6,200}/, /https?:\/\/onedrive\.live\.com\/[^\s]*[?&](?:resid|id)=/],
  exampleLink: "https://1drv.ms/u/s!AkX9d2Lq0bVhgQ5k3rT_pYzQwErT",
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: true },
  parse: sharingLink,

  async check(link, ctx) {
    const item = await sharedItem(link, ctx);
    return namedFile(item.name, item.size, stringField((item.file as { mimeType?: unknown } | undefined)?.mimeType));
  },

  async resolve(link, ctx) {
    // Pre-authenticated URLs last about an hour: reused for the ranges of one download.
    return resolvedUrl((await sharedItem(link, ctx))["@content.downloadUrl"], 10 * MINUTE_MS);
  },
});
