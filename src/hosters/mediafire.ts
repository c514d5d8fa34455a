/**
 * MediaFire, a public file host. Its public API (https://www.mediafire.com/developers, version 1.5,
 * `response_format=json`) describes a file (`file/get_info.php?quick_key=`: name, size,
 * `password_protected`) and lists a folder (`folder/get_content.php`, 100 files a chunk); errors
 * come as `result: "Error"` with a number (110: unknown quick key). The download URL itself (an
 * expiring `download<n>.mediafire.com` link) is read from the file's download page
 * (`/file/<quick key>/file`), as browsers and download managers do; a protected file's page takes
 * its password as the form field `downloadp`. No account needed (MEDIAFIRE_URL).
 */
import { MAX_FOLDER_LINKS } from "../config";
import { MINUTE_MS } from "../lib/time";
import { apiUrl, callHoster, failureForStatus, fileUnavailable, hosterUnavailable, idInPath, jsonObject, linkPattern, namedFile, numberField, passwordWrong, stringField, type HosterReply } from "./hoster-api";
import { resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const DOMAINS = ["mediafire.com"] as const;
const QUICK_KEY = "[a-zA-Z0-9]{11,15}";
const FOLDER_KEY = "[a-zA-Z0-9]{10,15}";
const FOLDER_CHUNK = 100;

const FILE_PATH = new RegExp(`^/(?:file|download|view|file_premium)/(${QUICK_KEY})(?:/[^/]*)?(?:/file)?/?$`);
const FOLDER_PATH = new RegExp(`^/folder/(${FOLDER_KEY})(?:/[^/]*)?/?$`);

/** The `response` object of an API reply, or the mapped error. */
function apiResponse(reply: HosterReply): Record<string, unknown> {
  const response = (jsonObject(reply).response ?? {}) as Record<string, unknown>;
  if (response.result === "Success") return response;
  // 110: unknown or invalid quick key; 112: unknown folder key.
  if (response.error === 110 || response.error === 112 || response.error === "110" || response.error === "112") throw fileUnavailable();
  throw reply.status >= 400 ? failureForStatus(reply.status) : hosterUnavailable(`mediafire_${String(response.error ?? "error")}`);
}

type FileInfoReply = { quickKey: string; filename: string; size: number; protected: boolean };

async function fileInfo(quickKey: string, ctx: HosterContext): Promise<FileInfoReply> {
  const reply = await callHoster(ctx, apiUrl(ctx.env.MEDIAFIRE_URL, "/api/1.5/file/get_info.php", { quick_key: quickKey, response_format: "json" }));
  const info = (apiResponse(reply).file_info ?? {}) as Record<string, unknown>;
  return { quickKey, filename: stringField(info.filename), size: numberField(info.size), protected: info.password_protected === "yes" };
}

const DOWNLOAD_BUTTON = /<a\b[^>]*\bid="downloadButton"[^>]*>/i;

/**
 * The direct URL on the file's download page (the password posted when the file has one); throws
 * when the page shows none. The page is on MediaFire's own site, whatever the API says: the
 * password goes nowhere else.
 */
async function directUrl(file: FileInfoReply, ctx: HosterContext): Promise<string> {
  const page = apiUrl(ctx.env.MEDIAFIRE_URL, `/file/${file.quickKey}/file`);
  if (file.protected && !ctx.password) throw passwordWrong();
  const reply = file.protected
    ? await callHoster(ctx, page, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ downloadp: ctx.password! }).toString() })
    : await callHoster(ctx, page);
  if (reply.status !== 200) throw failureForStatus(reply.status);
  const href = /\bhref="([^"]+)"/i.exec(DOWNLOAD_BUTTON.exec(reply.text)?.[0] ?? "")?.[1]?.replace(/&amp;/g, "&");
  if (!href) throw file.protected && /name="downloadp"/.test(reply.text) ? passwordWrong() : hosterUnavailable("no_download_button");
  return href;
}

export const mediafireAdapter = resolvingAdapter<string, string>({
  id: "mediafire",
  name: "MediaFire",
  domains: DOMAINS,
  linkPatterns: [linkPattern(DOMAINS, `/(?:file|download|view|file_premium)/${QUICK_KEY}`)],
  folderPatterns: [linkPattern(DOMAINS, `/folder/${FOLDER_KEY}`)],
  exampleLink: "https://www.mediafire.com/file/abc123def456ghi/holidays.zip/file",
  exampleFolderLink: "https://www.mediafire.com/folder/fold3rk3y12/photos",
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: true },
  parse: (link) => idInPath(link, DOMAINS, FILE_PATH),
  parseFolder: (link) => idInPath(link, DOMAINS, FOLDER_PATH),

  async check(quickKey, ctx) {
    const file = await fileInfo(quickKey, ctx);
    // A protected file is checked with its password: a wrong one is refused now, not at download time.
    if (file.protected) await directUrl(file, ctx);
    return namedFile(file.filename, file.size);
  },

  async resolve(quickKey, ctx) {
    return { url: await directUrl(await fileInfo(quickKey, ctx), ctx), reuseMs: 10 * MINUTE_MS };
  },

  async listFolder(folderKey, ctx) {
    const links: string[] = [];
    for (let chunk = 1; chunk <= Math.ceil(MAX_FOLDER_LINKS / FOLDER_CHUNK); chunk++) {
      const query = { folder_key: folderKey, content_type: "files", chunk: String(chunk), chunk_size: String(FOLDER_CHUNK), response_format: "json" };
      const content = (apiResponse(await callHoster(ctx, apiUrl(ctx.env.MEDIAFIRE_URL, "/api/1.5/folder/get_content.php", query))).folder_content ?? {}) as Record<string, unknown>;
      const files = Array.isArray(content.files) ? (content.files as Record<string, unknown>[]) : [];
      for (const file of files) {
        const key = stringField(file.quickkey);
        if (new RegExp(`^${QUICK_KEY}$`).test(key)) links.push(`https://www.mediafire.com/file/${key}/file`);
      }
      if (content.more_chunks !== "yes") break;
    }
    return links;
  },
});
