/**
 * A real HTTP origin for tests and the bench (Node): serves deterministic files of any size with
 * HEAD and Range, redirects and error statuses on demand, and counts every request it gets.
 *
 *   /files/<size>/<name>?seed=1&cd=<name>&type=<mime>   the file (size in bytes; &noranges=1: ignores Range, &chunked=1: no Content-Length)
 *                                                       &disposition=<header>: that Content-Disposition verbatim (malformed ones included)
 *   /redirect?to=<url>                                  302 to `to`
 *   /status/<code>                                      that status
 *   /__stats                                            {"requests": n} (not counted)
 *
 * Fixture files, made by a test and served back (media headers, link containers):
 *   PUT /fixtures/<key>/<name>?gap=<at>:<length>        stores the body; each `gap` inserts <length> zero bytes before
 *                                                       stored byte <at> (a 1 GiB file without 1 GiB of memory)
 *   GET|HEAD /fixtures/<key>/<name>                     the file, with Range (one range, suffix ranges included);
 *                                                       ?noranges=1: ignores Range; ?chunked=1: no Content-Length.
 *                                                       The name is only for the link.
 *   /__fixtures/<key>                                   {"requests", "bytesSent", "ranges"} of that fixture (not counted)
 * Fixture traffic has its own counters, not the global one: test files run in parallel, and some
 * check that the global count did not move.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { contentChunks } from "./content.ts";

export type StartedServer = { server: Server; port: number; url: string; requests: () => number };

export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "invalid" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return "invalid";
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? "invalid" : { start, end };
}

/** A file to serve: its size and content seed, and how the origin behaves. */
export type ServedContent = {
  size: number;
  seed: number;
  type?: string;
  /** Content-Disposition, verbatim. */
  disposition?: string;
  /** Ignores Range and announces no ranges. */
  noRanges?: boolean;
  /** No Content-Length. */
  chunked?: boolean;
};

