/**
 * Browser sessions. The cookie holds a 256-bit random token; D1 holds only its SHA-256, and is the
 * authority, so a deleted row refuses the session at once, everywhere. Each session keeps where it
 * started and was last used (browser, IP, approximate place), for its owner's security page.
 */
import { and, desc, eq, gt, ne } from "drizzle-orm";
import {
  REAUTHENTICATION_WINDOW_MS,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_EXTEND_INTERVAL_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_TOUCH_INTERVAL_MS,
  SESSION_TOUCH_ON_MOVE_MS,
} from "../config";
import type { MainDb } from "../db/client";
import { sessions } from "../db/schema";
import { isRandomToken, randomToken, sha256Hex } from "../lib/crypto";
import { truncateText } from "../lib/text";
import type { ClientContext } from "../request-context/client-context";

export type Session = { id: number; accountId: number; expiresAt: number; reauthenticatedAt: number };
export type ValidatedSession = { session: Session; extended: boolean };

type Where = Pick<ClientContext, "ip" | "country" | "city" | "asn">;

/**
 * Starts a session: returns the token for the cookie (never stored). `revocable` also makes the
 * token of a one-click revoke link (mailed after a new-place sign-in; only its hash is stored).
 */
export async function createSession(
  db: MainDb,
  input: { accountId: number; client?: Where | null; userAgent?: string | null; revocable?: boolean },
  now: number,
): Promise<{ token: string; session: Session; revokeToken: string | null }> {
  const { accountId, client } = input;
  const token = randomToken(32);
  const revokeToken = input.revocable ? randomToken(32) : null;
  const expiresAt = now + SESSION_IDLE_TIMEOUT_MS;
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: await sha256Hex(token), accountId, createdAt: now, expiresAt, absoluteExpiresAt: now + SESSION_ABSOLUTE_LIFETIME_MS, reauthenticatedAt: now,
      userAgent: input.userAgent ? truncateText(input.userAgent, 512) : null, ip: client?.ip ?? null, country: client?.country ?? null, city: client?.city ?? null,
      asn: client?.asn ?? null, lastSeenAt: now, lastIp: client?.ip ?? null, lastCountry: client?.country ?? null, lastCity: client?.city ?? null,
      revokeTokenHash: revokeToken ? await sha256Hex(revokeToken) : null,
    })
    .returning({ id: sessions.id });
  return { token, session: { id: row!.id, accountId, expiresAt, reauthenticatedAt: now }, revokeToken };
}

/**
 * The live session a cookie token names. Its sliding deadline moves at most once a day, and its
 * "last seen" (time, IP, place) at most every SESSION_TOUCH_INTERVAL_MS, or every
 * SESSION_TOUCH_ON_MOVE_MS when its IP changed (a phone flapping between networks writes at most
 * once a minute): one write at most, and usually none.
 */
export async function validateSessionToken(db: MainDb, input: { token: string; client?: Where | null }, now: number): Promise<ValidatedSession | null> {
  const { token, client } = input;
  if (!isRandomToken(token)) return null;
  const row = await db.query.sessions.findFirst({ where: and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)) });
  if (!row) return null;
  const session = { id: row.id, accountId: row.accountId, expiresAt: row.expiresAt, reauthenticatedAt: row.reauthenticatedAt };
  const lastExtendedAt = row.expiresAt - SESSION_IDLE_TIMEOUT_MS;
  const extend = now - lastExtendedAt >= SESSION_EXTEND_INTERVAL_MS;
  const since = row.lastSeenAt === null ? Number.POSITIVE_INFINITY : now - row.lastSeenAt;
  const touch = client !== undefined && client !== null && (since >= SESSION_TOUCH_INTERVAL_MS || (client.ip !== row.lastIp && since >= SESSION_TOUCH_ON_MOVE_MS));
  if (!extend && !touch) return { session, extended: false };
  const expiresAt = extend ? Math.min(now + SESSION_IDLE_TIMEOUT_MS, row.absoluteExpiresAt) : row.expiresAt;
  const seen = touch ? { lastSeenAt: now, lastIp: client!.ip, lastCountry: client!.country, lastCity: client!.city } : {};
  await db.update(sessions).set({ expiresAt, ...seen }).where(eq(sessions.id, row.id));
  return { session: { ...session, expiresAt }, extended: extend };
}

/** True when the password was typed in this session within the re-authentication window. */
export function hasRecentPassword(session: Session, now: number): boolean {
  return now - session.reauthenticatedAt < REAUTHENTICATION_WINDOW_MS;
}

export function markReauthenticated(db: MainDb, input: { sessionId: number }, now: number) {
  return db.update(sessions).set({ reauthenticatedAt: now }).where(eq(sessions.id, input.sessionId));
}

export function deleteSession(db: MainDb, input: { sessionId: number }) {
  return db.delete(sessions).where(eq(sessions.id, input.sessionId));
}

/** Ends every session of an account (email change; with every other credential: accounts/credentials.ts). */
export function deleteAccountSessions(db: MainDb, input: { accountId: number }) {
  return db.delete(sessions).where(eq(sessions.accountId, input.accountId));
}

/** Ends one of the account's sessions; false when the account has no such session. */
export async function revokeAccountSession(db: MainDb, input: { accountId: number; sessionId: number }): Promise<boolean> {
  const deleted = await db.delete(sessions).where(and(eq(sessions.id, input.sessionId), eq(sessions.accountId, input.accountId))).returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Ends every session of the account but one; returns how many ended. */
export async function revokeOtherSessions(db: MainDb, input: { accountId: number; keepSessionId: number }): Promise<number> {
  const deleted = await db.delete(sessions).where(and(eq(sessions.accountId, input.accountId), ne(sessions.id, input.keepSessionId))).returning({ id: sessions.id });
  return deleted.length;
}

/** Ends the session a mailed revoke link names (no login needed: the link is the capability); null when it is gone. */
export async function revokeSessionByLink(db: MainDb, input: { token: string }): Promise<{ accountId: number; sessionId: number } | null> {
  if (!isRandomToken(input.token)) return null;
  const [row] = await db.delete(sessions).where(eq(sessions.revokeTokenHash, await sha256Hex(input.token))).returning({ accountId: sessions.accountId, sessionId: sessions.id });
  return row ?? null;
}

export type SessionListing = {
  id: number; createdAt: number; expiresAt: number; userAgent: string | null; ip: string | null; country: string | null; city: string | null; asn: number | null;
  lastSeenAt: number | null; lastIp: string | null; lastCountry: string | null; lastCity: string | null;
};

/** The account's live sessions, most recently used first. */
export async function listSessions(db: MainDb, input: { accountId: number }, now: number): Promise<SessionListing[]> {
  return db
    .select({
      id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ip: sessions.ip, country: sessions.country,
      city: sessions.city, asn: sessions.asn, lastSeenAt: sessions.lastSeenAt, lastIp: sessions.lastIp, lastCountry: sessions.lastCountry, lastCity: sessions.lastCity,
    })
    .from(sessions)
    .where(and(eq(sessions.accountId, input.accountId), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
}
