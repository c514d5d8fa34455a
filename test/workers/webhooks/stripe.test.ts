import { describe, expect, it } from "vitest";
import { PREMIUM_PLANS } from "../../../src/config";
import { DAY_MS } from "../../../src/lib/time";
import { api } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { accountState, completedEvent, deliver, disputeEvent, ledgerRows, paymentSnapshot, purchase, refundedEvent, stripeId } from "../../helpers/payments";

const THIRTY_DAYS = 30 * DAY_MS;

describe("a paid checkout", () => {
  it("credits 30 days and the plan's points, and records the payment in the ledger", async () => {
    const { accountId, token } = await createTestAccount();
    const p = purchase(accountId, "30");
    const before = Date.now();
    const response = await deliver(completedEvent(p, { ipCountry: "FR" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "applied" });

    const state = await accountState(accountId);
    expect(state.points).toBe(PREMIUM_PLANS["30"].points);
    expect(state.premiumUntil).toBeGreaterThanOrEqual(before + THIRTY_DAYS);
    expect(state.premiumUntil).toBeLessThanOrEqual(Date.now() + THIRTY_DAYS);

    const user = (await (await api("user", { token })).json()) as Record<string, unknown>;
    expect(user).toMatchObject({ type: "premium", points: 100, expiration: new Date(state.premiumUntil!).toJSON() });
    expect(user.premium).toBeGreaterThan(30 * 86_400 - 60);

    const [row] = await ledgerRows(accountId);
    expect(row).toMatchObject({
      checkout_session_id: p.sessionId, payment_intent_id: p.paymentIntentId, account_id: accountId, plan_days: 30,
      amount_minor: 400, currency: "eur", status: "paid", ip_country: "FR", billing_country: "FR", points_granted: 100,
      premium_until: state.premiumUntil, premium_from: state.premiumUntil! - THIRTY_DAYS,
    });
  });

  it("adds the days after the current expiry while premium", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 10 });
    const { premiumUntil: expiry } = await accountState(accountId);
    expect((await deliver(completedEvent(purchase(accountId, "15")))).status).toBe(200);
    expect((await accountState(accountId)).premiumUntil).toBe(expiry! + 15 * DAY_MS);
  });

  it("changes nothing when the same event is posted again", async () => {
    const { accountId } = await createTestAccount();
    const event = completedEvent(purchase(accountId));
    expect((await deliver(event)).status).toBe(200);
    const after = await paymentSnapshot(accountId);
    const again = await deliver(event);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await paymentSnapshot(accountId)).toBe(after);
  });

  it("credits once when five deliveries of one event arrive at the same time", async () => {
    const { accountId } = await createTestAccount();
    const event = completedEvent(purchase(accountId));
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    const state = await accountState(accountId);
    expect(state.points).toBe(100);
    expect(state.premiumUntil! - Date.now()).toBeLessThanOrEqual(THIRTY_DAYS);
    expect(state.premiumUntil! - Date.now()).toBeGreaterThan(THIRTY_DAYS - 60_000);
    expect(await ledgerRows(accountId)).toHaveLength(1);
  });

  it("credits once for the same session told twice under different event ids (completed, then async success)", async () => {
    const { accountId } = await createTestAccount();
    const p = purchase(accountId);
    await deliver(completedEvent(p));
    await deliver(completedEvent(p, { type: "checkout.session.async_payment_succeeded" }));
    expect((await accountState(accountId)).points).toBe(100);
  });

  it("stacks two different purchases delivered at the same time", async () => {
    const { accountId } = await createTestAccount();
    const responses = await Promise.all([deliver(completedEvent(purchase(accountId, "30"))), deliver(completedEvent(purchase(accountId, "90")))]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const state = await accountState(accountId);
    expect(state.points).toBe(400);
    expect(state.premiumUntil! - Date.now()).toBeGreaterThan(120 * DAY_MS - 60_000);
    const rows = await ledgerRows(accountId);
    // The two grants cover consecutive periods, whichever came first.
    const periods = rows.map((r) => [r.premium_from!, r.premium_until!]).sort((a, b) => a[0]! - b[0]!);
    expect(periods[1]![0]).toBe(periods[0]![1]);
    expect(periods[1]![1]).toBe(state.premiumUntil);
  });
});

