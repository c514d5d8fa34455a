import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow } from "../../../src/audit/chain";
import { appendAudit, verifyAuditChain } from "../../../src/audit/log";
import { mainDb } from "../../../src/db/client";
import { DAY_MS } from "../../../src/lib/time";
import { AUDIT_LOG_DELETABLE_SQL, findRetentionCategory, LEGAL_RECORD_RETENTION_DAYS } from "../../../src/retention/policy";
import { sweepCategory } from "../../../src/retention/sweep";
import { fireCron } from "../../helpers/storage";

const db = mainDb(env.DB);
const entry = (subject: string) => ({ actorAccountId: 7, actorRole: "legal", action: "view" as const, outcome: "done" as const, subject });

describe("the audit log", () => {
  it("chains concurrent appends one after another, never forking", async () => {
    const now = Date.now();
    const rows = await Promise.all(Array.from({ length: 25 }, (_, i) => appendAudit(db, { entry: entry(`concurrent:${i}`) }, now)));
    const first = Math.min(...rows.map((r) => r.seq));
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => first + i));
    const check = await verifyAuditChain(db);
    expect(check).toMatchObject({ valid: true });
    const stored = (await env.DB.prepare("SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq").all<{ seq: number; prev_hash: string; hash: string }>()).results;
    expect(stored[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.prev_hash).toBe(stored[i - 1]!.hash);
  });

  it("is refused UPDATE and DELETE by D1 itself", async () => {
    await appendAudit(db, { entry: entry("protected") }, Date.now());
    await expect(env.DB.prepare("UPDATE audit_log SET subject = 'edited' WHERE subject = 'protected'").run()).rejects.toThrow(/append-only: rows cannot be changed/);
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE subject = 'protected'").run()).rejects.toThrow(/append-only: rows are kept 6 years/);
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
    expect(await env.DB.prepare("SELECT subject FROM audit_log WHERE subject = 'protected'").first()).toEqual({ subject: "protected" });
  });

  it("has a DELETE trigger asking exactly the sweep's question, with the policy's period", async () => {
    const trigger = await env.DB.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_delete'").first<{ sql: string }>();
    expect(trigger!.sql).toContain(`WHEN NOT (${AUDIT_LOG_DELETABLE_SQL.replace(/^at /, "OLD.at ")})`);
    expect(AUDIT_LOG_DELETABLE_SQL).toContain(String(LEGAL_RECORD_RETENTION_DAYS * DAY_MS));
  });

  it("records the head outside D1 at the daily check", async () => {
    const outcome = await fireCron(new Date(), "17 3 * * *");
    expect(outcome.outcome).toBe("ok");
    const head = await env.KV.get<{ valid: boolean; headSeq: number; headHash: string }>("audit-head", "json");
    const last = await env.DB.prepare("SELECT seq, hash FROM audit_log WHERE seq < 900000 ORDER BY seq DESC LIMIT 1").first<{ seq: number; hash: string }>();
    expect(head).toMatchObject({ valid: true, headSeq: last!.seq, headHash: last!.hash });
  });

  // Last: the rows it writes out of sequence stay (the trigger keeps the young one), so no chain check follows.
  it("lets the sweep remove rows past 6 years only, without the trigger ever aborting it", async () => {
    const realNow = Date.now();
    const old = { seq: 900_001, at: realNow - (LEGAL_RECORD_RETENTION_DAYS + 2) * DAY_MS, actorAccountId: 1, actorRole: "legal", action: "view", outcome: "done", subject: "ancient", details: "{}" };
    const young = { ...old, seq: 900_002, at: realNow - (LEGAL_RECORD_RETENTION_DAYS - 2) * DAY_MS, subject: "five-and-more-years" };
    for (const row of [old, young]) {
      await env.DB.prepare("INSERT INTO audit_log (seq, at, actor_account_id, actor_role, action, outcome, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(row.seq, row.at, row.actorAccountId, row.actorRole, row.action, row.outcome, row.subject, row.details, GENESIS_HASH, await hashAuditRow(GENESIS_HASH, row))
        .run();
    }
    // An hourly sweep an hour early, as every sweep is, must not send a DELETE the trigger refuses.
    const result = await sweepCategory(env, findRetentionCategory("audit_log"), realNow + 3600_000);
    expect(result.rowsDeleted).toBe(1);
    const subjects = (await env.DB.prepare("SELECT subject FROM audit_log WHERE seq >= 900000").all<{ subject: string }>()).results.map((r) => r.subject);
    expect(subjects).toEqual(["five-and-more-years"]);
  });
});
