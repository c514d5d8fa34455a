/** The Real-Debrid-compatible REST API 1.0 (debrid-api.md §3), mounted at /rest/1.0 in the token API group. */
import { Hono } from "hono";
import { etag } from "hono/etag";
import { findAccount } from "../../../accounts";
import { revokeApiCredential } from "../../../api-auth";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { avatarPath, findAccountAvatar } from "../../../settings";
import { requireApiAccount } from "../api-token";
import { containerLinkApi } from "./containers";
import { downloadsApi } from "./downloads";
import { hostsApi } from "./hosts";
import { convertPointsApi } from "./points";
import { streamingApi } from "./streaming";
import { settingsApi } from "./settings";
import { trafficApi } from "./traffic";
import { unrestrictApi } from "./unrestrict";

export const restRoutes = new Hono<AppEnv>();

// ETag on every GET answer; If-None-Match → 304, as upstream.
const withEtag = etag();
restRoutes.use(async (c, next) => (c.req.method === "GET" ? withEtag(c, next) : next()));

const pad = (n: number) => String(n).padStart(2, "0");

/** `GET /time`: server time as `Y-m-d H:i:s` (UTC), raw text like upstream. */
restRoutes.get("/time", (c) => {
  const now = new Date();
  return c.text(`${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`);
});

/** `GET /time/iso`: `Y-m-dTH:i:sO`, zone without colon, parseable by `new Date()`. */
restRoutes.get("/time/iso", (c) => c.text(`${new Date().toISOString().slice(0, 19)}+0000`));

/** `GET /user`: the account as Real-Debrid describes it. `username` is the email's local part (we collect no name); `avatar` the uploaded picture, or the default one. */
restRoutes.get("/user", requireApiAccount(), async (c) => {
  const [account, avatar] = await Promise.all([findAccount(c.var.db, c.var.credential!.accountId), findAccountAvatar(c.var.db, { accountId: c.var.credential!.accountId })]);
  if (!account) throw new AppError("bad_token");
  const now = Date.now();
  const premiumSeconds = account.premiumUntil !== null && account.premiumUntil > now ? Math.floor((account.premiumUntil - now) / 1000) : 0;
  return c.json({
    id: account.id,
    username: account.email.split("@")[0] ?? "",
    email: account.email,
    points: account.points,
    locale: account.locale,
    avatar: new URL(avatar ? avatarPath(avatar) : "/assets/avatar.svg", c.env.SITE_ORIGIN).toString(),
    type: premiumSeconds > 0 ? "premium" : "free",
    premium: premiumSeconds,
    expiration: new Date(account.premiumUntil ?? now).toJSON(),
  });
});

/** `GET /disable_access_token`: revokes the token used for the call (an app's whole token family). */
restRoutes.get("/disable_access_token", requireApiAccount(), async (c) => {
  await revokeApiCredential(c.var.db, { credential: c.var.credential! });
  return c.body(null, 204);
});

restRoutes.route("/unrestrict", unrestrictApi);
// containerFile is a raw upload with its own body cap: its own group, mounted in app.ts.
restRoutes.route("/unrestrict", containerLinkApi);
restRoutes.route("/streaming", streamingApi);
restRoutes.route("/downloads", downloadsApi);
restRoutes.route("/hosts", hostsApi);
restRoutes.route("/traffic", trafficApi);
restRoutes.route("/settings/convertPoints", convertPointsApi);
restRoutes.route("/settings", settingsApi);

// Removed upstream in Nov 2024 (403); old clients still call it. Other torrent methods fall to unknown_method.
restRoutes.all("/torrents/instantAvailability/*", () => {
  throw new AppError("disabled_endpoint");
});
