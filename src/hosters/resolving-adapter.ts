/**
 * The shape most hosters share: an API (or page) checks a link and resolves it to a download URL,
 * often expiring. This builds the adapter from a hoster's few specific pieces: which links it takes,
 * its check, its resolution, its folders. Resolved URLs are reused by the next range requests of a
 * download while they are fresh, and resolved again when the origin says they lapsed.
 */
import { MAX_FOLDER_LINKS } from "../config";
import { failureForStatus, fileUnavailable, hosterUnavailable } from "./hoster-api";
import { forget, recall, remember } from "./memory-cache";
import { fetchOrigin, isServable } from "./origin";
import type { FileInfo, HosterAdapter, HosterContext, HosterLimits, HosterSecrets } from "./types";

/** A download URL a hoster gave, with the headers (cookies, tokens) it must be fetched with. */
export type Resolved = {
  url: string;
  headers?: Record<string, string>;
  /** How long the URL may be reused by later requests; absent or 0: resolved again for every request. */
  reuseMs?: number;
};

/** The download URL an API answered (reused for `reuseMs`), or hoster_unavailable when it gave none. */
export function resolvedUrl(value: unknown, reuseMs?: number): Resolved {
  if (typeof value !== "string" || value === "") throw hosterUnavailable("no_url");
  return { url: value, reuseMs };
}

/** What an origin answers to a URL that lapsed (expired, used up, signed for another time). */
const LAPSED_STATUSES = new Set([401, 403, 404, 410]);

export type ResolvingAdapterSpec<File, Folder, R extends Resolved> = {
  id: string;
  name: string;
  domains: readonly string[];
  linkPatterns: readonly RegExp[];
  folderPatterns?: readonly RegExp[];
  exampleLink: string;
  exampleFolderLink?: string;
  limits: HosterLimits;
  /** Premium keys the adapter needs: it reports "down" (and refuses with code 19) while one is missing. */
  secrets?: readonly (keyof HosterSecrets)[];
  /** The file a link names, or null when it is not one of this hoster's file links. */
  parse(link: URL): File | null;
  parseFolder?(link: URL): Folder | null;
  check(file: File, ctx: HosterContext): Promise<FileInfo>;
  resolve(file: File, ctx: HosterContext): Promise<R>;
  /** Fetches a resolved file with the range asked for (any status: servable, lapsed or failed); default: a GET. */
  fetchResolved?(resolved: R, ctx: HosterContext, range: string | null, ifRange: string | null): Promise<Response>;
  /** The error for an origin status that is neither servable nor a lapse; default failureForStatus. */
  originFailure?(status: number): Error;
  listFolder?(folder: Folder, ctx: HosterContext): Promise<string[]>;
};

async function fetchPlain(resolved: Resolved, ctx: HosterContext, range: string | null, ifRange: string | null): Promise<Response> {
  return (await fetchOrigin(resolved.url, ctx, { range, ifRange, headers: resolved.headers })).response;
}

export function resolvingAdapter<File, Folder = never, R extends Resolved = Resolved>(spec: ResolvingAdapterSpec<File, Folder, R>): HosterAdapter {
  const hasSecrets = (ctx: HosterContext) => (spec.secrets ?? []).every((name) => Boolean(ctx.env[name]));
  const fileOf = (link: URL, ctx: HosterContext): File => {
    if (!hasSecrets(ctx)) throw hosterUnavailable("not_configured");
    const file = spec.parse(link);
    if (file === null) throw fileUnavailable("not_a_file_link");
    return file;
  };
  const fetchResolved = spec.fetchResolved ?? fetchPlain;

  return {
    id: spec.id,
    name: spec.name,
    domains: spec.domains,
    linkPatterns: spec.linkPatterns,
    folderPatterns: spec.folderPatterns ?? [],
    exampleLink: spec.exampleLink,
    exampleFolderLink: spec.exampleFolderLink,
    limits: spec.limits,
    status: (ctx) => (hasSecrets(ctx) ? "up" : "down"),
    accepts: (link) => spec.parse(link) !== null,
    acceptsFolder: (link) => spec.parseFolder?.(link) != null,
    hostOf: () => spec.domains[0]!,

    check: async (link, ctx) => spec.check(fileOf(link, ctx), ctx),

    async open(link, ctx, range, ifRange = null) {
      const file = fileOf(link, ctx);
      // The password is part of the key: a URL resolved with the right password never serves a wrong one.
      const key = `resolved\n${spec.id}\n${ctx.password ?? ""}\n${link.href}`;
      const cached = recall<R>(key, ctx.now);
      let resolved = cached ?? (await spec.resolve(file, ctx));
      let response = await fetchResolved(resolved, ctx, range, ifRange);
      if (cached && LAPSED_STATUSES.has(response.status)) {
        // The reused URL expired since: resolve the link again, once.
        await response.body?.cancel();
        forget(key);
        resolved = await spec.resolve(file, ctx);
        response = await fetchResolved(resolved, ctx, range, ifRange);
      }
      if (!isServable(response.status)) {
        await response.body?.cancel();
        forget(key);
        throw (spec.originFailure ?? failureForStatus)(response.status);
      }
      if (resolved !== cached && resolved.reuseMs) remember(key, resolved, ctx.now + resolved.reuseMs);
      return response;
    },

    async listFolder(link, ctx) {
      if (!hasSecrets(ctx)) throw hosterUnavailable("not_configured");
      const folder = spec.parseFolder?.(link);
      if (folder == null || !spec.listFolder) return [];
      return (await spec.listFolder(folder, ctx)).slice(0, MAX_FOLDER_LINKS);
    },
  };
}
