/**
 * A local stand-in for OneDrive's shares API (https://learn.microsoft.com/onedrive/developer/rest-api/api/shares_get):
 * `GET /shares/u!<unpadded base64url of the sharing link>/root` answers the shared item (`name`,
 * `size`, `file.mimeType` or `folder`, and a pre-authenticated `@content.downloadUrl` that lapses
 * with 401); errors are `{error: {code, message}}`: `itemNotFound` (404), `activityLimitReached`
 * (429 with Retry-After).
 */
import { ONEDRIVE } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

function linkOf(shareId: string): string | null {
  if (!shareId.startsWith("u!")) return null;
  return Buffer.from(shareId.slice(2).replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
}

export function startOnedriveServer(): Promise<StartedServer> {
  return startStandIn({
    lapsedStatus: 401,
    api({ res, url, downloadUrl }) {
      const share = /^\/shares\/([^/]+)\/root$/.exec(url.pathname);
      const link = share ? linkOf(decodeURIComponent(share[1]!)) : null;
      const file = link ? ONEDRIVE.files[link] : undefined;
      if (!file) return replyJson(res, 404, { error: { code: "itemNotFound", message: "Item does not exist" } });
      if (file.throttled) return replyJson(res, 429, { error: { code: "activityLimitReached", message: "The app or user has been throttled." } }, { "retry-after": "120" });
      if (file.folder) return replyJson(res, 200, { id: "F0LD3R", name: file.name, size: 123_456, folder: { childCount: 3 } });
      return replyJson(res, 200, { id: `ID${file.seed}`, name: file.name, size: file.size, file: { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, "@content.downloadUrl": downloadUrl(`/${file.seed}`) });
    },
    download(path) {
      const file = Object.values(ONEDRIVE.files).find((candidate) => `/${candidate.seed}` === path && !candidate.folder);
      return file ? { size: file.size, seed: file.seed } : null;
    },
  });
}
