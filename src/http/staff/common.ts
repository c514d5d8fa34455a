/** What the staff handlers share: the acting officer, auditing a page view, the scope typed in a form. */
import type { Context } from "hono";
import { desc, eq } from "drizzle-orm";
import { accounts, closedAccounts } from "../../db/schema";
import type { MainDb } from "../../db/client";
import { appendAudit } from "../../audit/log";
import type { Officer, Scope } from "../../legal/categories";
import type { AppEnv } from "../../env";
import { parseScope, type AccountReference } from "./forms";

export function officerOf(c: Context<AppEnv>): Officer {
  return c.var.staff!;
}

/**
 * The account an officer named (by number or address), or null when none matches. A closed account
 * is found too, through the identification data its deletion kept for this (by address: the live
 * account of that address first, else the latest closed one; a number names one account exactly).
 */
export async function resolveAccount(db: MainDb, reference: AccountReference): Promise<number | null> {
  const [live, closed] = await db.batch([
    db.select({ id: accounts.id }).from(accounts).where("id" in reference ? eq(accounts.id, reference.id) : eq(accounts.emailNormalized, reference.normalized)).limit(1),
    db
      .select({ id: closedAccounts.accountId })
      .from(closedAccounts)
      .where("id" in reference ? eq(closedAccounts.accountId, reference.id) : eq(closedAccounts.emailNormalized, reference.normalized))
      .orderBy(desc(closedAccounts.closedAt))
      .limit(1),
  ]);
  return live[0]?.id ?? closed[0]?.id ?? null;
}

/** Writes the audit row of a page view (every staff view is an action). */
export async function auditView(c: Context<AppEnv>, subject: string, outcome: "done" | "refused" = "done"): Promise<void> {
  const officer = officerOf(c);
  await appendAudit(c.var.db, { entry: { actorAccountId: officer.accountId, actorRole: officer.role, action: "view", outcome, subject } }, Date.now());
}

/** The scope a form names (an existing account, or an IP prefix), or the errors keyed by the field at fault. */
export async function scopeFromForm(db: MainDb, value: Parameters<typeof parseScope>[0]): Promise<{ scope: Scope | null; errors: Record<string, string> }> {
  const parsed = parseScope(value);
  if (!parsed.ok) return { scope: null, errors: parsed.errors };
  if (parsed.scope.kind === "ip") {
    const { prefix } = parsed.scope;
    return { scope: { kind: "ip", prefix: prefix.text, low: prefix.low, high: prefix.high }, errors: {} };
  }
  const accountId = await resolveAccount(db, parsed.scope.account);
  return accountId === null ? { scope: null, errors: { account: "unknown_account" } } : { scope: { kind: "account", accountId }, errors: {} };
}
