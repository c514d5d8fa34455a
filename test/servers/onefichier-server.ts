/**
 * A local stand-in for 1fichier's premium API (https://api.1fichier.com/api.html): POST JSON with
 * `Authorization: Bearer <key>`; `file/info.cgi` describes a file, `download/get_token.cgi` returns a
 * one-time URL (here on the test origin). Errors are `{status: "KO", message}` as upstream.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StartedServer } from "./origin-server.ts";

export const ONEFICHIER_TEST_KEY = "test-1fichier-key";

type StandInFile = { filename: string; size: number; seed: number; pass?: string };
export const ONEFICHIER_FILES: Record<string, StandInFile> = {
  relais1test: { filename: "Vacances d'été 2026.mkv", size: 3_000_000, seed: 7 },
  protected01: { filename: "secret.zip", size: 1000, seed: 8, pass: "sesame" },
  // JSON can carry a lone surrogate ("\ud83d"), as a buggy upstream cutting an emoji would send it.
  lonesurrogate: { filename: "cut \ud83d.mkv", size: 1000, seed: 9 },
};

function fileIdOf(link: string): string | null {
  try {
    const url = new URL(link);
    return url.search.slice(1) || url.hostname.split(".")[0] || null;
  } catch {
    return null;
  }
}

export async function startOnefichierServer(originUrl: string, port = 0): Promise<StartedServer> {
  let requests = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://api.test");
    if (url.pathname === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests }));
      return;
    }
    requests++;
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${ONEFICHIER_TEST_KEY}`) return reply(401, { status: "KO", message: "Not authenticated #247" });
      let body: { url?: string; pass?: string };
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(400, { status: "KO", message: "Invalid JSON #200" });
      }
      const id = fileIdOf(body.url ?? "");
      const file = id ? ONEFICHIER_FILES[id] : undefined;
      if (!file || (file.pass && body.pass !== file.pass)) return reply(404, { status: "KO", message: "Resource not found #469" });
      if (req.method === "POST" && url.pathname === "/v1/file/info.cgi") {
        return reply(200, { url: body.url, filename: file.filename, size: file.size, date: "2026-11-01 10:00:00", checksum: "0".repeat(64), "content-type": "video/x-matroska", pass: file.pass ? 1 : 0 });
      }
      if (req.method === "POST" && url.pathname === "/v1/download/get_token.cgi") {
        return reply(200, { url: `${originUrl}/files/${file.size}/p${id}?seed=${file.seed}`, status: "OK" });
      }
      return reply(404, { status: "KO", message: "Unknown method" });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return { server, port: actualPort, url: `http://127.0.0.1:${actualPort}`, requests: () => requests };
}
