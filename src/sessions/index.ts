/**
 * Browser sessions. The cookie holds a 256-bit random token; D1 holds only its SHA-256, and is the
 * authority, so a deleted row refuses the session at once, everywhere.
 */
import { and, eq, gt } from "drizzle-orm";
import { REAUTHENTICATION_WINDOW_MS, SESSION_ABSOLUTE_LIFETIME_MS, SESSION_EXTEND_INTERVAL_MS, SESSION_IDLE_TIMEOUT_MS } from "../config";
import type { MainDb } from "../db/client";
import { sessions } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";

export type Session = { id: number; accountId: number; expiresAt: number; reauthenticatedAt: number };
export type ValidatedSession = { session: Session; extended: boolean };

/** Starts a session: returns the token for the cookie (never stored). */
export async function createSession(db: MainDb, input: { accountId: number }, now: number): Promise<{ token: string; session: Session }> {
  const { accountId } = input;
  const token = randomToken(32);
  const expiresAt = now + SESSION_IDLE_TIMEOUT_MS;
  const [row] = await db
    .insert(sessions)
    .values({ tokenHash: await sha256Hex(token), accountId, createdAt: now, expiresAt, absoluteExpiresAt: now + SESSION_ABSOLUTE_LIFETIME_MS, reauthenticatedAt: now })
    .returning({ id: sessions.id });
  return { token, session: { id: row!.id, accountId, expiresAt, reauthenticatedAt: now } };
}

/** The live session a cookie token names, extending its sliding deadline at most once a day. */
export async function validateSessionToken(db: MainDb, input: { token: string }, now: number): Promise<ValidatedSession | null> {
  const { token } = input;
  if (!/^[A-Z2-7]{52}$/.test(token)) return null;
  const row = await db.query.sessions.findFirst({ where: and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)) });
  if (!row) return null;
  const session = { id: row.id, accountId: row.accountId, expiresAt: row.expiresAt, reauthenticatedAt: row.reauthenticatedAt };
  const lastExtendedAt = row.expiresAt - SESSION_IDLE_TIMEOUT_MS;
  if (now - lastExtendedAt < SESSION_EXTEND_INTERVAL_MS) return { session, extended: false };
  const expiresAt = Math.min(now + SESSION_IDLE_TIMEOUT_MS, row.absoluteExpiresAt);
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, row.id));
  return { session: { ...session, expiresAt }, extended: true };
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

/** Ends every session of an account (password change or reset, email change). */
export function deleteAccountSessions(db: MainDb, input: { accountId: number }) {
  return db.delete(sessions).where(eq(sessions.accountId, input.accountId));
}
