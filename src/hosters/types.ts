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
  /** Whether free accounts may use it. */
  free: boolean;
};

/** `acceptRanges`: whether the origin is known to serve byte ranges (what a HEAD answered without it may promise). */
export type FileInfo = { filename: string; filesize: number; mimeType: string; acceptRanges?: boolean };

/** The Worker env as adapters see it: vars plus the premium keys of hosters (Worker secrets). */
export type HosterEnv = Env & { ONEFICHIER_API_KEY?: string };
export type HosterContext = { deps: FetchDeps; env: HosterEnv; password?: string };

export type HosterAdapter = {
  id: string;
  name: string;
  /** Main domain first; links are matched by exact hostname against these. */
  domains: readonly string[];
  /** `/hosts/regex` shapes of the links it takes. */
  linkPatterns: readonly RegExp[];
  folderPatterns: readonly RegExp[];
  limits: HosterLimits;
  status(ctx: HosterContext): HosterStatus;
  /** Whether this adapter takes the (already parsed) link. */
  accepts(link: URL): boolean;
  /** The host key reported, counted and limited for a link: the main domain, or "direct" for every direct link. */
  hostOf(link: URL): string;
  /** Availability, name, size, type. Throws file_unavailable, link_refused, hoster_unavailable. */
  check(link: URL, ctx: HosterContext): Promise<FileInfo>;
  /**
   * Opens the file for download, forwarding a Range header when given. Resolves to the origin's
   * response (200, 206 or 416), never buffered.
   */
  open(link: URL, ctx: HosterContext, range: string | null, ifRange?: string | null): Promise<Response>;
  /** Links of a folder; [] when the adapter knows no folders. */
  listFolder(link: URL, ctx: HosterContext): Promise<string[]>;
};
