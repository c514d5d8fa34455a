/** `/rest/1.0/downloads`: the history of generated links, and deleting one. */
import { Hono } from "hono";
import * as v from "valibot";
import { DOWNLOADS_LIST_DEFAULT_LIMIT, DOWNLOADS_LIST_MAX_LIMIT } from "../../../config";
import { deleteDownload, listDownloads } from "../../../downloads/records";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { requireApiAccount } from "../api-token";
import { tokenApiInput } from "../input";
import { downloadJson } from "./download-json";

export const downloadsApi = new Hono<AppEnv>();
downloadsApi.use(requireApiAccount());

const integer = (min: number, max: number) => v.pipe(v.string(), v.regex(/^-?\d{1,12}$/), v.toNumber(), v.integer(), v.minValue(min), v.maxValue(max));

const ListQuery = v.object({
  limit: v.optional(integer(0, DOWNLOADS_LIST_MAX_LIMIT), String(DOWNLOADS_LIST_DEFAULT_LIMIT)),
  page: v.optional(integer(1, 1_000_000)),
  offset: v.optional(integer(0, 1_000_000_000), "0"),
});

/** `offset`/`page`/`limit` (0–5000); `page` wins when both are sent; total in X-Total-Count. */
downloadsApi.get("/", tokenApiInput("query", ListQuery), async (c) => {
  const { limit, page, offset } = c.req.valid("query");
  const start = page !== undefined ? (page - 1) * limit : offset;
  const { total, items } = await listDownloads(c.var.db, { kv: c.env.KV, accountId: c.var.credential!.accountId, offset: start, limit }, Date.now());
  c.header("X-Total-Count", String(total));
  return c.json(items.map(downloadJson));
});

const Id = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
// Another account's id, or one too long to exist, is "unknown" too: never reveal that it exists.
const notFound = tokenApiInput("param", v.fallback(Id, { id: "" }));

downloadsApi.delete("/delete/:id", notFound, async (c) => {
  const { id } = c.req.valid("param");
  if (!id || !(await deleteDownload(c.var.db, { accountId: c.var.credential!.accountId, id }))) throw new AppError("resource_not_found");
  return c.body(null, 204);
});
