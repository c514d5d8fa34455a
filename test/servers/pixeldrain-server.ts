/**
 * A local stand-in for pixeldrain's API (https://pixeldrain.com/api, documented there):
 * `GET /api/file/{id}/info` (404 `{success: false, value: "not_found"}` when gone; `availability`
 * names a captcha wall, e.g. `file_rate_limited_captcha_required`), `GET /api/file/{id}?download`
 * (ranges; 403 with the same value while the wall stands), `GET /api/list/{id}` (a list's files).
 */
import { PIXELDRAIN } from "./hoster-fixtures.ts";
import { sendContent, type StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

export function startPixeldrainServer(): Promise<StartedServer> {
  return startStandIn({
    api({ req, res, url }) {
      const notFound = () => replyJson(res, 404, { success: false, value: "not_found", message: "The entity you requested could not be found" });
      const info = /^\/api\/file\/([^/]+)\/info$/.exec(url.pathname);
      const download = /^\/api\/file\/([^/]+)$/.exec(url.pathname);
      const list = /^\/api\/list\/([^/]+)$/.exec(url.pathname);
      if (info) {
        const file = PIXELDRAIN.files[info[1]!];
        if (!file) return notFound();
        return replyJson(res, 200, { success: true, id: info[1], name: file.name, size: file.size, mime_type: "application/octet-stream", availability: file.availability ?? "", availability_message: "" });
      }
      if (download && url.searchParams.has("download")) {
        const file = PIXELDRAIN.files[download[1]!];
        if (!file) return notFound();
        if (file.availability) return replyJson(res, 403, { success: false, value: file.availability, message: "Download limited" });
        return sendContent(req, res, { size: file.size, seed: file.seed, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` });
      }
      if (list) {
        const ids = PIXELDRAIN.lists[list[1]!];
        if (!ids) return notFound();
        const files = ids.map((id) => ({ id, name: PIXELDRAIN.files[id]!.name, size: PIXELDRAIN.files[id]!.size }));
        return replyJson(res, 200, { success: true, id: list[1], title: "Holiday list", file_count: ids.length, files });
      }
      return notFound();
    },
  });
}
