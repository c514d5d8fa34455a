import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mainDb } from "../../../src/db/client";
import { DAY_MS } from "../../../src/lib/time";
import { applyPaymentFact, readPaymentEvent, type PaymentFact } from "../../../src/payments";
import { findRetentionCategory, PAYMENT_EVENT_RETENTION_DAYS, PAYMENT_RECORD_RETENTION_YEARS } from "../../../src/retention/policy";
import { sweepCategory } from "../../../src/retention/sweep";
import { countRows } from "../../helpers/storage";
import { placeLegalHold } from "../../../src/legal/holds";
import { completedEvent, purchase, refundedEvent } from "../../helpers/payments";
import { fireCron } from "../../helpers/storage";

const db = mainDb(env.DB);
const PAID_AT = Date.parse("2027-05-10T09:00:00Z");

async function insertAccount(email: string, verified: boolean): Promise<number> {
  const row = await env.DB.prepare("INSERT INTO accounts (email, email_normalized, created_at, email_verified_at) VALUES (?1, ?1, ?2, ?3) RETURNING id")
    .bind(email, PAID_AT, verified ? PAID_AT : null)
    .first<{ id: number }>();
  return row!.id;
}

function apply(event: Record<string, unknown>, now: number) {
  const read = readPaymentEvent(event)!;
  return applyPaymentFact(db, { eventId: read.id, type: read.type, fact: read.fact as PaymentFact }, now);
}

describe("payment records", () => {
  it("are kept until the end of their financial year plus 10 years: there a day before, gone a day after", async () => {
    const accountId = await insertAccount("ledger@example.test", true);
    await apply(completedEvent(purchase(accountId)), PAID_AT);
    const deadline = Date.UTC(2027 + 1 + PAYMENT_RECORD_RETENTION_YEARS, 0, 1);
    expect(await countRows("payments", "account_id = ?", accountId)).toBe(1);

    expect((await fireCron(new Date(deadline - DAY_MS))).outcome).toBe("ok");
    expect(await countRows("payments", "account_id = ?", accountId)).toBe(1);
    expect((await fireCron(new Date(deadline + DAY_MS))).outcome).toBe("ok");
    expect(await countRows("payments", "account_id = ?", accountId)).toBe(0);
  });

  it("outlive the account: an unconfirmed account swept after 7 days leaves its payment in the ledger", async () => {
    const accountId = await insertAccount("gone@example.test", false);
    await apply(completedEvent(purchase(accountId)), PAID_AT);
    await sweepCategory(env, findRetentionCategory("unverified_accounts"), PAID_AT + 8 * DAY_MS);
    expect(await countRows("accounts", "id = ?", accountId)).toBe(0);
    expect(await countRows("payments", "account_id = ? AND status = 'paid'", accountId)).toBe(1);
  });

  it("stay while their account is under a legal hold", async () => {
    const accountId = await insertAccount("held@example.test", true);
    await apply(completedEvent(purchase(accountId)), PAID_AT);
    const hold = { kind: "litigation" as const, scope: { kind: "account" as const, accountId }, windowFrom: null, windowTo: null, categories: ["payments"], reference: "TC Paris 2039/1", requestId: null, reviewAt: Date.UTC(2040, 6, 1) };
    await placeLegalHold(mainDb(env.DB), { officer: { accountId: 9_000, role: "legal" }, hold }, Date.UTC(2039, 11, 1));
    await sweepCategory(env, findRetentionCategory("payments"), Date.UTC(2040, 0, 1));
    expect(await countRows("payments", "account_id = ?", accountId)).toBe(1);
  });
});

describe("processed event ids", () => {
  it("are kept 90 days: there a day before, gone a day after, and the sweep is idempotent", async () => {
    const accountId = await insertAccount("events@example.test", true);
    const p = purchase(accountId);
    const completed = completedEvent(p);
    await apply(completed, PAID_AT);
    await apply(refundedEvent(p), PAID_AT + 10 * DAY_MS);
    const category = findRetentionCategory("payment_events");
    const count = () => countRows("payment_events", "event_id IN (?, ?)", completed.id, "none");
    await sweepCategory(env, category, PAID_AT + (PAYMENT_EVENT_RETENTION_DAYS - 1) * DAY_MS);
    expect(await count()).toBe(1);
    await sweepCategory(env, category, PAID_AT + (PAYMENT_EVENT_RETENTION_DAYS + 1) * DAY_MS);
    expect(await count()).toBe(0);
    expect((await sweepCategory(env, category, PAID_AT + (PAYMENT_EVENT_RETENTION_DAYS + 1) * DAY_MS)).rowsDeleted).toBe(0);
    // The refund's id, ten days younger, is still there.
    expect(await countRows("payment_events", "type = 'charge.refunded'")).toBe(1);
  });
});
