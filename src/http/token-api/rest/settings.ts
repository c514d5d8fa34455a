/**
 * `/rest/1.0/settings*` (debrid-api.md §3): GET settings, POST update, POST changePassword,
 * DELETE avatarDelete; PUT avatarFile is its own group (avatarUploadRoutes below), mounted before
 * /rest/1.0 with a body cap of its own. POST convertPoints belongs to payments.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { accountRequest } from "../../account-request";
import { mailPasswordChangeLink } from "../../../accounts";
import { downloadNodes } from "../../../downloads/download-host";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { deleteAvatar, readSettings, saveAvatar, updateSetting } from "../../../settings";
import { requireApiAccount } from "../api-token";
import { tokenApiInput } from "../input";

export const settingsApi = new Hono<AppEnv>();
settingsApi.use(requireApiAccount());

settingsApi.get("/", async (c) => {
  const settings = await readSettings(c.var.db, { accountId: c.var.credential!.accountId, nodes: downloadNodes(c.env) });
  if (!settings) throw new AppError("bad_token");
  return c.json(settings);
});

const Update = v.object({ setting_name: v.pipe(v.string(), v.maxLength(64)), setting_value: v.pipe(v.string(), v.maxLength(64)) });

/** 204 once set; 400 code 2 naming the parameter (and the allowed values) for an unknown name or value. */
settingsApi.post("/update", tokenApiInput("form", Update), async (c) => {
  const { setting_name, setting_value } = c.req.valid("form");
  const outcome = await updateSetting(c.var.db, { accountId: c.var.credential!.accountId, name: setting_name, value: setting_value, nodes: downloadNodes(c.env) }, Date.now());
  if (!outcome.ok) throw new AppError("bad_parameter", { details: { parameter: outcome.problem, allowed: outcome.allowed } });
  return c.body(null, 204);
});

/** As upstream: no password in the request; the owner gets a link to choose one (which then revokes every credential). */
settingsApi.post("/changePassword", async (c) => {
  // The site's account request (language, outbox, links) serves mails sent for API calls too.
  const decision = await mailPasswordChangeLink(c.var.db, { accountId: c.var.credential!.accountId, request: accountRequest(c) }, Date.now());
  if (!decision.allowed) throw new AppError("too_many_requests", { retryAfterSeconds: decision.retryAfterMs / 1000 });
  return c.body(null, 204);
});

settingsApi.delete("/avatarDelete", async (c) => {
  await deleteAvatar(c.var.db, { kv: c.env.KV, accountId: c.var.credential!.accountId });
  return c.body(null, 204);
});

/**
 * `PUT /rest/1.0/settings/avatarFile`: the picture is the raw body (clients send no Content-Type).
 * Its own group caps the body at AVATAR_MAX_BYTES before anything reads it (413 code 26 past it);
 * the bytes decide the type (400 code 28 otherwise).
 */
export const avatarUploadRoutes = new Hono<AppEnv>();
avatarUploadRoutes.put("/", requireApiAccount(), async (c) => {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  await saveAvatar(c.var.db, { kv: c.env.KV, accountId: c.var.credential!.accountId, bytes }, Date.now());
  return c.body(null, 204);
});
