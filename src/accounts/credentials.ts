/**
 * Credentials follow the password: a password change or reset, and "log out everywhere", end every
 * session, the private API token, every OAuth access and refresh token, the user-bound app
 * credentials and device approvals not yet exchanged, in one batch.
 */
import { eq } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { apiTokens, deviceCodes, oauthClients } from "../db/schema";
import { deleteAccountSessions } from "../sessions";

/** The statements that revoke an account's credentials, its sessions first. */
export function revokeCredentialsStatements(db: MainDb, input: { accountId: number }) {
  const { accountId } = input;
  return [
    deleteAccountSessions(db, { accountId }),
    db.delete(apiTokens).where(eq(apiTokens.accountId, accountId)),
    db.delete(oauthClients).where(eq(oauthClients.accountId, accountId)),
    db.delete(deviceCodes).where(eq(deviceCodes.approvedAccountId, accountId)),
  ] as const;
}
