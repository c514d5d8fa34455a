/** The Real-Debrid-compatible REST API 1.0, mounted at /rest/1.0. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";

export const restApi = new Hono<AppEnv>();

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
