/**
 * What the sweeps need to know of legal holds (legal/holds.ts manages them): which holds are
 * active, and the SQL condition that keeps a category's rows in their scope.
 *
 * In the main database the sweep joins the `legal_holds` table itself, so any number of holds
 * costs no bound parameter. The request journal lives in another D1 database, which cannot join
 * it: there the active holds travel as one JSON parameter read through json_each (D1's 2 MB per
 * value holds thousands of holds), read from the main database when the sweep starts.
 */
import { sql, type SQL } from "drizzle-orm";
import type { RetentionCategory } from "./policy";

export type ActiveHold = {
  id: number;
  accountId: number | null;
  ipLow: string | null;
  ipHigh: string | null;
  windowFrom: number | null;
  windowTo: number | null;
  categories: string[];
};

/** SQL (no parameters) that makes a hold active at ?now: neither released nor past its expiry. */
const ACTIVE = (now: string) => `h.released_at IS NULL AND (h.expires_at IS NULL OR h.expires_at > ${now})`;

/**
 * "A hold active at `now` on this account keeps this category": the sweeps' own condition, for a
 * statement that must leave held rows alone (account deletion evaluates it inside its batch, so a
 * hold placed a moment before is obeyed). `now` is a trusted number, written into the SQL.
 */
export function accountHoldKeeps(input: { accountId: number; categoryId: string }, now: number): SQL {
  return sql`EXISTS (SELECT 1 FROM legal_holds h WHERE ${sql.raw(ACTIVE(String(Math.trunc(now))))} AND h.scope_kind = 'account' AND h.account_id = ${input.accountId}
    AND EXISTS (SELECT 1 FROM json_each(h.categories) c WHERE c.value = ${input.categoryId}))`;
}

/** Holds active at `now`, read from the main database in one query. */
export async function loadActiveHolds(db: D1Database, now: number): Promise<ActiveHold[]> {
  const { results } = await db
    .prepare(`SELECT id, account_id, ip_low, ip_high, window_from, window_to, categories FROM legal_holds h WHERE ${ACTIVE("?1")} ORDER BY id`)
    .bind(now)
    .all<{ id: number; account_id: number | null; ip_low: string | null; ip_high: string | null; window_from: number | null; window_to: number | null; categories: string }>();
  return results.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    ipLow: r.ip_low,
    ipHigh: r.ip_high,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    categories: JSON.parse(r.categories) as string[],
  }));
}

type Sweep = NonNullable<RetentionCategory["sweep"]>;

/** Whether a category's rows can be held at all: it names their account (or, for IP holds, their address). */
export function isHoldable(sweep: Sweep | undefined): sweep is Sweep & { holdable: true; accountColumn: string } {
  return Boolean(sweep && "holdable" in sweep && sweep.holdable && sweep.accountColumn);
}

/** The holds of a snapshot that cover a category (for an account row whose deletion cascades, any hold on the account). */
export function holdsCovering(category: RetentionCategory, holds: readonly ActiveHold[]): ActiveHold[] {
  const sweep = category.sweep;
  if (!isHoldable(sweep)) return [];
  return holds.filter((h) => {
    if (h.accountId === null && !sweep.ipKeyColumn) return false;
    return sweep.anyHoldKeeps ? h.accountId !== null : h.categories.includes(category.id);
  });
}

/**
 * The condition "this row is held", with parameters ?3 (now, main database; the holds' JSON,
 * journal) and ?4 (the category id, or NULL when any hold on the account keeps the row).
 */
export function heldRowCondition(sweep: Sweep & { accountColumn: string }, store: "joined" | "json"): string {
  const t = sweep.table;
  const account = `${t}.${sweep.accountColumn}`;
  if (store === "json") {
    const byIp = sweep.ipKeyColumn
      ? ` OR (${t}.${sweep.ipKeyColumn} BETWEEN h.value ->> '$.ipLow' AND h.value ->> '$.ipHigh' AND ${t}.${sweep.timeColumn} BETWEEN h.value ->> '$.windowFrom' AND h.value ->> '$.windowTo')`
      : "";
    return `EXISTS (SELECT 1 FROM json_each(?3) h WHERE h.value ->> '$.accountId' = ${account}${byIp})`;
  }
  const byIp = sweep.ipKeyColumn
    ? ` OR (h.scope_kind = 'ip' AND ${t}.${sweep.ipKeyColumn} BETWEEN h.ip_low AND h.ip_high AND ${t}.${sweep.timeColumn} BETWEEN h.window_from AND h.window_to)`
    : "";
  return `EXISTS (SELECT 1 FROM legal_holds h WHERE ${ACTIVE("?3")} AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(h.categories) c WHERE c.value = ?4)) AND ((h.scope_kind = 'account' AND h.account_id = ${account})${byIp}))`;
}
