/**
 * Download pages for signed-in users: the downloader, the history, and the (public) hosters page.
 * The session middleware sets `c.var.accountId`; without one, pages send the visitor to /login.
 * CSRF is checked for every form by the app-wide csrfProtection().
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { AppError, ERRORS } from "../../errors";
import { deleteDownload, displayHost, listDownloads } from "../../downloads/records";
import { hosterContext, unrestrictLink } from "../../downloads/unrestrict";
import { unrestrictingPlan } from "../../quotas/enforce";
import { usageOnDay } from "../../traffic/counters";
import { HOSTER_ADAPTERS, hosterStatus } from "../../hosters/registry";
import { requestLanguage } from "../../lib/language";
import { navFor } from "./request-info";
import { toAppError } from "../errors";
import { DownloaderPage, type LinkResult } from "../../views/downloader-page";
import { DownloadsHistoryPage } from "../../views/downloads-history-page";
import { HostsPage } from "../../views/hosts-page";
import { loginRedirectPath } from "./auth";

export const downloadPages = new Hono<AppEnv>();

/**
 * Each link costs about one D1 batch and three subrequests (DNS A and AAAA, the origin); the plan and
 * the day's use are read once per submit. Ten links stay within the Free plan's 50 per invocation.
 */
export const MAX_LINKS_PER_SUBMIT = 10;
const HISTORY_PAGE_SIZE = 50;
const MAX_FORM_BYTES = 256 * 1024;

function language(c: Context<AppEnv>) {
  c.header("Vary", "Accept-Language");
  return requestLanguage(c.req.path, c.req.header("accept-language"));
}

function requireSignedIn(): MiddlewareHandler<AppEnv> {
  return async function requireSignedIn(c, next) {
    if (!c.var.accountId) return c.redirect(loginRedirectPath(c), 303);
    c.header("Cache-Control", "no-store");
    await next();
  };
}

downloadPages.get("/downloader", requireSignedIn(), (c) => c.html(<DownloaderPage language={language(c)} nav={navFor(c)} />));

downloadPages.post("/downloader", requireSignedIn(), async (c) => {
  const lang = language(c);
  if (Number(c.req.header("content-length") ?? 0) > MAX_FORM_BYTES) throw new AppError("payload_too_large");
  const form = await c.req.parseBody().catch(() => {
    throw new AppError("bad_request");
  });
  const text = typeof form.links === "string" ? form.links : "";
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const results: LinkResult[] = [];
  const accountId = Number(c.var.accountId);
  const now = Date.now();
  // Read once for the whole submit; each link's counter update still checks its limit atomically.
  const known = await Promise.all([unrestrictingPlan(c.env.DB, accountId, now), usageOnDay(c.env.DB, accountId, now)]).then(
    ([plan, usage]) => ({ plan, usage }),
    (error: unknown) => toAppError(error, c.var.requestId ?? "unknown"),
  );
  // One link at a time: each gets its own outcome, and a failure writes nothing for that link.
  for (const link of lines.slice(0, MAX_LINKS_PER_SUBMIT)) {
    try {
      if (known instanceof AppError) throw known;
      const record = await unrestrictLink(c.env, { accountId, link, remote: false, declaredIp: null, client: c.var.client, now: Date.now(), known });
      results.push({ link, ok: true, filename: record.filename, filesize: record.filesize, host: displayHost(record), download: record.download, expiresAt: record.expiresAt });
    } catch (error) {
      // Whatever went wrong with one link is that link's error: the others' results are kept.
      const { key } = toAppError(error, c.var.requestId ?? "unknown");
      results.push({ link, ok: false, error: key, message: ERRORS[key][lang] });
    }
  }
  const truncatedAt = lines.length > MAX_LINKS_PER_SUBMIT ? MAX_LINKS_PER_SUBMIT : undefined;
  const skipped = Math.max(0, lines.length - MAX_LINKS_PER_SUBMIT);
  return c.html(<DownloaderPage language={lang} nav={navFor(c)} links={text} results={results} truncatedAt={truncatedAt} skipped={skipped} />);
});

downloadPages.get("/downloads", requireSignedIn(), async (c) => {
  const requested = Number(c.req.query("page") ?? 1);
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
  const now = Date.now();
  const { total, items } = await listDownloads(c.env, Number(c.var.accountId), (page - 1) * HISTORY_PAGE_SIZE, HISTORY_PAGE_SIZE, now);
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  return c.html(<DownloadsHistoryPage language={language(c)} nav={navFor(c)} items={items} page={page} pages={pages} now={now} />);
});

downloadPages.post("/downloads/:id/delete", requireSignedIn(), async (c) => {
  const id = c.req.param("id");
  if (id.length > 64 || !(await deleteDownload(c.env.DB, Number(c.var.accountId), id))) throw new AppError("page_not_found");
  return c.redirect("/downloads", 303);
});

downloadPages.get("/hosts", (c) => {
  const ctx = hosterContext(c.env);
  const hosts = HOSTER_ADAPTERS.map((adapter) => ({ name: adapter.name, domains: adapter.domains, status: hosterStatus(adapter, ctx), ...adapter.limits }));
  return c.html(<HostsPage language={language(c)} nav={navFor(c)} hosts={hosts} />);
});
