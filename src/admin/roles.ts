/** Roles: admins grant and remove the legal and admin roles; every change is audited. */
import { asc, eq, ne } from "drizzle-orm";
import { appendAudit, auditRefusal } from "../audit/log";
import type { MainDb } from "../db/client";
import { accounts } from "../db/schema";
import type { Officer } from "../legal/categories";

export type Role = (typeof accounts.$inferSelect)["role"];
export const ROLES: readonly Role[] = accounts.role.enumValues;

export type RoleChange = { kind: "done"; accountId: number; from: Role } | { kind: "refused"; reason: "no_account" | "own_role" };

/** Sets the role of the account with this (normalized) address. An admin never changes their own role (no self-lockout, no self-grant). */
export async function changeRole(db: MainDb, input: { officer: Officer; emailNormalized: string; role: Role }, now: number): Promise<RoleChange> {
  const { officer, emailNormalized, role } = input;
  const account = await db.query.accounts.findFirst({ columns: { id: true, role: true }, where: eq(accounts.emailNormalized, emailNormalized) });
  const reason = !account ? "no_account" : account.id === officer.accountId ? "own_role" : null;
  if (reason || !account) {
    await auditRefusal(db, { officer, action: "change_role", subject: account ? `account:${account.id}` : "account:unknown", reason: reason ?? "no_account", details: { role } }, now);
    return { kind: "refused", reason: reason ?? "no_account" };
  }
  await appendAudit(
    db,
    {
      entry: { actorAccountId: officer.accountId, actorRole: officer.role, action: "change_role", outcome: "done", subject: `account:${account.id}`, details: { from: account.role, to: role } },
      with: [db.update(accounts).set({ role }).where(eq(accounts.id, account.id))],
    },
    now,
  );
  return { kind: "done", accountId: account.id, from: account.role };
}

/** Accounts holding a staff role. */
export function listStaff(db: MainDb): Promise<{ id: number; email: string; role: Role }[]> {
  return db.select({ id: accounts.id, email: accounts.email, role: accounts.role }).from(accounts).where(ne(accounts.role, "user")).orderBy(asc(accounts.id));
}

/** The role of an account, read fresh on every staff request (a removed role acts at once). */
export async function findRole(db: MainDb, accountId: number): Promise<Role | null> {
  const row = await db.query.accounts.findFirst({ columns: { role: true }, where: eq(accounts.id, accountId) });
  return row?.role ?? null;
}
