/** `GET /api/me/data`: everything kept about the logged-in account, as the export's JSON (streamed; no session → 401). */
import { Hono } from "hono";
import type { AppEnv } from "../../../env";
import { requireAccount } from "../guards";
import { exportResponse } from "../my-data-export";

export const myDataApi = new Hono<AppEnv>();

myDataApi.get("/me/data", requireAccount(), (c) => exportResponse(c, { attachment: false }));
