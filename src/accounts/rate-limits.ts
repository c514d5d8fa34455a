/**
 * Throttles kept in D1 (KV is eventually consistent, so it cannot hold lockouts): a count per fixed
 * window, and for logins a count of failures in a row that locks with growing delays.
 */
import { sql } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { rateLimits } from "../db/schema";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

type Row = typeof rateLimits.$inferSelect;

async function readRow(db: MainDb, key: string): Promise<Row | undefined> {
  return db.query.rateLimits.findFirst({ where: (t, { eq }) => eq(t.key, key) });
}

/** Would one more event under `key` stay within `limit` per `windowMs`? Reads only. */
export async function checkWindow(db: MainDb, key: string, limit: number, windowMs: number, now: number): Promise<RateDecision> {
  const row = await readRow(db, key);
  if (row?.lockedUntil && row.lockedUntil > now) return { allowed: false, retryAfterMs: row.lockedUntil - now };
  if (!row || now - row.windowStartedAt >= windowMs || row.windowCount < limit) return { allowed: true };
  return { allowed: false, retryAfterMs: row.windowStartedAt + windowMs - now };
}

/** Counts one event under `key` (a new window starts when the last one is over); one atomic statement. */
export function countEvent(db: MainDb, key: string, windowMs: number, now: number) {
  return db
    .insert(rateLimits)
    .values({ key, windowStartedAt: now, windowCount: 1, consecutive: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowCount: sql`CASE WHEN ${now} - ${rateLimits.windowStartedAt} >= ${windowMs} THEN 1 ELSE ${rateLimits.windowCount} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${now} - ${rateLimits.windowStartedAt} >= ${windowMs} THEN ${now} ELSE ${rateLimits.windowStartedAt} END`,
        consecutive: sql`${rateLimits.consecutive} + 1`,
        updatedAt: now,
      },
    });
}

/**
 * Counts a failure in a row under `key`; from `threshold` failures on, locks for `firstLockMs`,
 * doubling with every further failure up to `maxLockMs`.
 */
export function countConsecutiveFailure(db: MainDb, key: string, threshold: number, firstLockMs: number, maxLockMs: number, windowMs: number, now: number) {
  const next = sql`${rateLimits.consecutive} + 1`;
  // SQLite has no pow(); a shift doubles the delay for each failure past the threshold.
  const lock = sql`CASE WHEN ${next} >= ${threshold} THEN ${now} + MIN(${maxLockMs}, ${firstLockMs} * (1 << MIN(20, ${next} - ${threshold}))) ELSE NULL END`;
  return db
    .insert(rateLimits)
    .values({ key, windowStartedAt: now, windowCount: 1, consecutive: 1, lockedUntil: threshold <= 1 ? now + firstLockMs : null, updatedAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowCount: sql`CASE WHEN ${now} - ${rateLimits.windowStartedAt} >= ${windowMs} THEN 1 ELSE ${rateLimits.windowCount} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${now} - ${rateLimits.windowStartedAt} >= ${windowMs} THEN ${now} ELSE ${rateLimits.windowStartedAt} END`,
        lockedUntil: lock,
        consecutive: next,
        updatedAt: now,
      },
    });
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
