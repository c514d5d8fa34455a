/**
 * Throttles kept in D1 (KV is eventually consistent, so it cannot hold lockouts): a count per fixed
 * window, and for logins a count of failures in a row that locks with growing delays.
 */
import { sql, type SQL } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { rateLimits, sessions } from "../db/schema";
import { sha256Hex } from "../lib/crypto";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

type Row = typeof rateLimits.$inferSelect;

async function readRow(db: MainDb, key: string): Promise<Row | undefined> {
  return db.query.rateLimits.findFirst({ where: (t, { eq }) => eq(t.key, key) });
}

/** Would one more event under `key` stay within `limit` per `windowMs`? Reads only (to tell a refusal's wait). */
async function checkWindow(db: MainDb, key: string, limit: number, windowMs: number, now: number): Promise<RateDecision> {
  const row = await readRow(db, key);
  if (row?.lockedUntil && row.lockedUntil > now) return { allowed: false, retryAfterMs: row.lockedUntil - now };
  if (!row || now - row.windowStartedAt >= windowMs || row.windowCount < limit) return { allowed: true };
  return { allowed: false, retryAfterMs: row.windowStartedAt + windowMs - now };
}

const notLocked = (now: number) => sql`(${rateLimits.lockedUntil} IS NULL OR ${rateLimits.lockedUntil} <= ${now})`;

/**
 * Counts one event under `key` only if it stays within `limit` per `windowMs` (and the key is not
 * locked): check and count in one atomic upsert, so parallel requests cannot all slip through.
 * Returns the statement; a row (with the window's count, this event included) comes back when the event was admitted.
 */
export function admitWindowStatement(db: MainDb, key: string, limit: number, windowMs: number, now: number) {
  const expired = sql`${now} - ${rateLimits.windowStartedAt} >= ${windowMs}`;
  return db
    .insert(rateLimits)
    .values({ key, windowStartedAt: now, windowCount: 1, consecutive: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowCount: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.windowCount} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${now} ELSE ${rateLimits.windowStartedAt} END`,
        consecutive: sql`${rateLimits.consecutive} + 1`,
        updatedAt: now,
      },
      setWhere: sql`${notLocked(now)} AND (${expired} OR ${rateLimits.windowCount} < ${limit})`,
    })
    .returning({ key: rateLimits.key, windowCount: rateLimits.windowCount });
}

/**
 * Counts one attempt in a row under `key` unless the key is locked (one atomic upsert); from
 * `threshold` attempts on, locks for `firstLockMs`, doubling with every further one up to `maxLockMs`.
 * A row comes back when the attempt was admitted; a success then ends the run with resetConsecutive.
 */
export function admitConsecutiveStatement(db: MainDb, key: string, threshold: number, firstLockMs: number, maxLockMs: number, windowMs: number, now: number) {
  const next = sql`${rateLimits.consecutive} + 1`;
  const lock = sql`CASE WHEN ${next} >= ${threshold} THEN ${now} + MIN(${maxLockMs}, ${firstLockMs} * (1 << MIN(20, ${next} - ${threshold}))) ELSE NULL END`;
  const expired = sql`${now} - ${rateLimits.windowStartedAt} >= ${windowMs}`;
  return db
    .insert(rateLimits)
    .values({ key, windowStartedAt: now, windowCount: 1, consecutive: 1, lockedUntil: threshold <= 1 ? now + firstLockMs : null, updatedAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowCount: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.windowCount} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${now} ELSE ${rateLimits.windowStartedAt} END`,
        lockedUntil: lock,
        consecutive: next,
        updatedAt: now,
      },
      setWhere: notLocked(now),
    })
    .returning({ key: rateLimits.key });
}

/** How long a refused key stays refused (read after an admit statement returned no row). */
export async function refusal(db: MainDb, key: string, limit: number, windowMs: number, now: number): Promise<RateDecision & { allowed: false }> {
  const decision = await checkWindow(db, key, limit, windowMs, now);
  // The window may have just turned over; then a retry right away is fair.
  return decision.allowed ? { allowed: false, retryAfterMs: 1000 } : decision;
}

/** Checks and counts one event under `key` atomically (see admitWindowStatement). */
export async function admitWindow(db: MainDb, key: string, limit: number, windowMs: number, now: number): Promise<RateDecision> {
  const [row] = await admitWindowStatement(db, key, limit, windowMs, now);
  return row ? { allowed: true } : refusal(db, key, limit, windowMs, now);
}

/** Takes back one admitted event (it turned out not to count, e.g. a right password or code). */
export function uncountEvent(db: MainDb, key: string, now: number) {
  return db
    .update(rateLimits)
    .set({ windowCount: sql`MAX(0, ${rateLimits.windowCount} - 1)`, consecutive: sql`MAX(0, ${rateLimits.consecutive} - 1)`, updatedAt: now })
    .where(sql`${rateLimits.key} = ${key}`);
}

/** Ends a run of failures (a successful login). */
export function resetConsecutive(db: MainDb, key: string, now: number) {
  return db.update(rateLimits).set({ consecutive: 0, lockedUntil: null, updatedAt: now }).where(sql`${rateLimits.key} = ${key}`);
}

/** The most restrictive of several decisions. */
export function combineDecisions(decisions: RateDecision[]): RateDecision {
  let worst: RateDecision = { allowed: true };
  for (const d of decisions) {
    if (!d.allowed && (worst.allowed || d.retryAfterMs > worst.retryAfterMs)) worst = d;
  }
  return worst;
}

/**
 * "This counter names the account": the keys that account operations build with its id (login.ts,
 * index.ts, lock.ts, login-challenges.ts, my-data's exports), the counters of its sessions
 * (`<what>:session:<id>`: password re-entry, device-code guesses) and its address's reset counter. For its owner's data (export, deletion); a test checks that no counter naming the
 * account escapes it.
 */
export async function accountRateLimitCondition(input: { accountId: number; emailNormalized: string }): Promise<SQL> {
  const id = input.accountId;
  const exact = [`login:account:${id}`, `resend-verification:${id}`, `email-change:${id}`, `unlock-mail:${id}`, `login-code:${id}`, `data-export:${id}`, `reset-address:${await sha256Hex(input.emailNormalized)}`];
  // `login:account:<id>:<network>`: a key range (";" follows ":"), which the primary key's index serves.
  return sql`(${rateLimits.key} IN (${sql.join(exact.map((key) => sql`${key}`), sql`, `)})
    OR (${rateLimits.key} >= ${`login:account:${id}:`} AND ${rateLimits.key} < ${`login:account:${id};`})
    OR (${rateLimits.key} LIKE '%:session:%' AND substr(${rateLimits.key}, instr(${rateLimits.key}, ':session:') + 9) IN (SELECT CAST(${sessions.id} AS TEXT) FROM ${sessions} WHERE ${sessions.accountId} = ${id})))`;
}
