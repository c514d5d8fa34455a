/**
 * A local stand-in for Nitroflare's API v2 (https://nitroflare.com/member?s=api): `getFileInfo?files=`
 * gives each file's status ("online"/"offline"), name and size (as strings); `getDownloadLink?
 * user=&premiumKey=&file=` a download URL; errors are `{type: "error", message}` ("Wrong login",
 * "File doesn't exist", "You have reached the maximum volume for today").
 */
import { NITROFLARE } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

export function startNitroflareServer(): Promise<StartedServer> {
  return startStandIn({
    api({ res, url, downloadUrl }) {
      const q = (name: string) => url.searchParams.get(name) ?? "";
      const error = (message: string) => replyJson(res, 200, { type: "error", message });
      if (url.pathname === "/getFileInfo") {
        const files = Object.fromEntries(
          q("files").split(",").map((id) => {
            const file = NITROFLARE.files[id];
            return [id, file ? { status: "online", name: file.name, size: String(file.size), url: `https://nitroflare.com/view/${id}` } : { status: "offline" }];
          }),
        );
        return replyJson(res, 200, { type: "success", result: { files } });
      }
      if (url.pathname === "/getDownloadLink") {
        if (q("user") !== NITROFLARE.user || q("premiumKey") !== NITROFLARE.premiumKey) return error("Wrong login");
        const file = NITROFLARE.files[q("file")];
        if (!file) return error("File doesn't exist");
        if (file.limited) return error("You have reached the maximum volume for today");
        return replyJson(res, 200, { type: "success", result: { type: "file", linkType: "premium", name: file.name, size: String(file.size), url: downloadUrl(`/${q("file")}`) } });
      }
      return error("Unknown method");
    },
    download(path) {
      const file = NITROFLARE.files[path.slice(1)];
      return file ? { size: file.size, seed: file.seed, disposition: `attachment; filename="${file.name}"` } : null;
    },
  });
}
