/**
 * Security events: what the account-protection rules did and why, shown to the owner on the
 * security page. `detail` holds numbers and ids only, never links, file names or secrets.
 */
import { and, desc, eq, gt } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { securityEvents } from "../db/schema";
import { DAY_MS } from "../lib/time";
import type { ClientContext } from "../request-context/client-context";
import { SECURITY_EVENT_RETENTION_DAYS } from "../retention/policy";

/** What happened, and what it caused (the `action` the page shows next to it). */
export const SECURITY_EVENT_KINDS = {
  new_place_sign_in: "signed_in",
  unusual_activity_sign_in: "signed_in",
  new_place_device: "device_authorized",
  session_revoked_by_mail: "session_revoked",
  sessions_revoked: "sessions_revoked",
  password_changed: "credentials_revoked",
  password_reset: "credentials_revoked",
  credentials_revoked: "credentials_revoked",
  sharing_refused: "download_refused",
  account_locked: "account_locked",
  account_unlocked: "account_unlocked",
  known_place_removed: "place_forgotten",
} as const;

export type SecurityEventKind = keyof typeof SECURITY_EVENT_KINDS;

export type NewSecurityEvent = {
  accountId: number;
  kind: SecurityEventKind;
  client?: Pick<ClientContext, "ip" | "country" | "city" | "asn"> | null;
  network?: string | null;
  detail?: Record<string, number | string | boolean | null>;
  causedBy?: number | null;
};

function values(event: NewSecurityEvent, now: number) {
  return {
    accountId: event.accountId, at: now, kind: event.kind, action: SECURITY_EVENT_KINDS[event.kind],
    ip: event.client?.ip ?? null, country: event.client?.country ?? null, city: event.client?.city ?? null, asn: event.client?.asn ?? null,
    network: event.network ?? null, detail: event.detail ? JSON.stringify(event.detail) : null, causedBy: event.causedBy ?? null,
  };
}

/** Records an event (a statement for a batch; it returns the new id). */
export function recordSecurityEventStatement(db: MainDb, event: NewSecurityEvent, now: number) {
  return db.insert(securityEvents).values(values(event, now)).returning({ id: securityEvents.id });
}

export type SecurityEvent = Omit<typeof securityEvents.$inferSelect, "detail"> & { detail: Record<string, unknown> | null };

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** An account's security events over their retention period, newest first. */
export async function listSecurityEvents(db: MainDb, input: { accountId: number; limit?: number }, now: number): Promise<SecurityEvent[]> {
  const rows = await db
    .select()
    .from(securityEvents)
    .where(and(eq(securityEvents.accountId, input.accountId), gt(securityEvents.at, now - SECURITY_EVENT_RETENTION_DAYS * DAY_MS)))
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(input.limit ?? 200);
  return rows.map((row) => ({ ...row, detail: parseDetail(row.detail) }));
}
