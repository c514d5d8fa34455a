/**
 * A local stand-in for the gofile API its website uses (observed in the web app and open-source
 * clients): `POST /accounts` makes a guest account `{status: "ok", data: {token}}`;
 * `GET /contents/{code}?wt=<website token>&password=<sha256 hex>` with `Authorization: Bearer
 * <token>` lists a shared folder (`data.children`, each file with `link` on a download server),
 * answering `error-notFound`, `error-rateLimit` (429), 401 for an unknown token, and for a
 * protected folder `data.passwordStatus` ("passwordRequired", "passwordWrong", "passwordOk").
 * Download servers want the guest token as the `accountToken` cookie and serve ranges.
 */
import { createHash } from "node:crypto";
import { GOFILE } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

export function startGofileServer(): Promise<StartedServer> {
  const tokens = new Set<string>();
  const hasToken = (cookie: string | undefined) => [...tokens].some((token) => (cookie ?? "").split(/;\s*/).includes(`accountToken=${token}`));
  return startStandIn({
    api({ req, res, url, downloadUrl }) {
      if (req.method === "POST" && url.pathname === "/accounts") {
        const token = `guest${tokens.size + 1}x${Date.now().toString(36)}`;
        tokens.add(token);
        return replyJson(res, 200, { status: "ok", data: { id: `acc-${tokens.size}`, token, rootFolder: "root" } });
      }
      const contents = /^\/contents\/([^/]+)$/.exec(url.pathname);
      if (!contents) return replyJson(res, 404, { status: "error-notFound", data: {} });
      if (!tokens.has((req.headers.authorization ?? "").replace(/^Bearer /, ""))) return replyJson(res, 401, { status: "error-notAuthenticated", data: {} });
      if (url.searchParams.get("wt") !== GOFILE.websiteToken) return replyJson(res, 401, { status: "error-notPremium", data: {} });
      const folder = GOFILE.folders[contents[1]!];
      if (!folder) return replyJson(res, 404, { status: "error-notFound", data: {} });
      if (folder.limited) return replyJson(res, 429, { status: "error-rateLimit", data: {} });
      const data: Record<string, unknown> = { id: contents[1], type: "folder", name: contents[1] };
      if (folder.password) {
        const given = url.searchParams.get("password");
        const status = given === null ? "passwordRequired" : given === createHash("sha256").update(folder.password).digest("hex") ? "passwordOk" : "passwordWrong";
        Object.assign(data, { password: true, passwordStatus: status, canAccess: status === "passwordOk" });
        if (status !== "passwordOk") return replyJson(res, 200, { status: "ok", data });
      }
      data.children = Object.fromEntries(
        folder.files.map((id) => {
          const file = GOFILE.files[id]!;
          return [id, { id, type: "file", name: file.name, size: file.size, mimetype: "application/octet-stream", link: downloadUrl(`/${id}/${encodeURIComponent(file.name)}`) }];
        }),
      );
      return replyJson(res, 200, { status: "ok", data });
    },
    download(path, { req, res }) {
      const file = GOFILE.files[path.split("/")[1] ?? ""];
      if (!file) return null;
      if (!hasToken(req.headers.cookie)) {
        replyJson(res, 403, { status: "error-notAuthenticated" });
        return "handled";
      }
      return { size: file.size, seed: file.seed, disposition: `attachment; filename="${file.name}"` };
    },
  });
}
