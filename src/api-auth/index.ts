/**
 * API authentication as Real-Debrid clients do it: `Authorization: Bearer <token>`, or
 * `?auth_token=<token>` where a header is impossible. Tokens are looked up by their SHA-256.
 */
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { apiTokens } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { HOUR_MS } from "../lib/time";

/** `familyId` names an OAuth access token's family (its refresh token shares it); null for private tokens. */
export type ApiCredential = { accountId: number; tokenId: number; kind: "private" | "access"; clientId: string | null; familyId: string | null; lastUsedAt: number | null };

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
  const row = await db.query.apiTokens.findFirst({
    where: and(eq(apiTokens.tokenHash, await sha256Hex(input.token)), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))),
  });
  if (!row || row.kind === "refresh") return null;
  return { accountId: row.accountId, tokenId: row.id, kind: row.kind, clientId: row.clientId, familyId: row.familyId, lastUsedAt: row.lastUsedAt };
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
