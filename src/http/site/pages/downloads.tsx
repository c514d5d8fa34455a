/** Download pages of a logged-in user: the downloader and the history. Mounted at /, each route behind requireAccount(). */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { HISTORY_PAGE_SIZE, MAX_LINKS_PER_SUBMIT } from "../../../config";
import { deleteDownload, displayHost, listDownloads } from "../../../downloads/records";
import { unrestrictLink } from "../../../downloads/unrestrict";
import type { AppEnv } from "../../../env";
import { AppError, ERRORS } from "../../../errors";
import { readDayUse } from "../../../quotas";
import { DOWNLOADER_TEXT, DownloaderPage, type LinkResult } from "../../../views/downloader-page";
import { DownloadsHistoryPage, HISTORY_TEXT } from "../../../views/downloads-history-page";
import { toAppError } from "../../error-rendering";
import { formValidator, pageParam, pageQuery } from "../input";
import { requireAccount } from "../guards";

export const downloadPages = new Hono<AppEnv>();

const downloaderFrame = (c: Context<AppEnv>) => ({ title: DOWNLOADER_TEXT[c.var.language].title, currentPath: "/downloader" });

downloadPages.get("/downloader", requireAccount(), (c) => c.render(<DownloaderPage language={c.var.language} />, downloaderFrame(c)));

downloadPages.post("/downloader", requireAccount(), formValidator(v.object({ links: v.string() })), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const text = form.ok ? form.value.links : "";
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const accountId = c.var.session!.accountId;
  const db = c.var.db;
  const results: LinkResult[] = [];
  // Read once for the whole submit; each link's counter update still checks its limit atomically.
  const known = await readDayUse(db, accountId, Date.now());
  const defer = (write: Promise<void>) => c.executionCtx.waitUntil(write);
  // One link at a time: each gets its own outcome, and a failure writes nothing for that link.
  for (const link of lines.slice(0, MAX_LINKS_PER_SUBMIT)) {
    try {
      const record = await unrestrictLink(db, { env: c.env, accountId, link, remote: false, declaredIp: null, client: c.var.client, known, defer }, Date.now());
      results.push({ link, ok: true, filename: record.filename, filesize: record.filesize, host: displayHost(record), download: record.download, expiresAt: record.expiresAt });
    } catch (error) {
      // Whatever went wrong with one link is that link's error: the others' results are kept.
      const { key } = toAppError(error, c.var.requestId);
      results.push({ link, ok: false, error: key, message: ERRORS[key][language] });
    }
  }
  const skipped = Math.max(0, lines.length - MAX_LINKS_PER_SUBMIT);
  return c.render(<DownloaderPage language={language} links={text} results={results} truncatedAt={skipped > 0 ? MAX_LINKS_PER_SUBMIT : undefined} skipped={skipped} />, downloaderFrame(c));
});

const HistoryQuery = v.object({ page: v.optional(v.fallback(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100_000)), 1), "1") });

downloadPages.get("/downloads", requireAccount(), pageQuery("query", HistoryQuery), async (c) => {
  const { page } = c.req.valid("query");
  const now = Date.now();
  const { total, items } = await listDownloads(c.var.db, { kv: c.env.KV, accountId: c.var.session!.accountId, offset: (page - 1) * HISTORY_PAGE_SIZE, limit: HISTORY_PAGE_SIZE }, now);
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  return c.render(<DownloadsHistoryPage language={c.var.language} items={items} page={page} pages={pages} now={now} />, {
    title: HISTORY_TEXT[c.var.language].title,
    currentPath: "/downloads",
  });
});

const DownloadId = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

downloadPages.post("/downloads/:id/delete", requireAccount(), pageParam("param", DownloadId), async (c) => {
  const { id } = c.req.valid("param");
  if (!(await deleteDownload(c.var.db, { accountId: c.var.session!.accountId, id }))) throw new AppError("page_not_found");
  return c.redirect("/downloads", 303);
});
