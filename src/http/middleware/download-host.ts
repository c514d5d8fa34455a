/**
 * Splits the two hosts: the download host serves only `/d/…` (no pages, no API, so no cookie or
 * session ever matters there), and the site never serves `/d/…`. Download answers are sandboxed.
 * Runs before secureHeaders() so that its CSP is the last word on the download host.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { isDownloadHost } from "../../downloads/download-host";

export const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

export function downloadHostGuard(): MiddlewareHandler<AppEnv> {
  return async function downloadHostGuard(c, next) {
    // Whatever answers a /d/ path (OPTIONS, the site host, a stray slash, an error), the journal keeps
    // the id and never the file name: set before any check can end the request.
    if (c.req.path.startsWith("/d/")) c.set("journalPath", `/d/${(c.req.path.slice(3).split("/")[0] ?? "").slice(0, 64)}/:filename`);
    const onDownloadHost = isDownloadHost(c.env, c.req.url);
    if (onDownloadHost !== c.req.path.startsWith("/d/")) throw new AppError("page_not_found");
    await next();
    if (!onDownloadHost) return;
    c.res.headers.set("content-security-policy", DOWNLOAD_CSP);
    c.res.headers.delete("set-cookie");
  };
}
