/**
 * Legal holds: placing, extending (preservation orders, once), releasing — each audited — and
 * whether a live hold keeps some of an account's data (`isUnderHold`). The retention sweeps and
 * account deletion read active holds themselves, in SQL (retention/holds.ts).
 */
import { desc, eq, sql } from "drizzle-orm";
import { PRESERVATION_ORDER_EXTENSION_MS, PRESERVATION_ORDER_LIFETIME_MS } from "../config";
import { appendAudit, auditRefusal } from "../audit/log";
import type { MainDb } from "../db/client";
import { legalHolds } from "../db/schema";
import type { Officer, Scope } from "./categories";

export type LegalHold = typeof legalHolds.$inferSelect;

export type NewLegalHold = {
  kind: LegalHold["kind"];
  scope: Scope;
  /** IP scopes only: the window whose rows are kept. */
  windowFrom: number | null;
  windowTo: number | null;
  categories: string[];
  reference: string;
  requestId: number | null;
  reviewAt: number;
};

/** A hold is live at `now` until released or past its expiry. */
export function isHoldLive(hold: Pick<LegalHold, "releasedAt" | "expiresAt">, now: number): boolean {
  return hold.releasedAt === null && (hold.expiresAt === null || hold.expiresAt > now);
}

/** Places a hold, with its audit row; a preservation order expires PRESERVATION_ORDER_LIFETIME_MS after placing. Returns its id. */
export async function placeLegalHold(db: MainDb, input: { officer: Officer; hold: NewLegalHold }, now: number): Promise<number> {
  const { officer, hold } = input;
  let id = 0;
  await appendAudit(
    db,
    async () => {
      const [top] = await db.select({ max: sql<number | null>`max(${legalHolds.id})` }).from(legalHolds);
      id = (top?.max ?? 0) + 1;
      const scope = hold.scope;
      const expiresAt = hold.kind === "preservation_order" ? now + PRESERVATION_ORDER_LIFETIME_MS : null;
      return {
        entry: {
          actorAccountId: officer.accountId,
          actorRole: officer.role,
          action: "place_hold",
          outcome: "done",
          subject: `hold:${id}`,
          details: { kind: hold.kind, scope: scope.kind === "account" ? `account:${scope.accountId}` : `ip:${scope.prefix}`, categories: hold.categories, reference: hold.reference, expires_at: expiresAt },
        },
        with: [
          db.insert(legalHolds).values({
            id,
            kind: hold.kind,
            scopeKind: scope.kind,
            accountId: scope.kind === "account" ? scope.accountId : null,
            ipPrefix: scope.kind === "ip" ? scope.prefix : null,
            ipLow: scope.kind === "ip" ? scope.low : null,
            ipHigh: scope.kind === "ip" ? scope.high : null,
            windowFrom: hold.windowFrom,
            windowTo: hold.windowTo,
            categories: JSON.stringify(hold.categories),
            reference: hold.reference,
            requestId: hold.requestId,
            placedBy: officer.accountId,
            placedAt: now,
            reviewAt: hold.reviewAt,
            expiresAt,
          }),
        ],
      };
    },
    now,
    ["legal_holds.id"],
  );
  return id;
}

export type HoldChange = { kind: "done"; hold: LegalHold } | { kind: "refused"; reason: "no_hold" | "not_active" | "not_extendable" };

async function activeHold(db: MainDb, id: number, now: number): Promise<LegalHold | "no_hold" | "not_active"> {
  const hold = await db.query.legalHolds.findFirst({ where: eq(legalHolds.id, id) });
  if (!hold) return "no_hold";
  if (!isHoldLive(hold, now)) return "not_active";
  return hold;
}

/** Extends a live preservation order once, by PRESERVATION_ORDER_EXTENSION_MS; anything else is refused and audited. */
export async function extendLegalHold(db: MainDb, input: { officer: Officer; holdId: number }, now: number): Promise<HoldChange> {
  const { officer, holdId } = input;
  const found = await activeHold(db, holdId, now);
  const reason = typeof found === "string" ? found : found.kind !== "preservation_order" || found.extendedAt !== null ? "not_extendable" : null;
  if (reason || typeof found === "string") {
    await auditRefusal(db, { officer, action: "extend_hold", subject: `hold:${holdId}`, reason: reason ?? "no_hold" }, now);
    return { kind: "refused", reason: reason ?? "no_hold" };
  }
  const expiresAt = found.expiresAt! + PRESERVATION_ORDER_EXTENSION_MS;
  await appendAudit(
    db,
    {
      entry: { actorAccountId: officer.accountId, actorRole: officer.role, action: "extend_hold", outcome: "done", subject: `hold:${holdId}`, details: { expires_at: expiresAt } },
      with: [db.update(legalHolds).set({ expiresAt, extendedAt: now }).where(eq(legalHolds.id, holdId))],
    },
    now,
  );
  return { kind: "done", hold: { ...found, expiresAt, extendedAt: now } };
}

/** Releases a live hold: the next sweep removes what it kept, if its period is over. */
export async function releaseLegalHold(db: MainDb, input: { officer: Officer; holdId: number }, now: number): Promise<HoldChange> {
  const { officer, holdId } = input;
  const found = await activeHold(db, holdId, now);
  if (typeof found === "string") {
    await auditRefusal(db, { officer, action: "release_hold", subject: `hold:${holdId}`, reason: found }, now);
    return { kind: "refused", reason: found };
  }
  await appendAudit(
    db,
    {
      entry: { actorAccountId: officer.accountId, actorRole: officer.role, action: "release_hold", outcome: "done", subject: `hold:${holdId}`, details: { reference: found.reference } },
      with: [db.update(legalHolds).set({ releasedAt: now, releasedBy: officer.accountId }).where(eq(legalHolds.id, holdId))],
    },
    now,
  );
  return { kind: "done", hold: { ...found, releasedAt: now, releasedBy: officer.accountId } };
}

/** Holds, live ones first, newest first. */
export async function listLegalHolds(db: MainDb, input: { limit: number }): Promise<LegalHold[]> {
  return db.select().from(legalHolds).orderBy(sql`${legalHolds.releasedAt} IS NOT NULL`, desc(legalHolds.placedAt), desc(legalHolds.id)).limit(input.limit);
}

/**
 * True when a live hold on the account keeps some of its data (any category, or `category`):
 * account deletion then keeps what it holds (or the whole account, for a hold on the account
 * category) until release or expiry.
 */
export async function isUnderHold(db: MainDb, input: { accountId: number; category?: string }, now: number): Promise<boolean> {
  const { accountId, category } = input;
  const holds = await db.select({ releasedAt: legalHolds.releasedAt, expiresAt: legalHolds.expiresAt, categories: legalHolds.categories }).from(legalHolds).where(eq(legalHolds.accountId, accountId));
  return holds.some((h) => isHoldLive(h, now) && (category === undefined || (JSON.parse(h.categories) as string[]).includes(category)));
}
