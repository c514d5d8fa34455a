/**
 * Sensitive actions need the password typed within REAUTHENTICATION_WINDOW_MS: either the session
 * has it, or the form carries it (and then the session remembers it).
 */
import type { Context } from "hono";
import { checkAccountPassword, type PasswordCheckOutcome } from "../../accounts";
import type { AppEnv } from "../../env";
import { hasRecentPassword, markReauthenticated } from "../../sessions";
import { accountRequest } from "../account-request";

export async function confirmRecentPassword(c: Context<AppEnv>, password: string | undefined, now: number): Promise<PasswordCheckOutcome> {
  const session = c.var.session!;
  if (hasRecentPassword(session, now)) return { kind: "success" };
  if (password === undefined) return { kind: "invalid" };
  const check = await checkAccountPassword(c.var.db, { accountId: session.accountId, sessionId: session.id, password, request: accountRequest(c) }, now);
  if (check.kind !== "success") return check;
  await markReauthenticated(c.var.db, { sessionId: session.id }, now);
  c.set("session", { ...session, reauthenticatedAt: now });
  return check;
}
