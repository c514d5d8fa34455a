/** Everything the security page (and its JSON) shows about one account, read in one place. */
import { and, eq } from "drizzle-orm";
import { LOGIN_HISTORY_PAGE_SIZE } from "../config";
import type { MainDb } from "../db/client";
import { accounts, apiTokens } from "../db/schema";
import { listConnectedApps, type ConnectedApp } from "../oauth";
import { listSessions, type SessionListing } from "../sessions";
import { listSecurityEvents, type SecurityEvent } from "./events";
import { listLoginHistory, type LoginHistoryEntry } from "./history";
import { listKnownPlaces, type KnownPlace } from "./places";
import { listTrustedNetworks, type TrustedNetwork } from "./trusted-networks";

export type SecurityOverview = {
  lockedAt: number | null;
  sessions: SessionListing[];
  knownPlaces: KnownPlace[];
  trustedNetworks: TrustedNetwork[];
  privateToken: { createdAt: number; lastUsedAt: number | null } | null;
  apps: ConnectedApp[];
  loginHistory: { total: number; entries: LoginHistoryEntry[] };
  events: SecurityEvent[];
};

/** `historyPage` (from 1) picks the login history's page of LOGIN_HISTORY_PAGE_SIZE entries. */
export async function readSecurityOverview(db: MainDb, input: { accountId: number; historyPage: number }, now: number): Promise<SecurityOverview> {
  const { accountId } = input;
  const [account, token, sessions, knownPlaces, trustedNetworks, apps, loginHistory, events] = await Promise.all([
    db.query.accounts.findFirst({ columns: { lockedAt: true }, where: eq(accounts.id, accountId) }),
    db.query.apiTokens.findFirst({ columns: { createdAt: true, lastUsedAt: true }, where: and(eq(apiTokens.accountId, accountId), eq(apiTokens.kind, "private")) }),
    listSessions(db, { accountId }, now),
    listKnownPlaces(db, { accountId }),
    listTrustedNetworks(db, { accountId }),
    listConnectedApps(db, accountId, now),
    listLoginHistory(db, { accountId, offset: (input.historyPage - 1) * LOGIN_HISTORY_PAGE_SIZE, limit: LOGIN_HISTORY_PAGE_SIZE }, now),
    listSecurityEvents(db, { accountId }, now),
  ]);
  return { lockedAt: account?.lockedAt ?? null, sessions, knownPlaces, trustedNetworks, privateToken: token ?? null, apps, loginHistory, events };
}
