/**
 * Dropbox shared file links (`/s/<id>/<name>` and `/scl/fi/<id>/<name>?rlkey=…`), as Dropbox
 * documents them (https://help.dropbox.com/share/force-download): the same link with `dl=1`
 * redirects to the file on an expiring `dl.dropboxusercontent.com` URL, with its name in
 * Content-Disposition. A link whose traffic is over Dropbox's limit answers 429; a link protected
 * by a password redirects to a password page, whose form is a browser session (not supported: code
 * 13). The site's origin is DROPBOX_URL. Shared folders download as a zip of their own: not listed.
 */
import { AppError } from "../errors";
import { fileUnavailable, parseUrl } from "./hoster-api";
import { probeOrigin } from "./origin";
import { resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const FILE_PATH = /^\/(?:s\/[a-zA-Z0-9]{6,40}|scl\/fi\/[a-zA-Z0-9]{6,40})\/[^/]+$/;

function sharedPath(link: URL): string | null {
  const host = link.hostname.toLowerCase().replace(/^www\./, "");
  return host === "dropbox.com" && FILE_PATH.test(link.pathname) ? link.pathname + link.search : null;
}

/** The forced-download URL of a shared link on DROPBOX_URL: `dl=1`, the link's `rlkey` kept. */
function downloadUrl(path: string, ctx: HosterContext): string {
  const url = parseUrl(ctx.env.DROPBOX_URL.replace(/\/$/, "") + path)!;
  url.searchParams.set("dl", "1");
  return url.href;
}

export const dropboxAdapter = resolvingAdapter<string>({
  id: "dropbox",
  name: "Dropbox",
  domains: ["dropbox.com"],
  linkPatterns: [/https?:\/\/(?:www\.)?dropbox\.com\/(?:s|scl\/fi)\/[a-zA-Z0-9]{6,40}\/[^/?#\s]+/],
  exampleLink: "https://www.dropbox.com/scl/fi/a1b2c3d4e5f6g7h8i9j0k/holidays.mp4?rlkey=abcdef1234567890abcdef123&dl=0",
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: true },
  parse: sharedPath,

  async check(path, ctx) {
    const { info, url, isPage } = await probeOrigin(downloadUrl(path, ctx), ctx);
    // A page instead of the file: the password form, or a link that no longer shares a file.
    if (isPage && /\/password\b/.test(url.pathname)) throw new AppError("file_password_wrong", { details: { reason: "password_form_unsupported" } });
    if (isPage) throw fileUnavailable("not_a_file");
    return info;
  },

  // The shared link stays valid; each request follows its redirect to a fresh content URL.
  resolve: async (path, ctx) => ({ url: downloadUrl(path, ctx) }),
});
