/**
 * A local stand-in for Rapidgator's API v2 (https://rapidgator.net/article/api/index): replies
 * `{response, status, details}` with the HTTP status of `status`; `user/login?login=&password=`
 * opens a session (its token lapses at `/__expire`: 401 "Session not exist"), `file/info?file_id=
 * &token=` describes a file (404 when gone), `file/download?file_id=&token=` gives a one-time
 * download URL, or 403 "You have reached daily download limit".
 */
import { RAPIDGATOR } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

export function startRapidgatorServer(): Promise<StartedServer> {
  let logins = 0;
  return startStandIn({
    api({ res, url, downloadUrl, generation }) {
      const reply = (status: number, response: unknown, details: string | null = null) => replyJson(res, status, { response, status, details });
      const q = (name: string) => url.searchParams.get(name) ?? "";
      if (url.pathname === "/user/login") {
        if (q("login") !== RAPIDGATOR.login || q("password") !== RAPIDGATOR.password) return reply(401, null, "Error. Wrong email or password.");
        logins++;
        return reply(200, { token: `session-${generation}-${logins}`, user: { email: RAPIDGATOR.login, is_premium: true, traffic: { total: 1e12, left: 9e11 } } });
      }
      if (!q("token").startsWith(`session-${generation}-`)) return reply(401, null, "Error. Session not exist");
      const file = RAPIDGATOR.files[q("file_id")];
      if (!file) return reply(404, null, "Error. File not found");
      if (url.pathname === "/file/info") return reply(200, { file: { file_id: q("file_id"), mode: 0, mode_label: "Public", name: file.name, hash: "0".repeat(32), size: file.size, created: 1_700_000_000 } });
      if (url.pathname === "/file/download") {
        if (file.limited) return reply(403, null, "Error. You have reached daily download limit");
        return reply(200, { download_url: downloadUrl(`/${q("file_id")}/${encodeURIComponent(file.name)}`), delay: 0 });
      }
      return reply(404, null, "Error. Unknown method");
    },
    download(path) {
      const file = RAPIDGATOR.files[path.split("/")[1] ?? ""];
      return file ? { size: file.size, seed: file.seed, disposition: `attachment; filename="${file.name}"` } : null;
    },
  });
}