/** Serves deterministic content with HEAD, Range (one range), If-Range and backpressure. */
export async function sendContent(req: IncomingMessage, res: ServerResponse, content: ServedContent): Promise<void> {
  const { size, seed } = content;
  const headers: Record<string, string> = { "content-type": content.type ?? "application/octet-stream", etag: `"${seed}-${size}"` };
  if (!content.noRanges) headers["accept-ranges"] = "bytes";
  if (content.disposition !== undefined) headers["content-disposition"] = content.disposition;
  // If-Range (RFC 9110 §13.1.5): a range only while the validator still matches, else the whole file.
  const ifRange = req.headers["if-range"];
  const range = content.noRanges || (ifRange !== undefined && ifRange !== headers.etag) ? undefined : parseRange(req.headers.range, size);
  if (range === "invalid") {
    res.writeHead(416, { "content-range": `bytes */${size}` }).end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range ? range.end + 1 : size;
  if (!content.chunked) headers["content-length"] = String(end - start);
  if (range) headers["content-range"] = `bytes ${start}-${end - 1}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await writeChunks(res, contentChunks(seed, start, end));
}

/** Writes the chunks with backpressure, then ends the response (not when the client went away); `sent` sees each chunk handed to the socket. */
export async function writeChunks(res: ServerResponse, chunks: Iterable<Uint8Array>, sent: (bytes: number) => void = () => {}): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed) return;
    sent(chunk.length);
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  res.end();
}

type FixturePiece = { bytes: Buffer } | { zeros: number };
type Fixture = { pieces: FixturePiece[]; size: number; requests: number; bytesSent: number; ranges: (string | null)[] };

const ZEROS = Buffer.alloc(64 * 1024);

/** Chunks covering bytes [start, end) of a fixture. */
function* fixtureChunks(fixture: Fixture, start: number, end: number): Generator<Buffer> {
  let pieceStart = 0;
  for (const piece of fixture.pieces) {
    const length = "bytes" in piece ? piece.bytes.length : piece.zeros;
    const from = Math.max(start, pieceStart);
    const to = Math.min(end, pieceStart + length);
    for (let at = from; at < to; ) {
      const take = Math.min(to - at, ZEROS.length);
      yield "bytes" in piece ? piece.bytes.subarray(at - pieceStart, at - pieceStart + take) : ZEROS.subarray(0, take);
      at += take;
    }
    pieceStart += length;
  }
}

async function storeFixture(req: IncomingMessage, url: URL): Promise<Fixture> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  const stored = Buffer.concat(parts);
  const gaps = url.searchParams.getAll("gap").map((gap) => gap.split(":").map(Number) as [number, number]).sort((a, b) => a[0] - b[0]);
  const pieces: FixturePiece[] = [];
  let at = 0;
  for (const [gapAt, length] of gaps) {
    pieces.push({ bytes: stored.subarray(at, gapAt) }, { zeros: length });
    at = gapAt;
  }
  pieces.push({ bytes: stored.subarray(at) });
  const size = pieces.reduce((sum, piece) => sum + ("bytes" in piece ? piece.bytes.length : piece.zeros), 0);
  return { pieces, size, requests: 0, bytesSent: 0, ranges: [] };
}

async function sendFixture(req: IncomingMessage, res: ServerResponse, url: URL, fixture: Fixture): Promise<void> {
  fixture.requests++;
  fixture.ranges.push(req.headers.range ?? null);
  const headers: Record<string, string> = { "content-type": "application/octet-stream", etag: `"fixture-${fixture.size}"` };
  const noRanges = url.searchParams.get("noranges") === "1";
  if (!noRanges) headers["accept-ranges"] = "bytes";
  const range = noRanges ? null : parseRange(req.headers.range, fixture.size);
  if (range === "invalid") {
    res.writeHead(416, { "content-range": `bytes */${fixture.size}` }).end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range ? range.end + 1 : fixture.size;
  if (url.searchParams.get("chunked") !== "1") headers["content-length"] = String(end - start);
  if (range) headers["content-range"] = `bytes ${start}-${end - 1}/${fixture.size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await writeChunks(res, fixtureChunks(fixture, start, end), (bytes) => (fixture.bytesSent += bytes));
}

function sendFile(req: IncomingMessage, res: ServerResponse, url: URL, size: number): Promise<void> {
  const cd = url.searchParams.get("cd");
  const disposition = url.searchParams.get("disposition") ?? (cd !== null ? `attachment; filename*=UTF-8''${encodeURIComponent(cd)}` : undefined);
  return sendContent(req, res, {
    size,
    seed: Number(url.searchParams.get("seed") ?? 1),
    type: url.searchParams.get("type") ?? undefined,
    disposition,
    noRanges: url.searchParams.get("noranges") === "1",
    chunked: url.searchParams.get("chunked") === "1",
  });
}

export async function startOriginServer(port = 0): Promise<StartedServer> {
  let requests = 0;
  const fixtures = new Map<string, Fixture>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://origin.test");
    if (url.pathname === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests }));
      return;
    }
    const fixtureStats = /^\/__fixtures\/([^/]+)$/.exec(url.pathname);
    if (fixtureStats) {
      const fixture = fixtures.get(decodeURIComponent(fixtureStats[1]!));
      res.writeHead(fixture ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(fixture ? { requests: fixture.requests, bytesSent: fixture.bytesSent, ranges: fixture.ranges } : {}));
      return;
    }
    const fixturePath = /^\/fixtures\/([^/]+)\/[^/]+$/.exec(url.pathname);
    if (fixturePath) {
      const name = decodeURIComponent(fixturePath[1]!);
      if (req.method === "PUT") {
        storeFixture(req, url).then((fixture) => {
          fixtures.set(name, fixture);
          res.writeHead(201).end();
        }, () => res.destroy());
        return;
      }
      const fixture = fixtures.get(name);
      if (!fixture) {
        res.writeHead(404, { "content-type": "text/plain" }).end("no fixture here");
        return;
      }
      sendFixture(req, res, url, fixture).catch(() => res.destroy());
      return;
    }
    requests++;
    const file = /^\/files\/(\d+)\/([^/]+)$/.exec(url.pathname);
    if (file) {
      sendFile(req, res, url, Number(file[1])).catch(() => res.destroy());
      return;
    }
    if (url.pathname === "/redirect") {
      res.writeHead(302, { location: url.searchParams.get("to") ?? "/" }).end();
      return;
    }
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    res.writeHead(status ? Number(status[1]) : 404, { "content-type": "text/plain" }).end("no file here");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return { server, port: actualPort, url: `http://127.0.0.1:${actualPort}`, requests: () => requests };
}
