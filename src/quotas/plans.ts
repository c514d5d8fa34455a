/** Download plans: what free and premium accounts may use per UTC day. Per-hoster premium limits live with each adapter. */

const GIB = 1024 ** 3;

/** Free accounts: only hosters marked free, and these totals across them. */
export const FREE_LINKS_PER_DAY = 20;
export const FREE_BYTES_PER_DAY = 2 * GIB;
/** Premium fair usage: total bytes per day across all hosters. */
export const PREMIUM_FAIR_USAGE_BYTES_PER_DAY = 1024 * GIB;
/** How long a generated link works. The record itself lives until its day's 30-day deadline. */
export const GENERATED_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type Plan = "free" | "premium";

export function planOf(premiumUntil: number | null, now: number): Plan {
  return premiumUntil !== null && premiumUntil > now ? "premium" : "free";
}
