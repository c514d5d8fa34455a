/**
 * A local stand-in for the XFileSharing API v2 that DDownload and Katfile publish
 * (https://ddownload.com/api, https://katfile.com/api): `/file/info?key=&file_code=` answers
 * `{msg, status, result: [{status, filecode, name, size}]}` (a file's status 404 when gone);
 * `/file/direct_link?key=&file_code=` `{status: 200, result: {url}}`, or `{status: 403, msg:
 * "Traffic limit exceeded"}`. One instance per hoster, each with its API key.
 */
import { XFILESHARING } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

export function startXfilesharingServer(apiKey: string): Promise<StartedServer> {
  return startStandIn({
    api({ res, url, downloadUrl }) {
      const q = (name: string) => url.searchParams.get(name) ?? "";
      const reply = (status: number, msg: string, result?: unknown) => replyJson(res, 200, { msg, server_time: "2026-11-30 12:00:00", status, result });
      if (q("key") !== apiKey) return reply(403, "Invalid key");
      const code = q("file_code");
      const file = XFILESHARING.files[code];
      if (url.pathname === "/file/info") {
        return reply(200, "OK", [file ? { status: 200, filecode: code, name: file.name, size: file.size, uploaded: "2026-01-01 00:00:00" } : { status: 404, filecode: code }]);
      }
      if (url.pathname === "/file/direct_link") {
        if (!file) return reply(404, "no file");
        if (file.limited) return reply(403, "Traffic limit exceeded for today");
        return reply(200, "OK", { url: downloadUrl(`/${code}/${encodeURIComponent(file.name)}`), size: file.size });
      }
      return reply(400, "Unknown method");
    },
    download(path) {
      const file = XFILESHARING.files[path.split("/")[1] ?? ""];
      return file ? { size: file.size, seed: file.seed, disposition: `attachment; filename="${file.name}"` } : null;
    },
  });
}
