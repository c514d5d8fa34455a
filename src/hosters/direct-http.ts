/** The generic adapter: direct HTTP(S) file links on any public web server. */
import { openOrigin, probeOrigin } from "./origin";
import type { FileInfo, HosterAdapter } from "./types";

const GIB = 1024 ** 3;

/**
 * The one host key every direct link is reported, counted and limited under. A direct link's
 * hostname is part of the link (kept only encrypted, 30 days), never stored in plaintext, and
 * per-host limits cannot be dodged with other subdomains.
 */
export const DIRECT_HOST = "direct";

export const directHttpAdapter: HosterAdapter = {
  id: "direct",
  name: "Direct links",
  domains: [],
  linkPatterns: [],
  folderPatterns: [],
  exampleLink: "https://files.example.org/videos/holidays.mkv",
  limits: { linksPerDay: 2000, bytesPerDay: 500 * GIB, maxChunks: 16, free: true },
  status: () => "up",
  accepts: (link) => link.protocol === "https:" || link.protocol === "http:",
  acceptsFolder: () => false,
  hostOf: () => DIRECT_HOST,

  async check(link, ctx): Promise<FileInfo> {
    return (await probeOrigin(link, ctx)).info;
  },

  open: (link, ctx, range, ifRange) => openOrigin(link, ctx, { range, ifRange }),

  listFolder: async () => [],
};