describe("delayed payment methods", () => {
  it("grants nothing while the payment is pending, then credits on async success; a failure credits nothing", async () => {
    const { accountId } = await createTestAccount();
    const p = purchase(accountId);
    await deliver(completedEvent(p, { paymentStatus: "unpaid" }));
    expect(await accountState(accountId)).toEqual({ premiumUntil: null, points: 0 });
    expect((await ledgerRows(accountId))[0]).toMatchObject({ status: "pending" });
    await deliver(completedEvent(p, { type: "checkout.session.async_payment_succeeded" }));
    expect((await accountState(accountId)).points).toBe(100);

    const other = await createTestAccount();
    const q = purchase(other.accountId);
    await deliver(completedEvent(q, { paymentStatus: "unpaid" }));
    await deliver(completedEvent(q, { type: "checkout.session.async_payment_failed", paymentStatus: "unpaid" }));
    expect(await accountState(other.accountId)).toEqual({ premiumUntil: null, points: 0 });
    expect((await ledgerRows(other.accountId))[0]).toMatchObject({ status: "failed" });
  });

  it("ends paid when the success arrives before the completion", async () => {
    const { accountId } = await createTestAccount();
    const p = purchase(accountId);
    await deliver(completedEvent(p, { type: "checkout.session.async_payment_succeeded" }));
    await deliver(completedEvent(p, { paymentStatus: "unpaid" }));
    expect((await ledgerRows(accountId))[0]).toMatchObject({ status: "paid" });
    expect((await accountState(accountId)).points).toBe(100);
  });
});

