/** The OAuth device flow as a test app runs it: from a device in France (where test users sign up), approved in a logged-in browser. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { siteJson } from "./api";
import type { WebClient } from "./web-client";

export const OPEN_SOURCE_CLIENT = "X245A4XAIBGVM";
export const DEVICE_GRANT = "http://oauth.net/grant_type/device/1.0";

/** Calls from a device in France, the country the test users sign up from: a place their accounts know. */
export function oauthApi(path: string, init: RequestInit = {}) {
  return siteJson(path, { cf: { country: "FR", city: "Nantes" }, ...init } as RequestInit);
}

export function tokenRequest(fields: Record<string, string>) {
  return oauthApi("/oauth/v2/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
}

/** Lets the next poll through: tests don't wait the 5 s interval. */
export async function forgetLastPoll(deviceCode: string) {
  await env.DB.prepare("UPDATE device_codes SET last_polled_at = NULL WHERE device_code_hash = ?").bind(await sha256Hex(deviceCode)).run();
}

/** Runs the open-source device flow up to the first tokens, the device being at `deviceCf` (a place the user's account knows). */
export async function connectApp(user: WebClient, deviceCf: Record<string, unknown> = { country: "FR", city: "Nantes" }) {
  const start = await oauthApi(`/oauth/v2/device/code?client_id=${OPEN_SOURCE_CLIENT}&new_credentials=yes`, { cf: deviceCf } as RequestInit);
  expect(start.status).toBe(200);
  const { device_code, user_code } = start.body;
  const pending = await oauthApi(`/oauth/v2/device/credentials?client_id=${OPEN_SOURCE_CLIENT}&code=${device_code}`);
  expect(pending.status).toBe(403);
  expect(pending.body).not.toHaveProperty("client_secret");
  const review = await user.post("/device", { user_code: user_code.toLowerCase().replace(/(.{4})/, "$1-") });
  expect(review.status).toBe(200);
  expect(review.html).toContain("Open-source app");
  const approved = await user.post("/device/approve", { user_code });
  expect(approved.status).toBe(200);
  expect(approved.html).toContain("Device authorized");
  await forgetLastPoll(device_code);
  const credentials = await oauthApi(`/oauth/v2/device/credentials?client_id=${OPEN_SOURCE_CLIENT}&code=${device_code}`);
  expect(credentials.status).toBe(200);
  const { client_id, client_secret } = credentials.body;
  const tokens = await tokenRequest({ client_id, client_secret, code: device_code, grant_type: DEVICE_GRANT });
  expect(tokens.status).toBe(200);
  return { client_id, client_secret, device_code, tokens: tokens.body as { access_token: string; refresh_token: string; expires_in: number; token_type: string } };
}
