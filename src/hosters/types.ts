/** What every hoster adapter provides: which links it takes, how to check and fetch them, its limits. */
import type { FetchDeps } from "../fetching/safe-fetch";

export type HosterStatus = "up" | "maintenance" | "down";

export type HosterLimits = {
  /** Links a premium account may unrestrict per UTC day on this hoster. */
  linksPerDay: number;
  /** Bytes a premium account may download per UTC day from this hoster. */
  bytesPerDay: number;
  /** Parallel connections a downloader may open on one file. */
  maxChunks: number;
  /** Whether free accounts may use it (premium-only hosters answer code 20 to free accounts). */
  free: boolean;
};

/** `acceptRanges`: whether the origin is known to serve byte ranges (what a HEAD answered without it may promise). */
export type FileInfo = { filename: string; filesize: number; mimeType: string; acceptRanges?: boolean };

/** Premium keys of the service's own hoster accounts (Worker secrets, see .dev.vars.example); sent only to that hoster. */
export type HosterSecrets = {
  ONEFICHIER_API_KEY?: string;
  RAPIDGATOR_LOGIN?: string;
  RAPIDGATOR_PASSWORD?: string;
  NITROFLARE_USER?: string;
  NITROFLARE_PREMIUM_KEY?: string;
  DDOWNLOAD_API_KEY?: string;
  KATFILE_API_KEY?: string;
};

/** The Worker env as adapters see it: vars plus the premium keys of hosters. */
export type HosterEnv = Env & HosterSecrets;
/** `now`: ms since epoch, for what an adapter remembers between requests (resolved URLs, API sessions). */
export type HosterContext = { deps: FetchDeps; env: HosterEnv; password?: string; now: number };

export type HosterAdapter = {
  id: string;
  name: string;
  /** Main domain first; links are matched by exact hostname against these. */
  domains: readonly string[];
  /** `/hosts/regex` shapes of the links it takes. */
  linkPatterns: readonly RegExp[];
  /** `/hosts/regexFolder` shapes of its folder links. */
  folderPatterns: readonly RegExp[];
  /** A link of the shape users paste: shown on the hosters page, run through /hosts/regex by the tests. */
  exampleLink: string;
  exampleFolderLink?: string;
  limits: HosterLimits;
  status(ctx: HosterContext): HosterStatus;
  /** Whether this adapter takes the (already parsed) link as a file link. */
  accepts(link: URL): boolean;
  /** Whether the link is one of its folder links. */
  acceptsFolder(link: URL): boolean;
  /** The host key reported, counted and limited for a link: the main domain, or "direct" for every direct link. */
  hostOf(link: URL): string;
  /** Availability, name, size, type. Throws file_unavailable, file_password_wrong, folder_link, link_refused, hoster_*. */
  check(link: URL, ctx: HosterContext): Promise<FileInfo>;
  /**
   * Opens the file for download, forwarding a Range header when given. Resolves to the origin's
   * response (200, 206 or 416), never buffered.
   */
  open(link: URL, ctx: HosterContext, range: string | null, ifRange?: string | null): Promise<Response>;
  /** File links of a folder link (at most MAX_FOLDER_LINKS), each one this adapter accepts. */
  listFolder(link: URL, ctx: HosterContext): Promise<string[]>;
};
