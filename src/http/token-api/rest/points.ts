/**
 * `POST /rest/1.0/settings/convertPoints`: fidelity points into premium time, as Real-Debrid's
 * (no parameter; 204 when done, 503 when there are not enough points). The rate is in config.ts.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { convertPoints } from "../../../payments";
import { requireApiAccount } from "../api-token";

export const convertPointsApi = new Hono<AppEnv>();

convertPointsApi.post("/", requireApiAccount(), async (c) => {
  const converted = await convertPoints(c.var.db, { accountId: c.var.credential!.accountId }, Date.now());
  if (!converted) throw new AppError("not_enough_points");
  return c.body(null, 204);
});
