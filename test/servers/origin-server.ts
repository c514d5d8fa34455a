/**
 * A real HTTP origin for tests and the bench (Node): serves deterministic files of any size with
 * HEAD and Range, redirects and error statuses on demand, and counts every request it gets.
 *
 *   /files/<size>/<name>?seed=1&cd=<name>&type=<mime>   the file (size in bytes; &noranges=1: ignores Range, &chunked=1: no Content-Length)
 *                                                       &disposition=<header>: that Content-Disposition verbatim (malformed ones included)
 *   /redirect?to=<url>                                  302 to `to`
 *   /status/<code>                                      that status
 *   /__stats                                            {"requests": n} (not counted)
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

/** Writes chunks with backpressure; stops when the client goes away. */
export async function writeChunks(res: ServerResponse, chunks: Iterable<Uint8Array>): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed) return;
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
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://origin.test");
    if (url.pathname === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests }));
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
