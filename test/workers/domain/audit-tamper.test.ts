import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashAuditRow } from "../../../src/audit/chain";
import { appendAudit, verifyAuditChain } from "../../../src/audit/log";
import { mainDb } from "../../../src/db/client";
import { fireCron } from "../../helpers/storage";

const db = mainDb(env.DB);

// Storage is per file: these tests drop the triggers, as an attacker with database access would.
describe("tampering with the audit log shows", () => {
  it("names the edited row, and the daily check records the failure", async () => {
    for (let i = 1; i <= 5; i++) await appendAudit(db, { entry: { actorAccountId: 3, actorRole: "legal", action: "export_request", outcome: "done", subject: `request:${i}` } }, Date.now());
    expect(await fireCron(new Date(), "17 3 * * *")).toEqual(expect.objectContaining({ outcome: "ok" }));
    await env.DB.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    await env.DB.prepare("UPDATE audit_log SET subject = 'request:99' WHERE seq = 3").run();
    expect(await verifyAuditChain(db)).toEqual({ valid: false, rows: 2, badSeq: 3, reason: "hash_mismatch" });
    const outcome = await fireCron(new Date(), "17 3 * * *");
    expect(outcome.outcome).not.toBe("ok");
    expect(await env.KV.get("audit-head", "json")).toMatchObject({ valid: false, badSeq: 3 });
  });

  it("catches a chain rewritten with recomputed hashes through the head recorded outside D1", async () => {
    await env.DB.exec("DELETE FROM audit_log");
    await env.KV.delete("audit-head");
    for (let i = 1; i <= 3; i++) await appendAudit(db, { entry: { actorAccountId: 3, actorRole: "legal", action: "view", outcome: "done", subject: `page:${i}` } }, Date.now());
    await fireCron(new Date(), "17 3 * * *");
    // Rewrite row 2 and every hash after it: the chain is self-consistent again.
    const rows = (await env.DB.prepare("SELECT * FROM audit_log ORDER BY seq").all<Record<string, unknown>>()).results;
    let prev = rows[0]!.hash as string;
    for (const row of rows.slice(1)) {
      const content = { seq: row.seq as number, at: row.at as number, actorAccountId: row.actor_account_id as number, actorRole: row.actor_role as string, action: row.action as string, outcome: row.outcome as string, subject: row.seq === 2 ? "page:forged" : (row.subject as string), details: row.details as string };
      const hash = await hashAuditRow(prev, content);
      await env.DB.prepare("UPDATE audit_log SET subject = ?, prev_hash = ?, hash = ? WHERE seq = ?").bind(content.subject, prev, hash, content.seq).run();
      prev = hash;
    }
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true });
    await fireCron(new Date(), "17 3 * * *");
    expect(await env.KV.get("audit-head", "json")).toMatchObject({ valid: false, badSeq: 3, reason: "recorded_head_changed" });
  });
});
