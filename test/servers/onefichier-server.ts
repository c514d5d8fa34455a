/**
 * A local stand-in for 1fichier's premium API (https://api.1fichier.com/api.html): POST JSON with
 * `Authorization: Bearer <key>`; `file/info.cgi` describes a file, `download/get_token.cgi` returns a
 * one-time URL. Errors are `{status: "KO", message}` as upstream; a flood or traffic refusal comes
 * with 403 (modelled: the API names it in the message). The site part serves a public folder's
 * JSON view (`/dir/<id>?json=1`, a list of `{link, filename, size}`, as download managers read it).
 */
import { ONEFICHIER } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

function fileIdOf(link: string): string | null {
  try {
    const url = new URL(link);
    return url.search.slice(1) || url.hostname.split(".")[0] || null;
  } catch {
    return null;
  }
}

export function startOnefichierServer(): Promise<StartedServer> {
  return startStandIn({
    api({ req, res, url, body: raw, downloadUrl }) {
      const reply = (status: number, body: unknown) => replyJson(res, status, body);
      const folder = /^\/dir\/([a-zA-Z0-9]+)$/.exec(url.pathname);
      if (folder && req.method === "GET") {
        const ids = ONEFICHIER.folders[folder[1]!];
        if (!ids || url.searchParams.get("json") !== "1") return reply(404, { status: "KO", message: "Folder not found" });
        return reply(200, ids.map((id) => ({ link: `https://1fichier.com/?${id}`, filename: ONEFICHIER.files[id]!.name, size: ONEFICHIER.files[id]!.size })));
      }
      if (req.headers.authorization !== `Bearer ${ONEFICHIER.key}`) return reply(401, { status: "KO", message: "Not authenticated #247" });
      let body: { url?: string; pass?: string };
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(400, { status: "KO", message: "Invalid JSON #200" });
      }
      const id = fileIdOf(body.url ?? "");
      const file = id ? ONEFICHIER.files[id] : undefined;
      if (!file || (file.pass && body.pass !== file.pass)) return reply(404, { status: "KO", message: "Resource not found #469" });
      if (req.method === "POST" && url.pathname === "/v1/file/info.cgi") {
        return reply(200, { url: body.url, filename: file.name, size: file.size, date: "2026-11-01 10:00:00", checksum: "0".repeat(64), "content-type": "video/x-matroska", pass: file.pass ? 1 : 0 });
      }
      if (req.method === "POST" && url.pathname === "/v1/download/get_token.cgi") {
        if (file.limited) return reply(403, { status: "KO", message: "Flood detected: traffic limit reached #38" });
        return reply(200, { url: downloadUrl(`/${id}`), status: "OK" });
      }
      return reply(404, { status: "KO", message: "Unknown method" });
    },
    download(path) {
      const file = ONEFICHIER.files[path.slice(1)];
      return file ? { size: file.size, seed: file.seed } : null;
    },
  });
}
