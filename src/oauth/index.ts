/**
 * OAuth2 device flow as Real-Debrid apps use it (debrid-api.md §2): device codes, user-bound
 * credentials for the open-source client, access tokens (1 h) and rotating refresh tokens.
 */
import { and, eq, gt, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import {
  ACCESS_TOKEN_LIFETIME_MS,
  DEVICE_CODE_LIFETIME_MS,
  DEVICE_POLL_INTERVAL_SECONDS,
  DEVICE_POLL_SLOW_DOWN_SECONDS,
  DEVICE_USER_CODE_LENGTH,
  OPEN_SOURCE_CLIENT_ID,
  REFRESH_TOKEN_LIFETIME_MS,
} from "../config";
import type { MainDb } from "../db/client";
import { apiTokens, deviceCodes, oauthClients } from "../db/schema";
import { normalizeHumanCode, randomHumanCode, randomToken, sha256Hex, timingSafeEqualStrings } from "../lib/crypto";
import type { ClientContext } from "../request-context/client-context";


function randomUserCode(): string {
  return randomHumanCode(DEVICE_USER_CODE_LENGTH);
}

/** Upper-cases and strips separators; null unless 8 letters of the alphabet remain. */
export function normalizeUserCode(raw: string): string | null {
  return normalizeHumanCode(raw, DEVICE_USER_CODE_LENGTH);
}

export async function isKnownClient(db: MainDb, clientId: string): Promise<boolean> {
  if (clientId === OPEN_SOURCE_CLIENT_ID) return true;
  return (await db.query.oauthClients.findFirst({ where: eq(oauthClients.clientId, clientId) })) !== undefined;
}

export type DeviceCodeGrant = { device_code: string; user_code: string; interval: number; expires_in: number; verification_url: string };

export async function startDeviceAuthorization(
  db: MainDb,
  input: { clientId: string; newCredentials: boolean; client: ClientContext; verificationUrl: string },
  now: number,
): Promise<DeviceCodeGrant> {
  const { clientId, newCredentials, client, verificationUrl } = input;
  const deviceCode = randomToken(32);
  const userCode = randomUserCode();
  await db.insert(deviceCodes).values({
    deviceCodeHash: await sha256Hex(deviceCode), userCode, clientId, newCredentials, createdAt: now, expiresAt: now + DEVICE_CODE_LIFETIME_MS,
    intervalSeconds: DEVICE_POLL_INTERVAL_SECONDS, deviceCountry: client.country, deviceCity: client.city, deviceAsn: client.asn,
  });
  return { device_code: deviceCode, user_code: userCode, interval: DEVICE_POLL_INTERVAL_SECONDS, expires_in: DEVICE_CODE_LIFETIME_MS / 1000, verification_url: verificationUrl };
}

export type PendingDevice = { userCode: string; clientId: string; clientName: string; country: string | null; city: string | null; asn: number | null };

/** A live, not yet approved device authorization by its user code. */
export async function findPendingDevice(db: MainDb, input: { userCode: string }, now: number): Promise<PendingDevice | null> {
  const { userCode } = input;
  const row = await db.query.deviceCodes.findFirst({ where: and(eq(deviceCodes.userCode, userCode), gt(deviceCodes.expiresAt, now), isNull(deviceCodes.approvedAccountId)) });
  if (!row) return null;
  const registered = row.clientId === OPEN_SOURCE_CLIENT_ID ? null : await db.query.oauthClients.findFirst({ where: eq(oauthClients.clientId, row.clientId) });
  return { userCode: row.userCode, clientId: row.clientId, clientName: registered?.name ?? "Open-source app", country: row.deviceCountry, city: row.deviceCity, asn: row.deviceAsn };
}

export async function approveDevice(db: MainDb, input: { userCode: string; accountId: number }, now: number): Promise<boolean> {
  const { userCode, accountId } = input;
  const rows = await db
    .update(deviceCodes)
    .set({ approvedAccountId: accountId })
    .where(and(eq(deviceCodes.userCode, userCode), gt(deviceCodes.expiresAt, now), isNull(deviceCodes.approvedAccountId)))
    .returning({ id: deviceCodes.id });
  return rows.length === 1;
}

export type PollError = "authorization_pending" | "slow_down" | "invalid_grant";

async function findLiveDeviceCode(db: MainDb, deviceCode: string, now: number) {
  if (deviceCode.length > 128) return undefined;
  return db.query.deviceCodes.findFirst({ where: and(eq(deviceCodes.deviceCodeHash, await sha256Hex(deviceCode)), gt(deviceCodes.expiresAt, now)) });
}

/** While pending, polling faster than the interval adds 5 s to it (RFC 8628 §3.5); approved codes answer at once. */
async function pollTooSoon(db: MainDb, row: typeof deviceCodes.$inferSelect, now: number): Promise<boolean> {
  const tooSoon = row.lastPolledAt !== null && now - row.lastPolledAt < row.intervalSeconds * 1000;
  await db
    .update(deviceCodes)
    .set({ lastPolledAt: now, intervalSeconds: tooSoon ? row.intervalSeconds + DEVICE_POLL_SLOW_DOWN_SECONDS : row.intervalSeconds })
    .where(eq(deviceCodes.id, row.id));
  return tooSoon;
}

/**
 * Open-source flow: once the user approved, makes a client bound to that user and returns its
 * credentials (once; the device code then stays valid for the token call).
 */
export async function issueDeviceCredentials(db: MainDb, input: { clientId: string; deviceCode: string }, now: number): Promise<{ client_id: string; client_secret: string } | PollError> {
  const { clientId, deviceCode } = input;
  const row = await findLiveDeviceCode(db, deviceCode, now);
  if (!row || row.clientId !== clientId || !row.newCredentials || row.issuedClientId) return "invalid_grant";
  if (row.approvedAccountId === null) return (await pollTooSoon(db, row, now)) ? "slow_down" : "authorization_pending";
  const newClientId = randomToken(10);
  const clientSecret = randomToken(32);
  // The claim is the gate: of parallel calls, only the one whose update comes back makes a client.
  const [claimed] = await db
    .update(deviceCodes)
    .set({ issuedClientId: newClientId })
    .where(and(eq(deviceCodes.id, row.id), isNull(deviceCodes.issuedClientId)))
    .returning({ id: deviceCodes.id });
  if (!claimed) return "invalid_grant";
  await db.insert(oauthClients).values({ clientId: newClientId, clientSecretHash: await sha256Hex(clientSecret), accountId: row.approvedAccountId, name: "Open-source app", createdAt: now });
  return { client_id: newClientId, client_secret: clientSecret };
}

export type TokenResponse = { access_token: string; expires_in: number; token_type: "Bearer"; refresh_token: string };

/** True when the secret matches the registered client's. */
export async function authenticateClient(db: MainDb, input: { clientId: string; clientSecret: string }): Promise<boolean> {
  const { clientId, clientSecret } = input;
  const row = await db.query.oauthClients.findFirst({ where: eq(oauthClients.clientId, clientId) });
  return row !== undefined && clientSecret.length <= 128 && timingSafeEqualStrings(await sha256Hex(clientSecret), row.clientSecretHash);
}

/**
 * A new access and refresh token pair of a family. `expiresAt` is the family's end (set at the first
 * pair and carried through rotations, so the 1-year cap holds); with `gatingTokenId`, both inserts
 * happen only while that refresh token is unspent (they insert nothing otherwise).
 */
async function issueTokenPair(db: MainDb, accountId: number, clientId: string, familyId: string, familyExpiresAt: number, now: number, gatingTokenId?: number) {
  const accessToken = randomToken(32);
  const refreshToken = randomToken(32);
  const insert = (kind: "access" | "refresh", tokenHash: string, expiresAt: number) =>
    gatingTokenId === undefined
      ? db.insert(apiTokens).values({ accountId, kind, tokenHash, clientId, familyId, createdAt: now, expiresAt })
      : // INSERT ... SELECT from the gating row: one row while it is unspent, none after.
        db.insert(apiTokens).select(
          db
            .select({
              // Every column, in the table's order (drizzle requires it); a NULL id is assigned by SQLite.
              id: sql<number>`NULL`.as("id"),
              accountId: sql<number>`${accountId}`.as("account_id"),
              kind: sql<"access" | "refresh">`${kind}`.as("kind"),
              tokenHash: sql<string>`${tokenHash}`.as("token_hash"),
              clientId: sql<string>`${clientId}`.as("client_id"),
              createdAt: sql<number>`${now}`.as("created_at"),
              expiresAt: sql<number>`${expiresAt}`.as("expires_at"),
              lastUsedAt: sql<number | null>`NULL`.as("last_used_at"),
              familyId: sql<string>`${familyId}`.as("family_id"),
              usedAt: sql<number | null>`NULL`.as("used_at"),
            })
            .from(apiTokens)
            .where(and(eq(apiTokens.id, gatingTokenId), isNull(apiTokens.usedAt))),
        );
  const statements = [
    insert("access", await sha256Hex(accessToken), Math.min(now + ACCESS_TOKEN_LIFETIME_MS, familyExpiresAt)),
    insert("refresh", await sha256Hex(refreshToken), familyExpiresAt),
  ] as const;
  const expiresIn = Math.max(1, Math.round((Math.min(now + ACCESS_TOKEN_LIFETIME_MS, familyExpiresAt) - now) / 1000));
  const response: TokenResponse = { access_token: accessToken, expires_in: expiresIn, token_type: "Bearer", refresh_token: refreshToken };
  return { statements, response };
}

/**
 * `POST /oauth/v2/token` with the device grant: `code` is a device code (first tokens) or a refresh
 * token (rotation). A spent refresh token used again revokes its whole family.
 */
export async function exchangeDeviceGrant(db: MainDb, input: { clientId: string; code: string }, now: number): Promise<TokenResponse | PollError> {
  const { clientId, code } = input;
  const device = await findLiveDeviceCode(db, code, now);
  if (device) {
    const boundClient = device.newCredentials ? device.issuedClientId : device.clientId;
    if (boundClient !== clientId) return "invalid_grant";
    if (device.approvedAccountId === null) return (await pollTooSoon(db, device, now)) ? "slow_down" : "authorization_pending";
    // Deleting the device code is the gate that makes it single use: of parallel calls, only the
    // one whose delete comes back issues tokens.
    const [claimed] = await db.delete(deviceCodes).where(and(eq(deviceCodes.id, device.id), isNotNull(deviceCodes.approvedAccountId))).returning({ id: deviceCodes.id });
    if (!claimed) return "invalid_grant";
    const { statements, response } = await issueTokenPair(db, device.approvedAccountId, clientId, randomToken(16), now + REFRESH_TOKEN_LIFETIME_MS, now);
    await db.batch([...statements]);
    return response;
  }
  if (code.length > 128) return "invalid_grant";
  const refresh = await db.query.apiTokens.findFirst({ where: and(eq(apiTokens.tokenHash, await sha256Hex(code)), eq(apiTokens.kind, "refresh")) });
  if (!refresh || refresh.clientId !== clientId || refresh.familyId === null || (refresh.expiresAt !== null && refresh.expiresAt <= now)) return "invalid_grant";
  if (refresh.usedAt !== null) {
    await db.delete(apiTokens).where(eq(apiTokens.familyId, refresh.familyId));
    return "invalid_grant";
  }
  // One atomic batch: every statement runs only while the old refresh token is unspent, and the last
  // one spends it, so parallel rotations cannot both win and a failure cannot lose the family. The
  // spent refresh token stays, marked, to catch reuse; the family's old access tokens go.
  const unspent = sql`EXISTS (SELECT 1 FROM api_tokens WHERE id = ${refresh.id} AND used_at IS NULL)`;
  const familyEnd = refresh.expiresAt ?? now + REFRESH_TOKEN_LIFETIME_MS;
  const { statements, response } = await issueTokenPair(db, refresh.accountId, clientId, refresh.familyId, familyEnd, now, refresh.id);
  const results = await db.batch([
    db.delete(apiTokens).where(and(eq(apiTokens.familyId, refresh.familyId), eq(apiTokens.kind, "access"), unspent)),
    ...statements,
    db.update(apiTokens).set({ usedAt: now }).where(and(eq(apiTokens.id, refresh.id), isNull(apiTokens.usedAt))).returning({ id: apiTokens.id }),
  ]);
  const spent = results[results.length - 1] as { id: number }[];
  return spent.length === 1 ? response : "invalid_grant";
}

export type ConnectedApp = { familyId: string; clientId: string; name: string; connectedAt: number; lastUsedAt: number | null };

/**
 * Apps holding live tokens for the account, one per token family: one query joining the client
 * names (no bound list of client ids, which would pass D1's 100-parameter cap), spent refresh
 * tokens left out in SQL.
 */
export async function listConnectedApps(db: MainDb, accountId: number, now: number): Promise<ConnectedApp[]> {
  const rows = await db
    .select({
      familyId: apiTokens.familyId,
      clientId: apiTokens.clientId,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      name: oauthClients.name,
    })
    .from(apiTokens)
    .leftJoin(oauthClients, eq(oauthClients.clientId, apiTokens.clientId))
    .where(
      and(
        eq(apiTokens.accountId, accountId),
        isNotNull(apiTokens.familyId),
        gt(apiTokens.expiresAt, now),
        or(ne(apiTokens.kind, "refresh"), isNull(apiTokens.usedAt)),
      ),
    );
  const apps = new Map<string, ConnectedApp>();
  for (const row of rows) {
    const app = apps.get(row.familyId!) ?? { familyId: row.familyId!, clientId: row.clientId ?? "", name: row.name ?? "App", connectedAt: row.createdAt, lastUsedAt: null };
    app.connectedAt = Math.min(app.connectedAt, row.createdAt);
    if (row.lastUsedAt !== null) app.lastUsedAt = Math.max(app.lastUsedAt ?? 0, row.lastUsedAt);
    apps.set(row.familyId!, app);
  }
  return [...apps.values()].sort((a, b) => b.connectedAt - a.connectedAt);
}

/** Revokes every token of one connected app of the account. */
export async function revokeConnectedApp(db: MainDb, input: { accountId: number; familyId: string }): Promise<void> {
  const { accountId, familyId } = input;
  await db.delete(apiTokens).where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.familyId, familyId)));
}
