/**
 * The download host route group (DOWNLOAD_ORIGIN): it serves generated links and nothing else,
 * never sets a cookie (the site's cookie never reaches this host anyway), and answers errors as
 * JSON for download tools and as a page for browsers.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { renderJsonError, renderPageError, toAppError } from "../error-rendering";
import { detectLanguage } from "../language";
import { downloadRoutes } from "./serve";

function renderDownloadError(thrown: unknown, c: Context<AppEnv>) {
  const error = toAppError(thrown, c.var.requestId);
  // Download tools get the JSON (with limits and reset time); browsers a page in their language.
  return (c.req.header("accept") ?? "").includes("text/html") ? renderPageError(c, error) : renderJsonError(c, error);
}

export function downloadHostGroup(): Hono<AppEnv> {
  const group = new Hono<AppEnv>();
  group.use(detectLanguage(), async function noCookies(c, next) {
    await next();
    c.res.headers.delete("set-cookie");
  });
  group.route("/", downloadRoutes);
  group.all("*", () => {
    throw new AppError("page_not_found");
  });
  group.onError(renderDownloadError);
  return group;
}
