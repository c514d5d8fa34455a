import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mainDb } from "../../../src/db/client";
import { DAY_MS } from "../../../src/lib/time";
import { applyPaymentFact, findPlan, readPaymentEvent, type PaymentFact } from "../../../src/payments";
import { paymentRecordDeadline } from "../../../src/retention/policy";
import { createTestAccount } from "../../helpers/factories";
import { accountState, completedEvent, disputeEvent, ledgerRows, purchase, refundedEvent, stripeId, type Purchase } from "../../helpers/payments";

const db = mainDb(env.DB);
const T0 = Date.parse("2027-03-01T10:00:00Z");

function factOf(event: Record<string, unknown>): { eventId: string; type: string; fact: PaymentFact } {
  const read = readPaymentEvent(event)!;
  return { eventId: read.id, type: read.type, fact: read.fact! };
}

const pay = (p: Purchase, now: number) => applyPaymentFact(db, factOf(completedEvent(p)), now);
const refund = (p: Purchase, now: number) => applyPaymentFact(db, factOf(refundedEvent(p)), now);

describe("taking back unused days, from each grant's own period", () => {
  it("a refund on day 10 of 30 takes back 20 days", async () => {
    const { accountId } = await createTestAccount({ now: new Date(T0) });
    const p = purchase(accountId, "30");
    await pay(p, T0);
    expect((await accountState(accountId)).premiumUntil).toBe(T0 + 30 * DAY_MS);
    await refund(p, T0 + 10 * DAY_MS);
    expect((await accountState(accountId)).premiumUntil).toBe(T0 + 10 * DAY_MS);
    expect((await ledgerRows(accountId))[0]).toMatchObject({ revoked_ms: 20 * DAY_MS, status: "refunded" });
  });

  it("a refund after the period ended takes nothing back", async () => {
    const { accountId } = await createTestAccount({ now: new Date(T0) });
    const p = purchase(accountId, "15");
    await pay(p, T0);
    await refund(p, T0 + 40 * DAY_MS);
    expect((await accountState(accountId)).premiumUntil).toBe(T0 + 15 * DAY_MS);
  });

  it("refunding a grant stacked after another takes back all of it while it has not started", async () => {
    const { accountId } = await createTestAccount({ now: new Date(T0) });
    const a = purchase(accountId, "30");
    const b = purchase(accountId, "90");
    await pay(a, T0);
    await pay(b, T0 + DAY_MS);
    expect((await accountState(accountId)).premiumUntil).toBe(T0 + 120 * DAY_MS);
    await refund(b, T0 + 5 * DAY_MS);
    expect((await accountState(accountId)).premiumUntil).toBe(T0 + 30 * DAY_MS);
  });

  it("refunding an earlier grant moves the later ones earlier, so that their own refunds stay exact", async () => {
    const { accountId } = await createTestAccount({ now: new Date(T0) });
    const [a, b, c] = [purchase(accountId, "30"), purchase(accountId, "30"), purchase(accountId, "30")];
    await pay(a, T0);
    await pay(b, T0);
    await pay(c, T0);
    // Day 10: A has 20 unused days; B and C move 20 days earlier ([10, 40) and [40, 70)).
    await refund(a, T0 + 10 * DAY_MS);
    expect((await accountState(accountId)).premiumUntil).toBe(T0 + 70 * DAY_MS);
    // Day 20: B has lived 10 of its days; 20 go back. C keeps its 30: [20, 50).
    await refund(b, T0 + 20 * DAY_MS);
    expect((await accountState(accountId)).premiumUntil).toBe(T0 + 50 * DAY_MS);
    const rows = await ledgerRows(accountId);
    expect(rows.map((r) => [r.status, r.revoked_ms])).toEqual([
      ["refunded", 20 * DAY_MS],
      ["refunded", 20 * DAY_MS],
      ["paid", 0],
    ]);
    expect([rows[2]!.premium_from, rows[2]!.premium_until]).toEqual([T0 + 20 * DAY_MS, T0 + 50 * DAY_MS]);
  });

  it("a lost dispute takes back like a full refund", async () => {
    const { accountId } = await createTestAccount({ now: new Date(T0) });
    const p = purchase(accountId, "180");
    await pay(p, T0);
    const lost = disputeEvent({ eventId: stripeId("evt"), type: "charge.dispute.closed", paymentIntentId: p.paymentIntentId, amountMinor: 1600, currency: "eur", status: "lost" });
    await applyPaymentFact(db, factOf(lost), T0 + 30 * DAY_MS);
    expect(await accountState(accountId)).toEqual({ premiumUntil: T0 + 30 * DAY_MS, points: 0 });
  });
});

describe("the ledger's own retention deadline", () => {
  it("is the end of the record's financial year plus 10 years, pushed back by a later change", async () => {
    const { accountId } = await createTestAccount({ now: new Date(T0) });
    const p = purchase(accountId, "30");
    await pay(p, T0);
    expect((await ledgerRows(accountId))[0]!.keep_until).toBe(Date.parse("2038-01-01T00:00:00Z"));
    await refund(p, Date.parse("2028-02-01T00:00:00Z"));
    expect((await ledgerRows(accountId))[0]!.keep_until).toBe(Date.parse("2039-01-01T00:00:00Z"));
    expect(paymentRecordDeadline(Date.parse("2027-12-31T23:59:59Z"))).toBe(Date.parse("2038-01-01T00:00:00Z"));
  });
});

describe("reading events", () => {
  it("keeps only what the ledger needs from a session: no email, name, address or card detail", () => {
    const event = completedEvent(purchase(7, "90"), { ipCountry: "BE", customerDetails: { email: "someone@example.test", name: "Jeanne Martin", address: { line1: "1 rue X", country: "DE" }, phone: "+33600000000" } });
    const read = readPaymentEvent(event)!;
    expect(read.fact).toEqual({
      kind: "checkout", sessionId: expect.any(String), paymentIntentId: expect.any(String), accountId: 7, plan: findPlan("90"),
      amountMinor: 900, currency: "eur", outcome: "paid", ipCountry: "BE", billingCountry: "DE",
    });
  });

  it("refuses account references that are not plain positive ids, and countries that are not two letters", () => {
    for (const reference of ["0", "-3", "1e3", "12abc", " 12", "99999999999999999"]) {
      expect((readPaymentEvent(completedEvent(purchase(1), { accountId: reference }))!.fact as { accountId: number | null }).accountId, reference).toBeNull();
    }
    const odd = readPaymentEvent(completedEvent(purchase(1), { ipCountry: "T1", customerDetails: { address: { country: "<script>" } } }))!.fact as { ipCountry: string | null; billingCountry: string | null };
    expect([odd.ipCountry, odd.billingCountry]).toEqual([null, null]);
  });
});
