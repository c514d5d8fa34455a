/**
 * Applying payment facts to the ledger and to the account's premium time and points, each event
 * at most once, whatever the order, duplication or concurrency of deliveries.
 *
 * D1 has no transactions, so every event is one batch (which D1 runs atomically): the event id
 * (primary key), the payment row and the account change together. A replayed event fails on its
 * id; a payment row changed since it was read fails on its version; either way the whole batch
 * rolls back and the event is read again from fresh state. Premium time moves by relative SQL
 * (`max(premium_until, now) + days`), so that grants of different payments never overwrite each other.
 */
import { and, desc, eq, gte, isNotNull, ne, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { MainDb } from "../db/client";
import { accounts, paymentEvents, payments } from "../db/schema";
import { paymentRecordDeadline } from "../retention/policy";
import type { CheckoutFact, DisputeFact, PaymentFact, RefundFact } from "./events";
import { planDurationMs } from "./plans";

type PaymentRow = typeof payments.$inferSelect;
type PaymentFields = Partial<Omit<typeof payments.$inferInsert, "id" | "version" | "lastEventId" | "createdAt" | "updatedAt" | "keepUntil">>;

/** What one fact does: the row's new fields, and the premium time given or taken back. */
type Decision = {
  fields: PaymentFields;
  grant?: { accountId: number; ms: number; points: number };
  revoke?: { accountId: number; unusedMs: number; points: number; grantEnd: number };
};

/** Attempts at one event when concurrent events keep changing the same payment. */
const MAX_ATTEMPTS = 4;
/** Dispute statuses after which Stripe changes nothing more. */
const CLOSED_DISPUTE = new Set(["won", "lost", "warning_closed"]);
const REVERSED = new Set<PaymentRow["status"]>(["refunded", "dispute_lost"]);

/** Takes back what is left of a payment's grant at `now`: its period's part not yet lived. */
function reverse(row: PaymentRow, now: number): Pick<Decision, "revoke"> & { revokedMs: number } {
  if (row.accountId === null || row.premiumFrom === null || row.premiumUntil === null) return { revokedMs: 0 };
  const unusedMs = Math.max(0, row.premiumUntil - Math.max(now, row.premiumFrom));
  return { revokedMs: unusedMs, revoke: { accountId: row.accountId, unusedMs, points: row.pointsGranted, grantEnd: row.premiumUntil } };
}

function decideCheckout(row: PaymentRow | null, fact: CheckoutFact, accountExists: boolean, now: number): Decision {
  const fields: PaymentFields = {
    checkoutSessionId: fact.sessionId,
    paymentIntentId: fact.paymentIntentId ?? row?.paymentIntentId ?? null,
    accountId: fact.accountId,
    planDays: fact.plan?.days ?? null,
    amountMinor: fact.amountMinor ?? row?.amountMinor ?? null,
    currency: fact.currency ?? row?.currency ?? null,
    ipCountry: fact.ipCountry ?? row?.ipCountry ?? null,
    billingCountry: fact.billingCountry ?? row?.billingCountry ?? null,
  };
  const status = row?.status ?? null;
  if (fact.outcome === "paid") {
    // Refunded or lost before its completion arrived: recorded as paid, nothing granted.
    if (status !== null && REVERSED.has(status)) return { fields: { ...fields, paidAt: row?.paidAt ?? now } };
    if (status === "paid") return { fields };
    const canGrant = fact.accountId !== null && fact.plan !== null && accountExists;
    return {
      fields: { ...fields, status: "paid", paidAt: now },
      grant: canGrant ? { accountId: fact.accountId!, ms: planDurationMs(fact.plan!), points: fact.plan!.points } : undefined,
    };
  }
  if (fact.outcome === "failed" && (status === null || status === "pending")) return { fields: { ...fields, status: "failed" } };
  return { fields: { ...fields, status: status ?? "pending" } };
}

function decideReversal(row: PaymentRow | null, fact: RefundFact | DisputeFact, now: number): Decision {
  const fields: PaymentFields = { paymentIntentId: fact.paymentIntentId, amountMinor: row?.amountMinor ?? fact.amountMinor, currency: row?.currency ?? fact.currency };
  let reversal: PaymentRow["status"] | null = null;
  if (fact.kind === "refund") {
    fields.amountRefundedMinor = Math.max(row?.amountRefundedMinor ?? 0, fact.amountRefundedMinor);
    if (fact.full) reversal = "refunded";
  } else {
    const known = row?.disputeStatus ?? null;
    fields.disputeStatus = known !== null && CLOSED_DISPUTE.has(known) ? known : fact.status;
    if (fields.disputeStatus === "lost") reversal = "dispute_lost";
  }
  const status = row?.status ?? null;
  if (reversal === null || (status !== null && REVERSED.has(status))) return { fields: { ...fields, status: status ?? "pending" } };
  if (status === "paid") {
    const { revokedMs, revoke } = reverse(row!, now);
    return { fields: { ...fields, status: reversal, reversedAt: now, revokedMs }, revoke };
  }
  // Before its payment completed (or after it failed): nothing was granted, nothing is taken back.
  return { fields: { ...fields, status: reversal, reversedAt: now } };
}

function decide(row: PaymentRow | null, fact: PaymentFact, accountExists: boolean, now: number): Decision {
  return fact.kind === "checkout" ? decideCheckout(row, fact, accountExists, now) : decideReversal(row, fact, now);
}

async function findPaymentRow(db: MainDb, fact: PaymentFact): Promise<PaymentRow | null> {
  const conditions = [];
  if (fact.kind === "checkout") conditions.push(eq(payments.checkoutSessionId, fact.sessionId));
  if (fact.paymentIntentId) conditions.push(eq(payments.paymentIntentId, fact.paymentIntentId));
  // Refunds and disputes name only the PaymentIntent; a session's events carry it too once it
  // exists, so they find the row a reversal made first. The session's own row wins a tie.
  const rows = await db.select().from(payments).where(or(...conditions)).limit(2);
  return rows.find((r) => fact.kind === "checkout" && r.checkoutSessionId === fact.sessionId) ?? rows[0] ?? null;
}

function statementsFor(db: MainDb, row: PaymentRow | null, fact: PaymentFact, decision: Decision, eventId: string, now: number): BatchItem<"sqlite">[] {
  const keepUntil = Math.max(row?.keepUntil ?? 0, paymentRecordDeadline(now));
  const statements: BatchItem<"sqlite">[] = [];
  if (row === null) {
    statements.push(db.insert(payments).values({ ...decision.fields, status: decision.fields.status ?? "pending", createdAt: now, updatedAt: now, lastEventId: eventId, keepUntil }));
  } else {
    statements.push(
      db
        .update(payments)
        // A row changed since it was read gets a NULL version, which NOT NULL refuses: the whole batch rolls back and the event is read again.
        .set({ ...decision.fields, updatedAt: now, lastEventId: eventId, keepUntil, version: sql`CASE WHEN ${payments.version} = ${row.version} THEN ${row.version + 1} END` })
        .where(eq(payments.id, row.id)),
    );
  }
  const { grant, revoke } = decision;
  if (grant && fact.kind === "checkout") {
    const thisRow = row ? eq(payments.id, row.id) : eq(payments.checkoutSessionId, fact.sessionId);
    statements.push(
      db
        .update(accounts)
        .set({ premiumUntil: sql`max(coalesce(${accounts.premiumUntil}, 0), ${now}) + ${grant.ms}`, points: sql`${accounts.points} + ${grant.points}` })
        .where(eq(accounts.id, grant.accountId)),
      // The period this grant covers, read back from the account just updated (later grants stack after it).
      db
        .update(payments)
        .set({
          premiumUntil: sql`(SELECT "premium_until" FROM "accounts" WHERE "id" = ${grant.accountId})`,
          premiumFrom: sql`(SELECT "premium_until" FROM "accounts" WHERE "id" = ${grant.accountId}) - ${grant.ms}`,
          pointsGranted: grant.points,
        })
        .where(thisRow),
    );
  }
  if (revoke && row && (revoke.unusedMs > 0 || revoke.points > 0)) {
    statements.push(
      db
        .update(accounts)
        .set({ premiumUntil: sql`${accounts.premiumUntil} - ${revoke.unusedMs}`, points: sql`max(0, ${accounts.points} - ${revoke.points})` })
        .where(eq(accounts.id, revoke.accountId)),
    );
    if (revoke.unusedMs > 0) {
      // Grants stacked after this one now start earlier by as much: their own refunds stay exact.
      statements.push(
        db
          .update(payments)
          .set({ premiumFrom: sql`${payments.premiumFrom} - ${revoke.unusedMs}`, premiumUntil: sql`${payments.premiumUntil} - ${revoke.unusedMs}`, version: sql`${payments.version} + 1` })
          .where(and(eq(payments.accountId, revoke.accountId), eq(payments.status, "paid"), isNotNull(payments.premiumFrom), gte(payments.premiumFrom, revoke.grantEnd), ne(payments.id, row.id))),
      );
    }
  }
  return statements;
}

export type EventOutcome = "applied" | "duplicate";

/**
 * Applies one verified event's fact at most once. Returns "duplicate" for an event id already
 * applied (nothing changes). Throws when D1 keeps failing: the caller answers 5xx and Stripe retries.
 */
export async function applyPaymentFact(db: MainDb, input: { eventId: string; type: string; fact: PaymentFact }, now: number): Promise<EventOutcome> {
  const { eventId, type, fact } = input;
  for (let attempt = 1; ; attempt++) {
    const seen = await db.select({ eventId: paymentEvents.eventId }).from(paymentEvents).where(eq(paymentEvents.eventId, eventId));
    if (seen.length > 0) return "duplicate";
    const accountId = fact.kind === "checkout" ? fact.accountId : null;
    const [row, account] = await Promise.all([
      findPaymentRow(db, fact),
      accountId === null ? Promise.resolve([]) : db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)),
    ]);
    const decision = decide(row, fact, account.length > 0, now);
    const statements = statementsFor(db, row, fact, decision, eventId, now);
    try {
      await db.batch([db.insert(paymentEvents).values({ eventId, type, receivedAt: now }), ...statements]);
      return "applied";
    } catch (error) {
      // A duplicate delivered at the same moment, or another event on this payment: read again.
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export type PaymentSummary = { at: number; planDays: number | null; amountMinor: number | null; currency: string | null; status: PaymentRow["status"] };

/** The account's payments, newest first, for its account page. */
export async function listAccountPayments(db: MainDb, input: { accountId: number; limit: number }): Promise<PaymentSummary[]> {
  return db
    .select({ at: sql<number>`coalesce(${payments.paidAt}, ${payments.createdAt})`, planDays: payments.planDays, amountMinor: payments.amountMinor, currency: payments.currency, status: payments.status })
    .from(payments)
    .where(eq(payments.accountId, input.accountId))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(input.limit);
}
