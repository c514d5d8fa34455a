/** What the staff handlers share: the acting officer, and resolving an account typed in a form. */
import type { Context } from "hono";
import { eq } from "drizzle-orm";
import { accounts } from "../../db/schema";
import type { MainDb } from "../../db/client";
import type { Officer } from "../../legal/categories";
import type { AppEnv } from "../../env";
import type { AccountReference } from "./forms";

export function officerOf(c: Context<AppEnv>): Officer {
  return c.var.staff!;
}

/** The account an officer named (by number or address), or null when none matches. */
export async function resolveAccount(db: MainDb, reference: AccountReference): Promise<number | null> {
  const row = await db.query.accounts.findFirst({
    columns: { id: true },
    where: "id" in reference ? eq(accounts.id, reference.id) : eq(accounts.emailNormalized, reference.normalized),
  });
  return row?.id ?? null;
}
