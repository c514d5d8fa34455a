import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "../../../src/lib/time";
import { findRetentionCategory } from "../../../src/retention/policy";
import { sweepCategory } from "../../../src/retention/sweep";
import { countRows } from "../../helpers/storage";

const NOW = Date.parse("2027-06-15T12:07:00Z");

async function insertAccount(email: string, createdAt: number, verifiedAt: number | null): Promise<number> {
  const row = await env.DB.prepare("INSERT INTO accounts (email, email_normalized, created_at, email_verified_at) VALUES (?, ?, ?, ?) RETURNING id")
    .bind(email, email, createdAt, verifiedAt)
    .first<{ id: number }>();
  return row!.id;
}

describe("account retention", () => {
  it("deletes unverified accounts after 7 days, with their sessions, and keeps verified ones", async () => {
    const t = NOW;
    const young = await insertAccount("young@example.test", t - 6 * DAY_MS, null);
    const old = await insertAccount("old@example.test", t - 8 * DAY_MS, null);
    const verified = await insertAccount("verified@example.test", t - 300 * DAY_MS, t - 299 * DAY_MS);
    await env.DB.prepare("INSERT INTO sessions (token_hash, account_id, created_at, expires_at, absolute_expires_at, reauthenticated_at) VALUES ('h-old', ?1, ?2, ?3, ?3, ?2)").bind(old, t, t + DAY_MS).run();
    const result = await sweepCategory(env, findRetentionCategory("unverified_accounts"), NOW);
    // D1 counts the cascaded session row in `changes` too.
    expect(result.rowsDeleted).toBeGreaterThanOrEqual(1);
    const ids = (await env.DB.prepare("SELECT id FROM accounts ORDER BY id").all<{ id: number }>()).results.map((r) => r.id);
    expect(ids).toEqual([young, verified]);
    expect(await countRows("sessions", "account_id = ?", old)).toBe(0);
  });

  it("deletes sessions and mailed tokens once their deadline has passed, not before", async () => {
    const t = NOW;
    const account = await insertAccount("deadline@example.test", t, t);
    await env.DB.prepare("INSERT INTO sessions (token_hash, account_id, created_at, expires_at, absolute_expires_at, reauthenticated_at) VALUES ('h-live', ?1, ?2, ?3, ?4, ?2), ('h-dead', ?1, ?2, ?5, ?4, ?2)")
      .bind(account, t - 40 * DAY_MS, t + HOUR_MS, t + 300 * DAY_MS, t - 1000)
      .run();
    await env.DB.prepare("INSERT INTO email_tokens (token_hash, account_id, purpose, created_at, expires_at) VALUES ('e-live', ?1, 'reset_password', ?2, ?3), ('e-dead', ?1, 'reset_password', ?2, ?4)")
      .bind(account, t - HOUR_MS, t + 60_000, t - 60_000)
      .run();
    await sweepCategory(env, findRetentionCategory("sessions"), NOW);
    await sweepCategory(env, findRetentionCategory("email_tokens"), NOW);
    expect((await env.DB.prepare("SELECT token_hash FROM sessions WHERE account_id = ?").bind(account).all()).results).toEqual([{ token_hash: "h-live" }]);
    expect((await env.DB.prepare("SELECT token_hash FROM email_tokens WHERE account_id = ?").bind(account).all()).results).toEqual([{ token_hash: "e-live" }]);
  });

  it("keeps login events 364 days and deletes them at 366", async () => {
    const t = NOW;
    await env.DB.prepare("INSERT INTO login_events (at, result, reason) VALUES (?, 'failure', 'young'), (?, 'failure', 'old')").bind(t - 364 * DAY_MS, t - 366 * DAY_MS).run();
    await sweepCategory(env, findRetentionCategory("login_events"), NOW);
    expect((await env.DB.prepare("SELECT reason FROM login_events").all()).results).toEqual([{ reason: "young" }]);
  });
});
