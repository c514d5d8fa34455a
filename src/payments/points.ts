/** Fidelity points: earned with each plan bought (config.ts), converted into premium time in whole blocks. */
import { and, eq, gte, sql } from "drizzle-orm";
import { POINTS_PER_CONVERSION_BLOCK, PREMIUM_DAYS_PER_CONVERSION_BLOCK } from "../config";
import type { MainDb } from "../db/client";
import { accounts } from "../db/schema";
import { DAY_MS } from "../lib/time";

export type Conversion = { pointsLeft: number; premiumUntil: number };

/**
 * Converts as many whole blocks of points as the account holds into premium days, added after the
 * current expiry while premium, from now otherwise; the rest of the points stays. One conditional
 * statement, so parallel calls never spend the same points twice. Null when the balance is below
 * one block.
 */
export async function convertPoints(db: MainDb, input: { accountId: number }, now: number): Promise<Conversion | null> {
  const block = POINTS_PER_CONVERSION_BLOCK;
  const blockMs = PREMIUM_DAYS_PER_CONVERSION_BLOCK * DAY_MS;
  // SQLite computes every SET expression from the row as it was: the blocks are the old balance's.
  // D1 binds numbers as REAL, so the division is cast back to whole blocks.
  const [row] = await db
    .update(accounts)
    .set({
      points: sql`${accounts.points} % ${block}`,
      premiumUntil: sql`max(coalesce(${accounts.premiumUntil}, 0), ${now}) + CAST(${accounts.points} / ${block} AS INTEGER) * ${blockMs}`,
    })
    .where(and(eq(accounts.id, input.accountId), gte(accounts.points, block)))
    .returning({ points: accounts.points, premiumUntil: accounts.premiumUntil });
  return row ? { pointsLeft: row.points, premiumUntil: row.premiumUntil! } : null;
}
