/**
 * What every hoster stand-in shares: a real Node HTTP server counting the requests it gets
 * (`/__stats`), JSON replies, request bodies, and download URLs that expire on demand
 * (`POST /__expire` makes every URL handed out so far lapse, as a hoster's signed URLs do).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sendContent, type ServedContent, type StartedServer } from "./origin-server.ts";

export type StandInRequest = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
  /** This server's own origin, e.g. http://127.0.0.1:41234. */
  base: string;
  /** A download URL for `path` that lapses at the next `/__expire`. */
  downloadUrl(path: string): string;
  /** Bumped by every `/__expire`: what the stand-in hands out under one generation lapses with it (sessions too). */
  generation: number;
};

export type StandInOptions = {
  /** Everything but downloads and the control paths. */
  api(request: StandInRequest): void | Promise<void>;
  /**
   * A download path (what was given to `downloadUrl`): the content to serve, null when there is
   * none (404), or "handled" when the stand-in answered itself.
   */
  download?(path: string, request: StandInRequest): ServedContent | null | "handled" | Promise<"handled">;
  /** What a lapsed download URL answers (410 unless the hoster is known to answer otherwise). */
  lapsedStatus?: number;
};

export function replyJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export function replyHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers }).end(html);
}

export async function startStandIn(options: StandInOptions, port = 0): Promise<StartedServer> {
  let requests = 0;
  let generation = 1;
  let base = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in.test");
    if (url.pathname === "/__stats") return replyJson(res, 200, { requests });
    if (url.pathname === "/__expire") {
      generation++;
      res.writeHead(204).end();
      return;
    }
    requests++;
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const request: StandInRequest = { req, res, url, body, base, generation, downloadUrl: (path) => `${base}/dl/${generation}${path}` };
      const handle = async () => {
        const download = /^\/dl\/(\d+)(\/.*)$/.exec(url.pathname);
        if (!download || !options.download) return options.api(request);
        if (Number(download[1]) !== generation) return replyJson(res, options.lapsedStatus ?? 410, { error: "link expired" });
        const content = await options.download(download[2]!, request);
        if (content === "handled") return;
        if (content === null) return replyJson(res, 404, { error: "no such file" });
        return sendContent(req, res, content);
      };
      Promise.resolve(handle()).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${actualPort}`;
  return { server, port: actualPort, url: base, requests: () => requests };
}
