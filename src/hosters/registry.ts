/** The registry of hoster adapters: which adapter takes a link, what /hosts* report, and whether a hoster is up. */
import { AppError } from "../errors";
import { fetchDepsFromEnv, type FetchDeps } from "../fetching/safe-fetch";
import { checkUrlSyntax } from "../fetching/url-policy";
import { ddownloadAdapter } from "./ddownload";
import { directHttpAdapter } from "./direct-http";
import { bareHost } from "./hoster-api";
import { dropboxAdapter } from "./dropbox";
import { gofileAdapter } from "./gofile";
import { googleDriveAdapter } from "./google-drive";
import { katfileAdapter } from "./katfile";
import { mediafireAdapter } from "./mediafire";
import { megaAdapter } from "./mega";
import { nitroflareAdapter } from "./nitroflare";
import { onedriveAdapter } from "./onedrive";
import { onefichierAdapter } from "./onefichier";
import { pixeldrainAdapter } from "./pixeldrain";
import { rapidgatorAdapter } from "./rapidgator";
import type { FileInfo, HosterAdapter, HosterContext, HosterEnv, HosterStatus } from "./types";

/** Hoster-specific adapters first; the direct-link adapter takes whatever http(s) link is left. */
export const HOSTER_ADAPTERS: readonly HosterAdapter[] = [
  onefichierAdapter, rapidgatorAdapter, nitroflareAdapter, ddownloadAdapter, katfileAdapter,
  megaAdapter, pixeldrainAdapter, gofileAdapter, mediafireAdapter, googleDriveAdapter, dropboxAdapter, onedriveAdapter,
  directHttpAdapter,
];

/** Adapters of named hosters (the ones /hosts, /hosts/regex and /hosts/domains list). */
export const NAMED_HOSTERS = HOSTER_ADAPTERS.filter((adapter) => adapter.domains.length > 0);

export function findAdapterForLink(link: URL): HosterAdapter | null {
  return HOSTER_ADAPTERS.find((adapter) => adapter.accepts(link)) ?? null;
}

export function findAdapterById(id: string): HosterAdapter | null {
  return HOSTER_ADAPTERS.find((adapter) => adapter.id === id) ?? null;
}

/** A RegExp as the delimited string clients expect: `/…/` with forward slashes escaped. */
export function delimitedPattern(pattern: RegExp): string {
  return `/${pattern.source.replace(/(?<!\\)\//g, "\\/")}/`;
}

export function hosterContext(env: HosterEnv, password?: string, deps?: FetchDeps, now = Date.now()): HosterContext {
  return { deps: deps ?? fetchDepsFromEnv(env), env, password: password || undefined, now };
}

/** A hoster's status: "maintenance" when the operator lists its id in HOSTERS_IN_MAINTENANCE, else what the adapter says. */
export function hosterStatus(adapter: HosterAdapter, ctx: HosterContext): HosterStatus {
  const listed = (ctx.env.HOSTERS_IN_MAINTENANCE ?? "").split(",").map((id) => id.trim());
  return listed.includes(adapter.id) ? "maintenance" : adapter.status(ctx);
}

/** Refuses when the hoster is in maintenance (17) or down (19). */
export function assertHosterUp(adapter: HosterAdapter, ctx: HosterContext): void {
  const status = hosterStatus(adapter, ctx);
  if (status === "maintenance") throw new AppError("hoster_in_maintenance");
  if (status === "down") throw new AppError("hoster_unavailable");
}

export type MatchedLink = { adapter: HosterAdapter; link: URL; host: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Parses the link (SSRF syntax rules first: nothing leaves for a refused link) and finds its
 * adapter. A link of another scheme (magnet:, ftp:…) names no hoster we support: hoster_unsupported.
 */
export function matchLink(ctx: HosterContext, raw: string): MatchedLink {
  const url = parseLink(ctx, raw);
  const adapter = findAdapterForLink(url);
  if (!adapter) throw new AppError("hoster_unsupported");
  // A named hoster's page is no direct file: its folders go to unrestrict/folder, other shapes are not supported.
  const owner = adapter === directHttpAdapter ? NAMED_HOSTERS.find((named) => named.domains.includes(bareHost(url))) : undefined;
  if (owner?.acceptsFolder(url)) throw new AppError("folder_link");
  if (owner) throw new AppError("hoster_unsupported", { details: { reason: "not_a_file_link" } });
  return { adapter, link: url, host: adapter.hostOf(url) };
}

function parseLink(ctx: HosterContext, raw: string): URL {
  const scheme = SCHEME.exec(raw.trim())?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") throw new AppError("hoster_unsupported", { details: { reason: "scheme" } });
  return checkUrlSyntax(raw, ctx.deps.policy).url;
}

/** The adapter whose folder links include this one, or null (a file link, a folder of a hoster without folders). */
export function matchFolderLink(ctx: HosterContext, raw: string): { adapter: HosterAdapter; link: URL } | null {
  const url = parseLink(ctx, raw);
  const adapter = HOSTER_ADAPTERS.find((candidate) => candidate.acceptsFolder(url));
  return adapter ? { adapter, link: url } : null;
}

export type CheckedLink = MatchedLink & { info: FileInfo };
