/** OAuth2 for apps, mounted at /oauth/v2 (debrid-api.md §2): the device flow and token refresh. Token-authenticated, no cookies. */
import { Hono } from "hono";
import { admitWindow } from "../../accounts/rate-limits";
import { DEVICE_CODES_PER_NETWORK_PER_HOUR, OPEN_SOURCE_CLIENT_ID } from "../../config";
import { mainDb } from "../../db/client";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { networkOf } from "../../lib/network";
import { HOUR_MS } from "../../lib/time";
import { authenticateClient, exchangeDeviceGrant, isKnownClient, issueDeviceCredentials, startDeviceAuthorization, type PollError } from "../../oauth";
import { readForm } from "./form";

export const oauthApi = new Hono<AppEnv>();

const DEVICE_GRANT = "http://oauth.net/grant_type/device/1.0";

function requiredParam(value: string | undefined, maxLength = 128): string {
  if (value === undefined || value === "") throw new AppError("missing_parameter");
  if (value.length > maxLength) throw new AppError("bad_parameter");
  return value;
}

function pollError(error: PollError): AppError {
  // Pending answers are non-2xx and carry no client_secret: clients keep polling on either.
  return new AppError(error, error === "slow_down" ? { retryAfterSeconds: 5 } : {});
}

oauthApi.get("/device/code", async (c) => {
  const clientId = requiredParam(c.req.query("client_id"));
  const db = mainDb(c.env.DB);
  if (!(await isKnownClient(db, clientId))) throw new AppError("invalid_client");
  const newCredentials = c.req.query("new_credentials") === "yes";
  if (newCredentials !== (clientId === OPEN_SOURCE_CLIENT_ID)) throw new AppError("bad_parameter");
  // Public and one D1 row per call: a per-network cap, counted atomically before the insert.
  const now = Date.now();
  const decision = await admitWindow(db, `device-code:${networkOf(c.var.client.ip)}`, DEVICE_CODES_PER_NETWORK_PER_HOUR, HOUR_MS, now);
  if (!decision.allowed) {
    throw new AppError("too_many_requests", { retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)), details: { limit: DEVICE_CODES_PER_NETWORK_PER_HOUR, period_seconds: 3600 } });
  }
  const verificationUrl = new URL("/device", c.env.SITE_ORIGIN).toString();
  return c.json(await startDeviceAuthorization(db, clientId, newCredentials, c.var.client, verificationUrl, now));
});

oauthApi.get("/device/credentials", async (c) => {
  const clientId = requiredParam(c.req.query("client_id"));
  const code = requiredParam(c.req.query("code"));
  const result = await issueDeviceCredentials(mainDb(c.env.DB), clientId, code, Date.now());
  if (typeof result === "string") throw pollError(result);
  return c.json(result);
});

oauthApi.post("/token", async (c) => {
  const params = await readForm(c);
  const grantType = requiredParam(params.grant_type, 256);
  const clientId = requiredParam(params.client_id);
  const clientSecret = requiredParam(params.client_secret);
  const code = requiredParam(params.code);
  if (grantType !== DEVICE_GRANT) throw new AppError("bad_parameter");
  const db = mainDb(c.env.DB);
  if (!(await authenticateClient(db, clientId, clientSecret))) throw new AppError("invalid_client");
  const result = await exchangeDeviceGrant(db, clientId, code, Date.now());
  if (typeof result === "string") throw pollError(result);
  c.header("Cache-Control", "no-store");
  return c.json(result);
});
