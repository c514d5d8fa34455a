/**
 * `GET|HEAD /d/:id/:ticket/:filename` on a download node: checks the link's ticket (its node, its
 * network binding, its expiry) without any database call, then streams the file from its origin,
 * with Range (206, resume, parallel chunks), never buffered, counting the bytes sent to the
 * owner's traffic (and remote traffic for remote links). The 160-bit id is the capability; the file
 * name in the path is only for the user's tools. The path is recognised whatever the case of its
 * `d` and id, as download tools may change it.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { countBytes } from "../../downloads/count-bytes";
import { nodeForRequest } from "../../downloads/download-host";
import { linkSigningKey, verifyLinkTicket } from "../../downloads/link-tickets";
import { findDownload } from "../../downloads/records";
import { admitDownloadNetwork } from "../../downloads/sharing";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { attachmentDisposition } from "../../hosters/file-info";
import { withHosterOutcome } from "../../hosters/health";
import { findAdapterById, hosterContext } from "../../hosters/registry";
import { createOutbox } from "../../mail/outbox";
import { accountStatus, assertHosterAllowed, endTransfer, openByteBudget, startTransfer } from "../../quotas";
import { groupValidator } from "../input";

export const downloadRoutes = new Hono<AppEnv>();

/** `bytes=` ranges, a few of them at most: enough for every downloader, bounded for the origin. */
const RANGE = /^bytes=\s*(\d*-\d*)(\s*,\s*\d*-\d*){0,7}\s*$/;
/** Accept-Ranges is the origin's to promise, not ours. */
const PASSED_HEADERS = ["content-length", "content-range", "etag", "last-modified", "accept-ranges"];

const DownloadPath = v.object({ id: v.pipe(v.string(), v.toUpperCase(), v.regex(/^[A-Z2-7]{32}$/)), ticket: v.pipe(v.string(), v.maxLength(200)) });
const expiredUnlessValid = groupValidator({
  reject: () => {
    throw new AppError("download_expired");
  },
});

