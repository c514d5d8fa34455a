/**
 * Google Drive files shared publicly ("anyone with the link"), as a browser downloads them from
 * `drive.usercontent.google.com/download?id=<id>&export=download` (GOOGLE_DRIVE_DOWNLOAD_URL):
 * small files come straight away; for large ones Google first answers a page ("can't scan this
 * file for viruses") whose form (`id="download-form"`, hidden `id`, `export`, `confirm`, `uuid`)
 * leads to the file; a file downloaded too much answers a page saying "Too many users have viewed
 * or downloaded this file recently" (its quota). Name and size come from the file's headers.
 * Observed behaviour, as open-source downloaders (gdown and others) document it.
 */
import { MINUTE_MS } from "../lib/time";
import { callHoster, failureForStatus, fileUnavailable, hosterQuotaExceeded, parseUrl, type HosterReply } from "./hoster-api";
import { describeOriginResponse } from "./origin";
import { resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const ID = /^[A-Za-z0-9_-]{20,80}$/;

function fileId(link: URL): string | null {
  const host = link.hostname.toLowerCase();
  if (host !== "drive.google.com" && host !== "docs.google.com" && host !== "drive.usercontent.google.com") return null;
  const id = /^\/file\/d\/([^/]+)/.exec(link.pathname)?.[1] ?? (/^\/(?:open|uc|download)$/.test(link.pathname) ? link.searchParams.get("id") : null);
  return id && ID.test(id) ? id : null;
}

const QUOTA_PAGE = /Too many users have viewed or downloaded this file recently/i;

/** The URL the file itself comes from: the download URL, or the one the virus-scan warning's form leads to. */
function confirmedUrl(reply: HosterReply): URL | null {
  const form = /<form\b[^>]*\bid="download-form"[^>]*>([\s\S]*?)<\/form>/i.exec(reply.text);
  const action = form ? /\baction="([^"]+)"/i.exec(form[0])?.[1] : undefined;
  const target = action ? parseUrl(action.replace(/&amp;/g, "&")) : null;
  if (!form || !target) return null;
  for (const input of form[1]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname="([^"]+)"/i.exec(input[0])?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(input[0])?.[1];
    if (name && value !== undefined && input[0].includes('type="hidden"')) target.searchParams.set(name, value.replace(/&amp;/g, "&"));
  }
  return target;
}

/** Asks for the first byte, through the warning page when Google shows one: the reply for the file itself and its URL. */
async function firstByte(id: string, ctx: HosterContext): Promise<{ reply: HosterReply; url: URL }> {
  const base = ctx.env.GOOGLE_DRIVE_DOWNLOAD_URL.replace(/\/$/, "");
  let url = new URL(`${base}/download?id=${encodeURIComponent(id)}&export=download`);
  let reply = await callHoster(ctx, url, { headers: { range: "bytes=0-0", accept: "*/*" } });
  for (let page = 0; page < 2 && (reply.headers.get("content-type") ?? "").startsWith("text/html"); page++) {
    if (QUOTA_PAGE.test(reply.text)) throw hosterQuotaExceeded();
    const next = confirmedUrl(reply);
    // An HTML page without the form: a sign-in page or a removed file.
    if (!next) throw fileUnavailable(reply.status === 200 ? "not_public" : undefined);
    url = next;
    reply = await callHoster(ctx, url, { headers: { range: "bytes=0-0", accept: "*/*" } });
  }
  if (reply.status !== 200 && reply.status !== 206) throw QUOTA_PAGE.test(reply.text) ? hosterQuotaExceeded() : failureForStatus(reply.status);
  return { reply, url };
}

export const googleDriveAdapter = resolvingAdapter<string>({
  id: "google-drive",
  name: "Google Drive",
  domains: ["drive.google.com", "docs.google.com", "drive.usercontent.google.com"],
  linkPatterns: [
    /https?:\/\/(?:drive|docs)\.google\.com\/file\/d\/[A-Za-z0-9_-]{20,80}/,
    /https?:\/\/(?:drive|docs)\.google\.com\/(?:open|uc)\?(?:[^#]*&)?id=[A-Za-z0-9_-]{20,80}/,
  ],
  exampleLink: "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz012345/view?usp=sharing",
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: true },
  parse: fileId,

  async check(id, ctx) {
    const { reply, url } = await firstByte(id, ctx);
    return describeOriginResponse(reply, [url]);
  },

  // The confirmed URL carries a short-lived token: reused for the ranges of one download, resolved again when it lapses.
  resolve: async (id, ctx) => ({ url: (await firstByte(id, ctx)).url.href, reuseMs: 10 * MINUTE_MS }),
});
