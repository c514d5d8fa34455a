/**
 * A local stand-in for Google Drive's download host for public files (observed behaviour, as
 * open-source downloaders such as gdown document it): `/download?id=<id>&export=download` sends a
 * small file at once (Content-Disposition names it); for a large file it first answers the
 * "can't scan this file for viruses" page, whose form `id="download-form"` (hidden `id`, `export`,
 * `confirm`, `uuid`) leads to the file on a URL that lapses; a file downloaded too much answers
 * 403 with "Too many users have viewed or downloaded this file recently".
 */
import { GOOGLE_DRIVE } from "./hoster-fixtures.ts";
import { sendContent, type StartedServer } from "./origin-server.ts";
import { replyHtml, startStandIn } from "./stand-in-kit.ts";

export function startGoogleDriveServer(): Promise<StartedServer> {
  return startStandIn({
    lapsedStatus: 403,
    api({ req, res, url, downloadUrl }) {
      const id = url.searchParams.get("id") ?? "";
      const file = GOOGLE_DRIVE.files[id];
      if (url.pathname !== "/download" || !file) return replyHtml(res, 404, "<title>Google Drive - 404</title><p>Sorry, the file you have requested does not exist.</p>");
      if (file.quota) {
        return replyHtml(res, 403, "<title>Google Drive - Quota exceeded</title><p>Sorry, you can't view or download this file at this time.</p><p>Too many users have viewed or downloaded this file recently. Please try accessing the file again later.</p>");
      }
      if (file.warning) {
        const action = downloadUrl("/download");
        const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${value}">`;
        return replyHtml(res, 200, `<html><head><title>Google Drive - Virus scan warning</title></head><body><p>Google Drive can't scan this file for viruses.</p><form id="download-form" action="${action}" method="get"><input type="submit" value="Download anyway">${hidden("id", id)}${hidden("export", "download")}${hidden("confirm", "t")}${hidden("uuid", "0f2e-4c1d")}</form></body></html>`);
      }
      return sendContent(req, res, { size: file.size, seed: file.seed, disposition: attachment(file.name) });
    },
    download(path, { url }) {
      const file = GOOGLE_DRIVE.files[url.searchParams.get("id") ?? ""];
      if (path !== "/download" || !file || url.searchParams.get("confirm") !== "t" || !url.searchParams.get("uuid")) return null;
      return { size: file.size, seed: file.seed, disposition: attachment(file.name) };
    },
  });
}

function attachment(name: string): string {
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
