/** `/rest/1.0/downloads`: the history of generated links, and deleting one. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { deleteDownload, listDownloads } from "../../downloads/records";
import { apiRateLimit } from "../middleware/api-rate-limit";
import { requireApiAccount } from "../middleware/api-auth";
import { downloadJson } from "./downloads-json";
import { integerParam } from "./form";

export const downloadsApi = new Hono<AppEnv>();
downloadsApi.use(requireApiAccount(), apiRateLimit());

const MAX_LIMIT = 5000;
const DEFAULT_LIMIT = 100;

/** `offset`/`page`/`limit` (0–5000); `page` wins when both are sent; total in X-Total-Count. */
downloadsApi.get("/", async (c) => {
  const limit = integerParam(c.req.query("limit"), "limit", 0, MAX_LIMIT, DEFAULT_LIMIT);
  const page = integerParam(c.req.query("page"), "page", 1, 1_000_000, 0);
  const offset = page > 0 ? (page - 1) * limit : integerParam(c.req.query("offset"), "offset", 0, 1_000_000_000, 0);
  const { total, items } = await listDownloads(c.env, Number(c.var.accountId), offset, limit, Date.now());
  c.header("X-Total-Count", String(total));
  return c.json(items.map(downloadJson));
});

downloadsApi.delete("/delete/:id", async (c) => {
  const id = c.req.param("id");
  // Another account's id is "unknown" too: never reveal that it exists.
  if (id.length > 64 || !(await deleteDownload(c.env.DB, Number(c.var.accountId), id))) throw new AppError("resource_not_found");
  return c.body(null, 204);
});
