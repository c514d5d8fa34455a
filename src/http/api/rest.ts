/** The Real-Debrid-compatible REST API 1.0, mounted at /rest/1.0. */
import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import { findAccount } from "../../accounts";
import { mainDb } from "../../db/client";
import { apiTokens } from "../../db/schema";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { requireApiAccount } from "../middleware/api-auth";
import { apiRateLimit } from "../middleware/api-rate-limit";
import { etag } from "hono/etag";
import { downloadsApi } from "./downloads";
import { hostsApi } from "./hosts";
import { trafficApi } from "./traffic";
import { unrestrictApi } from "./unrestrict";

export const restApi = new Hono<AppEnv>();

// ETag on every GET answer; If-None-Match → 304, as upstream.
const withEtag = etag();
restApi.use(async (c, next) => (c.req.method === "GET" ? withEtag(c, next) : next()));

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `GET /time`: server time as `Y-m-d H:i:s` (UTC), raw text like upstream. */
restApi.get("/time", (c) => {
  const now = new Date();
  return c.text(`${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`);
});

/** `GET /time/iso`: `Y-m-dTH:i:sO`, zone without colon, parseable by `new Date()`. */
restApi.get("/time/iso", (c) => c.text(`${new Date().toISOString().slice(0, 19)}+0000`));

/** `GET /user`: the account as Real-Debrid describes it. `username` is the email's local part (we collect no name). */
restApi.get("/user", requireApiAccount(), apiRateLimit(), async (c) => {
  const account = await findAccount(mainDb(c.env.DB), c.var.apiCredential.accountId);
  if (!account) throw new AppError("bad_token");
  const now = Date.now();
  const premiumSeconds = account.premiumUntil !== null && account.premiumUntil > now ? Math.floor((account.premiumUntil - now) / 1000) : 0;
  return c.json({
    id: account.id,
    username: account.email.split("@")[0] ?? "",
    email: account.email,
    points: account.points,
    locale: account.locale,
    avatar: new URL("/assets/avatar.svg", c.env.SITE_ORIGIN).toString(),
    type: premiumSeconds > 0 ? "premium" : "free",
    premium: premiumSeconds,
    expiration: new Date(account.premiumUntil ?? now).toJSON(),
  });
});

/**
 * `GET /disable_access_token`: revokes the token used for the call; for an OAuth access token, its
 * whole family (the refresh token too), so the app is disconnected.
 */
restApi.get("/disable_access_token", requireApiAccount(), apiRateLimit(), async (c) => {
  const { tokenId, familyId, accountId, kind } = c.var.apiCredential;
  const db = mainDb(c.env.DB);
  if (kind === "access" && familyId !== null) await db.delete(apiTokens).where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.familyId, familyId)));
  else await db.delete(apiTokens).where(eq(apiTokens.id, tokenId));
  return c.body(null, 204);
});

restApi.route("/unrestrict", unrestrictApi);
restApi.route("/downloads", downloadsApi);
restApi.route("/hosts", hostsApi);
restApi.route("/traffic", trafficApi);

// Removed upstream in Nov 2024 (403); old clients still call it. Other torrent and streaming methods fall to unknown_method.
restApi.all("/torrents/instantAvailability/*", () => {
  throw new AppError("disabled_endpoint");
});
