/** OAuth2 for apps, mounted at /oauth/v2 in the token API group (debrid-api.md §2): the device flow and token refresh. */
import { Hono } from "hono";
import * as v from "valibot";
import { admitWindow } from "../../accounts/rate-limits";
import { DEVICE_CODES_PER_NETWORK_PER_HOUR, DEVICE_POLL_SLOW_DOWN_SECONDS, OPEN_SOURCE_CLIENT_ID } from "../../config";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { networkOf } from "../../lib/network";
import { HOUR_MS } from "../../lib/time";
import { authenticateClient, exchangeDeviceGrant, isKnownClient, issueDeviceCredentials, startDeviceAuthorization, type PollError } from "../../oauth";
import { tokenApiInput } from "./input";

export const oauthRoutes = new Hono<AppEnv>();

const DEVICE_GRANT = "http://oauth.net/grant_type/device/1.0";
const Param = v.pipe(v.string(), v.maxLength(128));

function pollError(error: PollError): AppError {
  // Pending answers are non-2xx and carry no client_secret: clients keep polling on either.
  return new AppError(error, error === "slow_down" ? { retryAfterSeconds: DEVICE_POLL_SLOW_DOWN_SECONDS } : {});
}

oauthRoutes.get("/device/code", tokenApiInput("query", v.object({ client_id: Param, new_credentials: v.optional(v.string()) })), async (c) => {
  const { client_id: clientId, new_credentials } = c.req.valid("query");
  const db = c.var.db;
  if (!(await isKnownClient(db, clientId))) throw new AppError("invalid_client");
  const newCredentials = new_credentials === "yes";
  if (newCredentials !== (clientId === OPEN_SOURCE_CLIENT_ID)) throw new AppError("bad_parameter", { details: { parameter: "new_credentials" } });
  // Public and one D1 row per call: a per-network cap, counted atomically before the insert.
  const now = Date.now();
  const decision = await admitWindow(db, `device-code:${networkOf(c.var.client.ip)}`, DEVICE_CODES_PER_NETWORK_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) {
    throw new AppError("too_many_requests", { retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)), details: { limit: DEVICE_CODES_PER_NETWORK_PER_HOUR, period_seconds: 3600 } });
  }
  const verificationUrl = new URL("/device", c.env.SITE_ORIGIN).toString();
  return c.json(await startDeviceAuthorization(db, { clientId, newCredentials, client: c.var.client, verificationUrl }, now));
});

oauthRoutes.get("/device/credentials", tokenApiInput("query", v.object({ client_id: Param, code: Param })), async (c) => {
  const { client_id: clientId, code } = c.req.valid("query");
  const result = await issueDeviceCredentials(c.var.db, { clientId, deviceCode: code }, Date.now());
  if (typeof result === "string") throw pollError(result);
  return c.json(result);
});

const TokenForm = v.object({ grant_type: v.pipe(v.string(), v.maxLength(256)), client_id: Param, client_secret: Param, code: Param });

oauthRoutes.post("/token", tokenApiInput("form", TokenForm), async (c) => {
  const form = c.req.valid("form");
  if (form.grant_type !== DEVICE_GRANT) throw new AppError("bad_parameter", { details: { parameter: "grant_type" } });
  const db = c.var.db;
  if (!(await authenticateClient(db, { clientId: form.client_id, clientSecret: form.client_secret }))) throw new AppError("invalid_client");
  const result = await exchangeDeviceGrant(db, { clientId: form.client_id, code: form.code }, Date.now());
  if (typeof result === "string") throw pollError(result);
  c.header("Cache-Control", "no-store");
  return c.json(result);
});
