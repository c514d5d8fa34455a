/** The Real-Debrid-compatible REST API 1.0, mounted at /rest/1.0. */
import { Hono } from "hono";
import { etag } from "hono/etag";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
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

restApi.route("/unrestrict", unrestrictApi);
restApi.route("/downloads", downloadsApi);
restApi.route("/hosts", hostsApi);
restApi.route("/traffic", trafficApi);

// Removed upstream in Nov 2024 (403); old clients still call it. Other torrent and streaming methods fall to unknown_method.
restApi.all("/torrents/instantAvailability/*", () => {
  throw new AppError("disabled_endpoint");
});
