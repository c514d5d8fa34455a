/**
 * A local stand-in for MediaFire: its public API 1.5 (https://www.mediafire.com/developers,
 * `response_format=json`): `file/get_info.php?quick_key=` (`result: "Success"` with `file_info`,
 * sizes as strings, `password_protected` "yes"/"no", `links.normal_download`; error 110 for an
 * unknown key) and `folder/get_content.php?folder_key=&content_type=files&chunk=`; and the download
 * page browsers get, whose `id="downloadButton"` link is the file on an expiring download URL
 * (a protected file's page asks for the password as form field `downloadp`, and shows the form
 * again when it is wrong). A file over its bandwidth answers its page with 429.
 */
import { MEDIAFIRE } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyHtml, replyJson, startStandIn } from "./stand-in-kit.ts";

export function startMediafireServer(): Promise<StartedServer> {
  return startStandIn({
    api({ req, res, url, body, base, downloadUrl }) {
      const error = (code: number, message: string) => replyJson(res, 200, { response: { action: "api", message, error: code, result: "Error", current_api_version: "1.5" } });
      if (url.pathname === "/api/1.5/file/get_info.php") {
        const key = url.searchParams.get("quick_key") ?? "";
        const file = MEDIAFIRE.files[key];
        if (!file) return error(110, "Unknown or invalid QuickKey");
        const file_info = {
          quickkey: key, filename: file.name, size: String(file.size), mimetype: "application/octet-stream", password_protected: file.password ? "yes" : "no",
          links: { normal_download: `${base}/file/${key}/${encodeURIComponent(file.name)}/file` },
        };
        return replyJson(res, 200, { response: { action: "file/get_info", file_info, result: "Success", current_api_version: "1.5" } });
      }
      if (url.pathname === "/api/1.5/folder/get_content.php") {
        const keys = MEDIAFIRE.folders[url.searchParams.get("folder_key") ?? ""];
        if (!keys) return error(112, "Invalid or missing folder key");
        const files = keys.map((key) => ({ quickkey: key, filename: MEDIAFIRE.files[key]!.name, size: String(MEDIAFIRE.files[key]!.size) }));
        const folder_content = { chunk_size: "100", content_type: "files", chunk_number: url.searchParams.get("chunk") ?? "1", files, more_chunks: "no" };
        return replyJson(res, 200, { response: { action: "folder/get_content", folder_content, result: "Success", current_api_version: "1.5" } });
      }
      const page = /^\/file\/([a-zA-Z0-9]+)\//.exec(url.pathname);
      const file = page ? MEDIAFIRE.files[page[1]!] : undefined;
      if (!page || !file) return replyHtml(res, 404, "<h1>File not found</h1>");
      if (file.limited) return replyHtml(res, 429, "<h1>Temporarily restricted: this file is downloaded too much</h1>");
      const button = `<a class="input popsok" aria-label="Download file" href="${downloadUrl(`/${page[1]}/${encodeURIComponent(file.name)}`).replace(/&/g, "&amp;")}" id="downloadButton">Download (${file.size} bytes)</a>`;
      if (file.password) {
        const given = req.method === "POST" ? new URLSearchParams(body).get("downloadp") : null;
        if (given !== file.password) {
          const warning = given === null ? "" : "<p class='error'>Incorrect password</p>";
          return replyHtml(res, 200, `<html><body>${warning}<form method="post"><input type="password" name="downloadp"><button>Unlock</button></form></body></html>`);
        }
      }
      return replyHtml(res, 200, `<html><body><div class="download_link">${button}</div></body></html>`);
    },
    download(path) {
      const file = MEDIAFIRE.files[path.split("/")[1] ?? ""];
      return file ? { size: file.size, seed: file.seed, disposition: `attachment; filename="${file.name}"` } : null;
    },
  });
}
