/**
 * `GET|HEAD /d/:id/:filename` on the download host: streams the file from its origin, with Range
 * (206, resume, parallel chunks), never buffered, counting the bytes sent to the owner's traffic.
 * The 160-bit id is the capability; the file name in the path is only for the user's tools.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { countBytes } from "../../downloads/count-bytes";
import { findDownload } from "../../downloads/records";
import { hosterContext } from "../../downloads/unrestrict";
import { attachmentDisposition } from "../../hosters/file-info";
import { findAdapterById } from "../../hosters/registry";
import { endTransfer, startTransfer } from "../../quotas/active-transfers";
import { accountPlan, assertDownloadAllowed } from "../../quotas/enforce";
import { addBytesSent } from "../../traffic/counters";

export const downloadRoutes = new Hono<AppEnv>();

const ID = /^[A-Z2-7]{32}$/;
/** `bytes=` ranges, a few of them at most: enough for every downloader, bounded for the origin. */
const RANGE = /^bytes=\s*(\d*-\d*)(\s*,\s*\d*-\d*){0,7}\s*$/;
const PASSED_HEADERS = ["content-length", "content-range", "etag", "last-modified"];

downloadRoutes.on(["GET", "HEAD"], "/d/:id/:filename", async (c) => {
  const id = c.req.param("id");
  // The journal keeps the id (no file name): enough to answer a lawful request, nothing about the file.
  c.set("journalPath", `/d/${id.slice(0, 64)}/:filename`);
  const now = Date.now();
  const record = ID.test(id) ? await findDownload(c.env, id, now) : null;
  if (!record || record.expiresAt <= now) throw new AppError("download_expired");
  c.set("accountId", String(record.accountId));
  const adapter = findAdapterById(record.adapterId);
  if (!adapter) throw new AppError("hoster_unsupported");
  const plan = await accountPlan(c.env.DB, record.accountId, now);
  await assertDownloadAllowed(c.env.DB, record.accountId, plan, adapter, record.host, now);

  const headers = new Headers({
    "content-type": record.mimeType,
    "content-disposition": attachmentDisposition(record.filename),
    "accept-ranges": "bytes",
    // no-transform: an edge must not compress a file whose lengths and ranges we announce.
    "cache-control": "private, no-store, no-transform",
  });
  if (c.req.method === "HEAD" && record.filesize > 0 && !c.req.header("range")) {
    headers.set("content-length", String(record.filesize));
    return new Response(null, { status: 200, headers });
  }
  const range = c.req.header("range") ?? null;
  if (range !== null && !RANGE.test(range)) throw new AppError("bad_request");
  const transferId = await startTransfer(c.env.DB, record.accountId, plan, now);
  let origin: Response;
  try {
    origin = await adapter.open(new URL(record.link), hosterContext(c.env), range);
  } catch (error) {
    c.executionCtx.waitUntil(endTransfer(c.env.DB, transferId));
    throw error;
  }
  for (const name of PASSED_HEADERS) {
    const value = origin.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  // Several ranges come back as multipart/byteranges, whose boundary lives in the content type.
  const originType = origin.headers.get("content-type");
  if (origin.status === 206 && originType?.toLowerCase().startsWith("multipart/byteranges")) headers.set("content-type", originType);
  if (c.req.method === "HEAD" || origin.status === 416 || origin.body === null) {
    await origin.body?.cancel();
    c.executionCtx.waitUntil(endTransfer(c.env.DB, transferId));
    return new Response(null, { status: origin.status, headers });
  }
  const declaredLength = origin.headers.get("content-length");
  const length = declaredLength !== null && /^\d{1,15}$/.test(declaredLength) ? Number(declaredLength) : null;
  const { readable, bytesSent } = countBytes(origin.body, length);
  c.set("bytesSent", bytesSent);
  // The relay runs after the handler returns; waitUntil keeps it, and the traffic write, alive.
  c.executionCtx.waitUntil(
    bytesSent.then((bytes) => Promise.all([addBytesSent(c.env.DB, record.accountId, record.host, Date.now(), bytes), endTransfer(c.env.DB, transferId)])),
  );
  return new Response(readable, { status: origin.status, headers });
});
