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

function parseRange(header: string | undefined, size: number): { start: number; end: number } | "invalid" | null {
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

async function sendFile(req: IncomingMessage, res: ServerResponse, url: URL, size: number, name: string): Promise<void> {
  const seed = Number(url.searchParams.get("seed") ?? 1);
  // ?noranges=1: an origin that ignores Range and announces no ranges; ?chunked=1: no Content-Length.
  const noRanges = url.searchParams.get("noranges") === "1";
  const chunked = url.searchParams.get("chunked") === "1";
  const headers: Record<string, string> = {
    "content-type": url.searchParams.get("type") ?? "application/octet-stream",
    etag: `"${seed}-${size}"`,
  };
  if (!noRanges) headers["accept-ranges"] = "bytes";
  const cd = url.searchParams.get("cd");
  if (cd !== null) headers["content-disposition"] = `attachment; filename*=UTF-8''${encodeURIComponent(cd)}`;
  const disposition = url.searchParams.get("disposition");
  if (disposition !== null) headers["content-disposition"] = disposition;
  // If-Range (RFC 9110 §13.1.5): a range only while the validator still matches, else the whole file.
  const ifRange = req.headers["if-range"];
  const range = noRanges || (ifRange !== undefined && ifRange !== headers.etag) ? undefined : parseRange(req.headers.range, size);
  if (range === "invalid") {
    res.writeHead(416, { "content-range": `bytes */${size}` }).end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range ? range.end + 1 : size;
  if (!chunked) headers["content-length"] = String(end - start);
  if (range) headers["content-range"] = `bytes ${start}-${end - 1}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  for (const chunk of contentChunks(seed, start, end)) {
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
      sendFile(req, res, url, Number(file[1]), decodeURIComponent(file[2]!)).catch(() => res.destroy());
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