describe("refunds and disputes", () => {
  it("a full refund takes back the days not yet used and the points", async () => {
    const { accountId, token } = await createTestAccount();
    const p = purchase(accountId);
    await deliver(completedEvent(p));
    const response = await deliver(refundedEvent(p));
    expect(response.status).toBe(200);
    const state = await accountState(accountId);
    // Refunded within seconds: only those seconds were used.
    expect(state.premiumUntil! - Date.now()).toBeLessThanOrEqual(0);
    expect(state.premiumUntil! - Date.now()).toBeGreaterThan(-60_000);
    expect(state.points).toBe(0);
    expect(await (await api("user", { token })).json()).toMatchObject({ type: "free", premium: 0, points: 0 });
    expect((await ledgerRows(accountId))[0]).toMatchObject({ status: "refunded", amount_refunded_minor: 400 });
  });

  it("a full refund keeps the premium time the account had before the purchase", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 10 });
    const { premiumUntil: before } = await accountState(accountId);
    const p = purchase(accountId);
    await deliver(completedEvent(p));
    await deliver(refundedEvent(p));
    expect((await accountState(accountId)).premiumUntil).toBe(before);
  });

  it("a partial refund is recorded and keeps the days", async () => {
    const { accountId } = await createTestAccount();
    const p = purchase(accountId);
    await deliver(completedEvent(p));
    const granted = await accountState(accountId);
    await deliver(refundedEvent(p, 100));
    expect(await accountState(accountId)).toEqual(granted);
    expect((await ledgerRows(accountId))[0]).toMatchObject({ status: "paid", amount_refunded_minor: 100 });
  });

  it("refund before completion ends refunded, with nothing granted, whatever the order", async () => {
    const { accountId } = await createTestAccount();
    const p = purchase(accountId);
    expect((await deliver(refundedEvent(p))).status).toBe(200);
    expect((await deliver(completedEvent(p))).status).toBe(200);
    expect(await accountState(accountId)).toEqual({ premiumUntil: null, points: 0 });
    const rows = await ledgerRows();
    const row = rows.find((r) => r.payment_intent_id === p.paymentIntentId);
    expect(row).toMatchObject({ checkout_session_id: p.sessionId, account_id: accountId, status: "refunded", plan_days: 30, amount_minor: 400, amount_refunded_minor: 400 });
    expect(rows.filter((r) => r.payment_intent_id === p.paymentIntentId)).toHaveLength(1);
    // The same end as refund after completion, apart from the seconds lived in between.
    const { accountId: other } = await createTestAccount();
    const q = purchase(other);
    await deliver(completedEvent(q));
    await deliver(refundedEvent(q));
    expect((await ledgerRows(other))[0]).toMatchObject({ status: "refunded", amount_refunded_minor: 400 });
    expect((await accountState(other)).points).toBe(0);
  });

  it("a lost dispute takes back the unused days; a won one leaves them", async () => {
    const { accountId } = await createTestAccount();
    const p = purchase(accountId);
    await deliver(completedEvent(p));
    const dispute = { paymentIntentId: p.paymentIntentId, amountMinor: 400, currency: "eur" };
    await deliver(disputeEvent({ ...dispute, eventId: stripeId("evt"), type: "charge.dispute.created", status: "needs_response" }));
    expect((await accountState(accountId)).points).toBe(100);
    await deliver(disputeEvent({ ...dispute, eventId: stripeId("evt"), type: "charge.dispute.closed", status: "lost" }));
    expect((await accountState(accountId)).points).toBe(0);
    expect((await accountState(accountId)).premiumUntil!).toBeLessThanOrEqual(Date.now());
    expect((await ledgerRows(accountId))[0]).toMatchObject({ status: "dispute_lost", dispute_status: "lost" });

    const won = await createTestAccount();
    const q = purchase(won.accountId);
    await deliver(completedEvent(q));
    const granted = await accountState(won.accountId);
    // Closed (won) before its creation event arrives: the late "created" does not reopen it.
    await deliver(disputeEvent({ ...dispute, paymentIntentId: q.paymentIntentId, eventId: stripeId("evt"), type: "charge.dispute.closed", status: "won" }));
    await deliver(disputeEvent({ ...dispute, paymentIntentId: q.paymentIntentId, eventId: stripeId("evt"), type: "charge.dispute.created", status: "needs_response" }));
    expect(await accountState(won.accountId)).toEqual(granted);
    expect((await ledgerRows(won.accountId))[0]).toMatchObject({ status: "paid", dispute_status: "won" });
  });

  it("a refund and a lost dispute of one payment take back once", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 5 });
    const { premiumUntil: before } = await accountState(accountId);
    const p = purchase(accountId);
    await deliver(completedEvent(p));
    await Promise.all([
      deliver(refundedEvent(p)),
      deliver(disputeEvent({ eventId: stripeId("evt"), type: "charge.dispute.closed", paymentIntentId: p.paymentIntentId, amountMinor: 400, currency: "eur", status: "lost" })),
    ]);
    expect((await accountState(accountId)).premiumUntil).toBe(before);
  });
});

describe("events we do not act on", () => {
  it("acknowledges unknown types and expired sessions, storing nothing", async () => {
    const { accountId } = await createTestAccount();
    const before = await paymentSnapshot(accountId);
    for (const type of ["customer.created", "checkout.session.expired", "payment_intent.succeeded"]) {
      const response = await deliver({ id: stripeId("evt"), object: "event", type, data: { object: { id: "x", object: "thing" } } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
    }
    expect(await paymentSnapshot(accountId)).toBe(before);
  });

  it("records a paid session naming no known account or plan, granting nothing", async () => {
    const { accountId } = await createTestAccount();
    const before = await accountState(accountId);
    const p = purchase(accountId);
    await deliver(completedEvent(p, { plan: "7" }));
    await deliver(completedEvent({ ...p, sessionId: stripeId("cs_test"), paymentIntentId: stripeId("pi"), accountId: 987654 }));
    expect(await accountState(accountId)).toEqual(before);
    const rows = (await ledgerRows()).filter((r) => r.payment_intent_id === p.paymentIntentId || r.account_id === 987654);
    expect(rows.map((r) => [r.status, r.plan_days, r.points_granted, r.premium_until])).toEqual([
      ["paid", null, 0, null],
      ["paid", 30, 0, null],
    ]);
  });
});
