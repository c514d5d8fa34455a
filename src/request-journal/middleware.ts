/** Records every request in the journal: one record, written after the response. */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import type { JournalRecord } from "../db/journal-schema";
import { redactQuery } from "./redact";
import { enqueueJournalRecord } from "./write";

export type JournalOptions = { enabled?: boolean };

/**
 * Must come right after requestContext(): it sees the final response, errors included, because
 * Hono has rendered a thrown error into `c.res` by the time `next()` returns.
 */
export function requestJournal(options: JournalOptions = {}): MiddlewareHandler<AppEnv> {
  const enabled = options.enabled ?? true;
  return async function requestJournal(c, next) {
    const startedAt = Date.now();
    await next();
    if (!enabled) return;
    const { bytes } = await measureResponseBytes(c);
    const record = buildJournalRecord(c, startedAt, Date.now() - startedAt);
    c.executionCtx.waitUntil(bytes.then((responseBytes) => enqueueJournalRecord(c.env, { ...record, responseBytes })));
  };
}

/**
 * Body bytes sent to the client. Small bodies built from strings have no Content-Length yet: they
 * are measured (and given one). Streamed bodies tell their size through `c.var.bytesSent`.
 */
async function measureResponseBytes(c: Context<AppEnv>): Promise<{ bytes: Promise<number> }> {
  if (c.var.bytesSent) return { bytes: c.var.bytesSent };
  if (c.req.method === "HEAD" || c.res.body === null) return { bytes: Promise.resolve(0) };
  const declared = c.res.headers.get("content-length");
  if (declared !== null) return { bytes: Promise.resolve(Number(declared) || 0) };
  const body = await c.res.arrayBuffer();
  const headers = new Headers(c.res.headers);
  headers.set("content-length", String(body.byteLength));
  c.res = new Response(body, { status: c.res.status, statusText: c.res.statusText, headers });
  return { bytes: Promise.resolve(body.byteLength) };
}

function buildJournalRecord(c: Context<AppEnv>, startedAt: number, durationMs: number): Omit<JournalRecord, "responseBytes"> {
  const url = new URL(c.req.url);
  const client = c.var.client;
  return {
    requestId: c.var.requestId,
    at: startedAt,
    ...client,
    method: c.req.method.slice(0, 16),
    host: url.host.slice(0, 255),
    path: (c.var.journalPath ?? url.pathname).slice(0, 1024),
    query: c.var.journalPath ? null : redactQuery(url.search),
    status: c.res.status,
    durationMs,
    userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
    accountId: c.var.accountId,
  };
}
