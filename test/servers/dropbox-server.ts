/**
 * A local stand-in for Dropbox shared links (https://help.dropbox.com/share/force-download and
 * observed behaviour): `/scl/fi/<id>/<name>?rlkey=…&dl=1` (or `/s/<id>/<name>?dl=1`) redirects to
 * the file on an expiring content URL, which names it in Content-Disposition and serves ranges;
 * a link with a password redirects to its password page; a link over its traffic limit answers
 * 429 ("This link is temporarily disabled"); a removed one 404.
 */
import { DROPBOX } from "./hoster-fixtures.ts";
import type { StartedServer } from "./origin-server.ts";
import { replyHtml, startStandIn } from "./stand-in-kit.ts";

export function startDropboxServer(): Promise<StartedServer> {
  return startStandIn({
    api({ res, url, downloadUrl, base }) {
      const link = /^\/(?:scl\/fi|s)\/([a-zA-Z0-9]+)\/([^/]+)(\/password)?$/.exec(url.pathname);
      const file = link ? DROPBOX.files[link[1]!] : undefined;
      if (!link || !file) return replyHtml(res, 404, "<title>Dropbox - 404</title><p>That didn't work for some reason</p>");
      if (link[3]) return replyHtml(res, 200, `<title>Dropbox</title><form method="post" action="/sm/auth"><input type="password" name="password"></form>`);
      if (url.searchParams.get("dl") !== "1") return replyHtml(res, 200, `<title>${file.name} - Dropbox</title>`);
      if (file.banned) return replyHtml(res, 429, "<title>Dropbox - Error</title><p>This link is temporarily disabled: it is generating too much traffic.</p>");
      if (file.password) {
        res.writeHead(302, { location: `${base}${url.pathname}/password?${url.searchParams}` }).end();
        return;
      }
      res.writeHead(302, { location: downloadUrl(`/${link[1]}`) }).end();
    },
    download(path) {
      const file = DROPBOX.files[path.slice(1)];
      return file ? { size: file.size, seed: file.seed, disposition: `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.name)}` } : null;
    },
  });
}
