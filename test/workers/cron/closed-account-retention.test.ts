/**
 * What account deletion keeps, the sweeps remove when its period ends (the Cron Trigger fired at
 * chosen times); a legal hold keeps what it holds, through the deletion and past the period.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mainDb } from "../../../src/db/client";
import { placeLegalHold, releaseLegalHold } from "../../../src/legal/holds";
import { DAY_MS, HOUR_MS } from "../../../src/lib/time";
import { deletionDeadline, findRetentionCategory } from "../../../src/retention/policy";
import { accountIdOf } from "../../helpers/account-data";
import { completedEvent, deliver, purchase } from "../../helpers/payments";
import { countRows, fireCron, waitFor } from "../../helpers/storage";
import { registeredClient } from "../../helpers/web-client";

const journalRows = async (accountId: number) => (await env.JOURNAL.prepare("SELECT count(*) AS n FROM request_journal WHERE account_id = ?").bind(accountId).first<{ n: number }>())!.n;
const lastJournalAt = async (accountId: number) => (await env.JOURNAL.prepare("SELECT max(at) AS at FROM request_journal WHERE account_id = ?").bind(accountId).first<{ at: number }>())!.at;

describe("what account deletion keeps", () => {
  it("stays until its own period ends, then the hourly sweep removes it: identification, journal rows, payment records", async () => {
    const { client, email, password } = await registeredClient();
    const accountId = await accountIdOf(email);
    expect((await deliver(completedEvent(purchase(accountId)))).status).toBe(200);
    expect((await client.post("/account/delete", { current_password: password, confirm: "1" })).status).toBe(200);
    // The deletion request's own journal row is written after its response.
    await waitFor(() => journalRows(accountId), (n) => n >= 4);
    const closedAt = (await env.DB.prepare("SELECT closed_at FROM closed_accounts WHERE account_id = ?").bind(accountId).first<{ closed_at: number }>())!.closed_at;
    const keepUntil = (await env.DB.prepare("SELECT keep_until FROM payments WHERE account_id = ?").bind(accountId).first<{ keep_until: number }>())!.keep_until;
    const lastAt = await lastJournalAt(accountId);

    // Journal rows (each a year after its request; the last, the deletion's own, began just before the
    // closure) and identification data (a year after closure): each present an hour before its date, gone by it.
    const journalBy = deletionDeadline(findRetentionCategory("request_journal"), lastAt)!;
    const closedBy = deletionDeadline(findRetentionCategory("closed_accounts"), closedAt)!;
    expect(closedBy - closedAt).toBe(365 * DAY_MS);
    expect(journalBy).toBeLessThanOrEqual(closedBy);
    await fireCron(new Date(journalBy - HOUR_MS));
    expect(await journalRows(accountId)).toBeGreaterThanOrEqual(1);
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(1);
    await fireCron(new Date(Math.max(journalBy - HOUR_MS, closedBy - HOUR_MS)));
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(1);
    await fireCron(new Date(journalBy));
    expect(await journalRows(accountId)).toBe(0);
    await fireCron(new Date(closedBy));
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(0);

    // The payment record: ten years after the end of its financial year.
    expect(new Date(keepUntil).getUTCFullYear()).toBe(new Date(closedAt).getUTCFullYear() + 11);
    await fireCron(new Date(keepUntil));
    expect(await countRows("payments", "account_id = ?", accountId)).toBe(1);
    await fireCron(new Date(deletionDeadline(findRetentionCategory("payments"), keepUntil)!));
    expect(await countRows("payments", "account_id = ?", accountId)).toBe(0);
  });

  it("under a legal hold: held categories survive the deletion and their period, and go once the hold is released", async () => {
    const { client, email, password } = await registeredClient();
    const accountId = await accountIdOf(email);
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO traffic_daily (account_id, host, day_at, bytes, links) VALUES (?, 'direct', ?, 1000, 1)").bind(accountId, now - (now % DAY_MS)),
      env.DB.prepare("INSERT INTO known_places (account_id, place_key, first_seen_at, last_seen_at) VALUES (?, 'DE:3320', ?, ?)").bind(accountId, now, now),
    ]);
    const officer = { accountId: 9_000, role: "legal" as const };
    const holdId = await placeLegalHold(
      mainDb(env.DB),
      { officer, hold: { kind: "litigation", scope: { kind: "account", accountId }, windowFrom: null, windowTo: null, categories: ["login_events", "traffic_counters"], reference: "TJ 27/1", requestId: null, reviewAt: now + 30 * DAY_MS } },
      now,
    );
    const loginEvents = await countRows("login_events", "account_id = ?", accountId);
    expect(loginEvents).toBeGreaterThan(0);
    expect((await client.post("/account/delete", { current_password: password, confirm: "1" })).status).toBe(200);

    // The account is gone; what the hold names stays; what it does not name goes.
    expect(await countRows("accounts", "id = ?", accountId)).toBe(0);
    expect(await countRows("login_events", "account_id = ?", accountId)).toBeGreaterThanOrEqual(loginEvents);
    expect(await countRows("traffic_daily", "account_id = ?", accountId)).toBe(1);
    expect(await countRows("known_places", "account_id = ?", accountId)).toBe(0);
    expect(await countRows("sessions", "account_id = ?", accountId)).toBe(0);

    // Past every period: the hold keeps login events, traffic and the identification data.
    const later = now + 400 * DAY_MS;
    await fireCron(new Date(later));
    expect(await countRows("login_events", "account_id = ?", accountId)).toBeGreaterThan(0);
    expect(await countRows("traffic_daily", "account_id = ?", accountId)).toBe(1);
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(1);

    expect(await releaseLegalHold(mainDb(env.DB), { officer, holdId }, later + 1000)).toMatchObject({ kind: "done" });
    await fireCron(new Date(later + HOUR_MS));
    expect(await countRows("login_events", "account_id = ?", accountId)).toBe(0);
    expect(await countRows("traffic_daily", "account_id = ?", accountId)).toBe(0);
    expect(await countRows("closed_accounts", "account_id = ?", accountId)).toBe(0);
  });
});
