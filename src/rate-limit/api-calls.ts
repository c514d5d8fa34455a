/**
 * The API rate limit: API_CALLS_PER_MINUTE per token; refused calls count too (as upstream).
 * Counted in D1, not KV: KV takes one write per key per second and is eventually consistent, so it
 * cannot count 250 calls a minute; D1 has a single primary, so one upsert gives the exact count.
 */
import { sql } from "drizzle-orm";
import { API_CALLS_PER_MINUTE } from "../config";
import type { MainDb } from "../db/client";
import { apiRateWindows } from "../db/schema";
import { MINUTE_MS } from "../lib/time";

export type RateDecision = { allowed: boolean; calls: number; retryAfterSeconds: number };

/** Counts one call of a token at `now` and says whether it is within the limit. */
export async function countApiCall(db: MainDb, input: { tokenId: number }, now: number): Promise<RateDecision> {
  const windowAt = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const [row] = await db
    .insert(apiRateWindows)
    .values({ tokenId: input.tokenId, windowAt, calls: 1 })
    .onConflictDoUpdate({ target: [apiRateWindows.tokenId, apiRateWindows.windowAt], set: { calls: sql`${apiRateWindows.calls} + 1` } })
    .returning({ calls: apiRateWindows.calls });
  const calls = row?.calls ?? 1;
  return { allowed: calls <= API_CALLS_PER_MINUTE, calls, retryAfterSeconds: Math.max(1, Math.ceil((windowAt + MINUTE_MS - now) / 1000)) };
}
