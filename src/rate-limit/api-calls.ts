/**
 * API rate limit: 250 calls per token and minute; refused calls count too (as upstream).
 * Counted in D1, not KV: KV takes one write per key per second and is eventually consistent, so it
 * cannot count 250 calls a minute; D1 has a single primary, so one upsert gives the exact count.
 */
import { MINUTE_MS } from "../lib/time";

export const API_CALLS_PER_MINUTE = 250;

export type RateDecision = { allowed: boolean; calls: number; retryAfterSeconds: number };

/** Counts one call of `tokenId` at `now` and says whether it is within the limit. */
export async function countApiCall(d1: D1Database, tokenId: number, now: number): Promise<RateDecision> {
  const windowAt = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const row = await d1
    .prepare("INSERT INTO api_rate_windows (token_id, window_at, calls) VALUES (?1, ?2, 1) ON CONFLICT (token_id, window_at) DO UPDATE SET calls = calls + 1 RETURNING calls")
    .bind(tokenId, windowAt)
    .first<{ calls: number }>();
  const calls = row?.calls ?? 1;
  return { allowed: calls <= API_CALLS_PER_MINUTE, calls, retryAfterSeconds: Math.max(1, Math.ceil((windowAt + MINUTE_MS - now) / 1000)) };
}