downloadRoutes.on(["GET", "HEAD"], "/:d{[dD]}/:id/:ticket/:filename", expiredUnlessValid("param", DownloadPath), async (c) => {
  const { id, ticket } = c.req.valid("param");
  const now = Date.now();
  // The node and its ticket first, without the database: a forged, foreign or misplaced link ends here.
  const node = nodeForRequest(c.env, c.req.url);
  if (!node) throw new AppError("wrong_download_node");
  const binding = await verifyLinkTicket(linkSigningKey(c.env), { ticket, id, node, clientIp: c.var.client.ip }, now);
  const db = c.var.db;
  const record = await findDownload(db, { kv: c.env.KV, id }, now);
  if (!record || record.expiresAt <= now) throw new AppError("download_expired");
  // Unbound tickets are signed only for remote links; the record says the same or the link is not ours.
  if ((binding.kind === "any") !== record.remote) throw new AppError("invalid_download_link");
  c.set("accountId", record.accountId);
  const adapter = findAdapterById(record.adapterId);
  const status = await accountStatus(db, record.accountId, now);
  if (!adapter || !status) throw new AppError("download_expired");
  if (status.locked) throw new AppError("account_locked");
  const plan = status.plan;
  // A premium-only hoster's links stop working when the account is free again.
  assertHosterAllowed(plan, adapter.limits);
  // Remote links lift the account-sharing rule; they draw on the remote traffic instead.
  if (!record.remote) {
    await admitDownloadNetwork(db, { accountId: record.accountId, client: c.var.client, mailer: { outbox: createOutbox(c.env, db), siteOrigin: c.env.SITE_ORIGIN }, defer: (work) => c.executionCtx.waitUntil(work) }, now);
  }

  const headers = new Headers({
    "content-type": record.mimeType,
    "content-disposition": attachmentDisposition(record.filename),
    // no-transform: an edge must not compress a file whose lengths and ranges we announce.
    "cache-control": "private, no-store, no-transform",
  });
  const budget = openByteBudget(db, { accountId: record.accountId, plan, hoster: adapter.limits, host: record.host, remote: record.remote }, now);
  if (c.req.method === "HEAD" && record.filesize > 0 && !c.req.header("range")) {
    await budget.assertAvailable();
    headers.set("content-length", String(record.filesize));
    // Without contacting the origin, ranges are promised only when its check showed them.
    if (record.acceptRanges) headers.set("accept-ranges", "bytes");
    return new Response(null, { status: 200, headers });
  }
  // A Range that does not parse is ignored: the whole file, 200 (RFC 9110 §14.2).
  const requestedRange = c.req.header("range") ?? null;
  const range = requestedRange !== null && RANGE.test(requestedRange) ? requestedRange : null;
  const ifRange = range !== null ? (c.req.header("if-range") ?? null) : null;

  const wanted = c.req.method === "GET" ? requestedLength(range, record.filesize) : 0;
  if (wanted !== null && wanted > 0) await budget.reserve(wanted);
  else await budget.assertAvailable();

  let transferId: string | null = null;
  let origin: Response;
  try {
    transferId = await startTransfer(db, { accountId: record.accountId, plan }, now);
    const ctx = hosterContext(c.env, record.password, undefined, now);
    const open = () => adapter.open(new URL(record.link), ctx, range, ifRange);
    origin = await withHosterOutcome(db, { hosterId: adapter.id, kind: "download", defer: (write) => c.executionCtx.waitUntil(write) }, now, open);
  } catch (error) {
    c.executionCtx.waitUntil(Promise.all([budget.settle(0), transferId ? endTransfer(db, transferId) : null]));
    throw error;
  }
  const finish = (sent: number) => Promise.all([budget.settle(sent), endTransfer(db, transferId!)]);
  for (const name of PASSED_HEADERS) {
    const value = origin.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  // Several ranges come back as multipart/byteranges, whose boundary lives in the content type.
  const originType = origin.headers.get("content-type");
  if (origin.status === 206 && originType?.toLowerCase().startsWith("multipart/byteranges")) headers.set("content-type", originType);
  if (c.req.method === "HEAD" || origin.status === 416 || origin.body === null) {
    await origin.body?.cancel();
    c.executionCtx.waitUntil(finish(0));
    return new Response(null, { status: origin.status, headers });
  }
  const declaredLength = origin.headers.get("content-length");
  const length = declaredLength !== null && /^\d{1,15}$/.test(declaredLength) ? Number(declaredLength) : null;
  let cap: number | null = null;
  try {
    // The origin sends more than was reserved (it ignored the range, or the size was unknown): reserve the rest.
    if (length !== null && length > budget.reserved()) await budget.reserve(length - budget.reserved());
    // Length unknown: relay no more than what was reserved, or than is left of today's allowance.
    if (length === null) cap = budget.reserved() > 0 ? budget.reserved() : await budget.allowance();
  } catch (error) {
    await origin.body.cancel().catch(() => {});
    c.executionCtx.waitUntil(finish(0));
    throw error;
  }
  const { readable, bytesSent } = countBytes(origin.body, length, cap);
  c.set("bytesSent", bytesSent);
  // The relay runs after the handler returns; waitUntil keeps it, and the traffic write, alive.
  c.executionCtx.waitUntil(bytesSent.then(finish));
  return new Response(readable, { status: origin.status, headers });
});

/** Bytes a GET will send: the file's size, or one range's length; null when unknown (no size, several ranges). */
export function requestedLength(range: string | null, filesize: number): number | null {
  if (filesize <= 0) return null;
  if (range === null) return filesize;
  const match = /^bytes=\s*(\d*)-(\d*)\s*$/.exec(range);
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") return Math.min(Number(match[2]), filesize);
  const start = Number(match[1]);
  if (start >= filesize) return 0;
  const end = match[2] === "" ? filesize - 1 : Math.min(Number(match[2]), filesize - 1);
  return Math.max(0, end - start + 1);
}
