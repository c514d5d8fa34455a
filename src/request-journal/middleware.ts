/** Records every request in the journal: one record, written after the response. */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import type { JournalRecord } from "../db/journal-schema";
import { truncatePercentEncoded, truncateText } from "../lib/text";
import { notedBodySize, noteBodySizes } from "./body-size";
import { redactPath, redactQuery } from "./redact";
import { enqueueJournalRecord } from "./write";

/** `fileHost`: the app serves the download host, whose paths name files. */
export type JournalOptions = { enabled?: boolean; fileHost?: boolean };

/**
 * Must come right after requestContext(): it sees the final response, errors included, because
 * Hono has rendered a thrown error into `c.res` by the time `next()` returns.
 */
export function requestJournal(options: JournalOptions = {}): MiddlewareHandler<AppEnv> {
  const enabled = options.enabled ?? true;
  return async function requestJournal(c, next) {
    const startedAt = Date.now();
    if (enabled) noteBodySizes(c);
    await next();
    if (!enabled) return;
    const streamed = c.get("bytesSent");
    if (streamed) {
      // Streamed bodies (downloads) are recorded once the bytes actually sent are known.
      const record = buildJournalRecord(c, startedAt, Date.now() - startedAt, options.fileHost ?? false);
      c.executionCtx.waitUntil(streamed.then((responseBytes) => enqueueJournalRecord(c.env, { ...record, responseBytes })));
      return;
    }
    const responseBytes = bufferedBodySize(c) ?? (await measureBufferedBody(c));
    const work = enqueueJournalRecord(c.env, { ...buildJournalRecord(c, startedAt, Date.now() - startedAt, options.fileHost ?? false), responseBytes });
    // Most records join a batch that an earlier request's context already waits for.
    if (work) c.executionCtx.waitUntil(work);
  };
}

/**
 * Body bytes of a response that is not streamed, when known without reading it: none, declared,
 * or noted as it was built (then declared too, as a measured body is).
 */
function bufferedBodySize(c: Context<AppEnv>): number | null {
  if (c.req.method === "HEAD" || c.res.body === null) return 0;
  const declared = c.res.headers.get("content-length");
  if (declared !== null) return Number(declared) || 0;
  const noted = notedBodySize(c.res);
  if (noted === undefined) return null;
  c.res.headers.set("content-length", String(noted));
  return noted;
}

/** Any other body (e.g. a Response a handler built itself) is read, measured, and given a Content-Length. */
async function measureBufferedBody(c: Context<AppEnv>): Promise<number> {
  const previous = c.res;
  const body = await previous.arrayBuffer();
  previous.headers.set("content-length", String(body.byteLength));
  // Cleared first: Hono's setter would otherwise copy every header into yet another Response.
  c.res = undefined;
  c.res = new Response(body, { status: previous.status, statusText: previous.statusText, headers: previous.headers });
  return body.byteLength;
}

/**
 * Host, path and query of a request URL, which the runtime gives absolute and normalized: cut at
 * the first "/" after the scheme and the first "?" (parsing it again as a URL cost more than the
 * rest of the record).
 */
function splitUrl(href: string): { host: string; pathname: string; search: string } {
  const hostStart = href.indexOf("//") + 2;
  const pathStart = href.indexOf("/", hostStart);
  const queryStart = href.indexOf("?", pathStart);
  const end = href.indexOf("#");
  const stop = end === -1 ? href.length : end;
  return {
    host: href.slice(hostStart, pathStart === -1 ? stop : pathStart),
    pathname: pathStart === -1 ? "/" : href.slice(pathStart, queryStart === -1 ? stop : queryStart),
    search: queryStart === -1 ? "" : href.slice(queryStart, stop),
  };
}

function buildJournalRecord(c: Context<AppEnv>, startedAt: number, durationMs: number, fileHost: boolean): Omit<JournalRecord, "responseBytes"> {
  const url = splitUrl(c.req.url);
  const { path, named } = redactPath(url.pathname, fileHost);
  const userAgent = c.req.header("user-agent");
  return {
    requestId: c.get("requestId"),
    at: startedAt,
    // c.get, not c.var: every read of c.var copies all the request's variables into a new object.
    ...c.get("client"),
    method: truncateText(c.req.method, 16),
    host: truncateText(url.host, 255),
    // A redacted path holds a decoded id; the URL's pathname is percent-encoded.
    path: named ? truncateText(path, 1024) : truncatePercentEncoded(path, 1024),
    query: named ? null : redactQuery(url.search),
    status: c.res.status,
    durationMs,
    userAgent: userAgent === undefined ? null : truncateText(userAgent, 512),
    accountId: c.get("accountId"),
  };
}
