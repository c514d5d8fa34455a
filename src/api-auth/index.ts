/**
 * API authentication as Real-Debrid clients do it: `Authorization: Bearer <token>`, or
 * `?auth_token=<token>` where a header is impossible. Tokens are looked up by their SHA-256.
 */
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { accounts, apiTokens } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { HOUR_MS } from "../lib/time";

/**
 * `familyId` names an OAuth access token's family (its refresh token shares it); null for private
 * tokens. `accountLocked`: the account-sharing rule locked the account (error 14 until unlocked).
 */
export type ApiCredential = { accountId: number; tokenId: number; kind: "private" | "access"; clientId: string | null; familyId: string | null; lastUsedAt: number | null; accountLocked: boolean };

/** The token a request carries, header first; null when none. */
export function readApiToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
    return match?.[1] ?? null;
  }
  const fromQuery = new URL(request.url).searchParams.get("auth_token");
  return fromQuery && fromQuery.length <= 512 ? fromQuery : null;
}

/** The live credential a token names at `now`, or null. Refresh tokens never authenticate API calls. */
export async function findApiCredential(db: MainDb, input: { token: string }, now: number): Promise<ApiCredential | null> {
  // One query: the token and its account's lock.
  const [row] = await db
    .select({ token: apiTokens, lockedAt: accounts.lockedAt })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(and(eq(apiTokens.tokenHash, await sha256Hex(input.token)), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .limit(1);
  if (!row) return null;
  const token = row.token;
  if (token.kind === "refresh") return null;
  return { accountId: token.accountId, tokenId: token.id, kind: token.kind, clientId: token.clientId, familyId: token.familyId, lastUsedAt: token.lastUsedAt, accountLocked: row.lockedAt !== null };
}

/** Records that a token was used, at most hourly (a write per call would be waste). */
export async function touchApiCredential(db: MainDb, input: { credential: ApiCredential }, now: number): Promise<void> {
  const { credential } = input;
  if (credential.lastUsedAt !== null && now - credential.lastUsedAt < HOUR_MS) return;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, credential.tokenId));
}

/**
 * Revokes the token used for a call; for an OAuth access token, its whole family (the refresh token
 * too), so the app is disconnected.
 */
export async function revokeApiCredential(db: MainDb, input: { credential: ApiCredential }): Promise<void> {
  const { tokenId, familyId, accountId, kind } = input.credential;
  if (kind === "access" && familyId !== null) await db.delete(apiTokens).where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.familyId, familyId)));
  else await db.delete(apiTokens).where(eq(apiTokens.id, tokenId));
}
