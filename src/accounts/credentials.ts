/**
 * Credentials follow the password: a password change or reset, and "log out everywhere", end every
 * session (but the one kept), the private API token, every OAuth access and refresh token, the
 * user-bound app credentials and device approvals not yet exchanged, in one batch.
 */
import { and, eq, ne } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { apiTokens, deviceCodes, oauthClients, sessions } from "../db/schema";

/** The statements that revoke an account's credentials; `keepSessionId` survives (the browser that asked). */
export function revokeCredentialsStatements(db: MainDb, input: { accountId: number; keepSessionId?: number | null }) {
  const { accountId, keepSessionId } = input;
  return [
    keepSessionId ? db.delete(sessions).where(and(eq(sessions.accountId, accountId), ne(sessions.id, keepSessionId))) : db.delete(sessions).where(eq(sessions.accountId, accountId)),
    db.delete(apiTokens).where(eq(apiTokens.accountId, accountId)),
    db.delete(oauthClients).where(eq(oauthClients.accountId, accountId)),
    db.delete(deviceCodes).where(eq(deviceCodes.approvedAccountId, accountId)),
  ] as const;
}
