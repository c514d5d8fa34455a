/** `/rest/1.0/streaming/*`: media information of a download; no transcoding. */
import { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { readMediaInfo } from "../../../media/media-info";
import { requireApiAccount } from "../api-token";
import { tokenApiInput } from "../input";

export const streamingApi = new Hono<AppEnv>();

const Id = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
// Another account's id, or one too long to exist, is "unknown" too: never reveal that it exists.
const knownId = tokenApiInput("param", v.fallback(Id, { id: "" }));

/** `GET /streaming/mediaInfos/{id}`: the id of one of the account's downloads (from /downloads or unrestrict/link). */
streamingApi.get("/mediaInfos/:id", requireApiAccount(), knownId, async (c) => {
  const { id } = c.req.valid("param");
  if (!id) throw new AppError("resource_not_found");
  return c.json(await readMediaInfo(c.var.db, { env: c.env, kv: c.env.KV, accountId: c.var.credential!.accountId, id }, Date.now()));
});

/**
 * `GET /streaming/transcode/{id}`: Relais streams files as they are and never transcodes, so this
 * is a disabled endpoint (403, code 37), as upstream answers for methods it has switched off: a
 * permanent refusal that clients do not retry, unlike a 503. Like torrents/instantAvailability, it
 * says so to any caller, token or not.
 */
streamingApi.get("/transcode/:id", () => {
  throw new AppError("disabled_endpoint", { details: { reason: "no_transcoding" } });
});
