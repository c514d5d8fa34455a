/**
 * The inventory of an account's data is derived from the retention policy and cannot forget a
 * category, a table or a column; account deletion is one batch, all or nothing.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { journalDb, mainDb } from "../../../src/db/client";
import { readAccounts } from "../../../src/legal/scope";
import { resolveAccount } from "../../../src/http/staff/common";
import { addBytesSent } from "../../../src/traffic/counters";
import { closeAccount, INVENTORY, inventoryContext, OUTSIDE_INVENTORY, streamAccountData, type Section } from "../../../src/my-data";
import { isHoldable } from "../../../src/retention/holds";
import { RETENTION_CATEGORIES, type RetentionCategory } from "../../../src/retention/policy";
import { createTestAccount } from "../../helpers/factories";
import { countRows } from "../../helpers/storage";

const CATEGORIES: readonly RetentionCategory[] = RETENTION_CATEGORIES;
const database = (section: Pick<Section, "store">) => (section.store === "JOURNAL" ? env.JOURNAL : env.DB);

async function columnsOf(db: D1Database, table: string): Promise<string[]> {
  return (await db.prepare(`PRAGMA table_info("${table}")`).all<{ name: string }>()).results.map((c) => c.name);
}

async function tablesOf(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'").all<{ name: string }>();
  return results.map((r) => r.name);
}

describe("the inventory of an account's data", () => {
  it("has a section for every category of the policy that can hold an account's data, and a reason for every other", () => {
    const inInventory = new Set(INVENTORY.map((s) => s.category.id));
    for (const category of CATEGORIES) {
      const outside = category.id in OUTSIDE_INVENTORY;
      expect(inInventory.has(category.id) !== outside, `${category.id}: in the inventory or outside it with a reason, not both`).toBe(true);
      // Rows that name an account, or data that lives as long as the account: the owner sees them.
      const holdsAccountData = Boolean(category.sweep?.accountColumn) || (category.periodMs === null && !category.sweep);
      if (holdsAccountData) expect(inInventory.has(category.id), `${category.id} holds account data`).toBe(true);
    }
    expect(INVENTORY.map((s) => s.category.id)).toEqual(CATEGORIES.filter((c) => inInventory.has(c.id)).map((c) => c.id));
  });

  it("reads each category where its sweep deletes it: same table, time column exported", () => {
    for (const section of INVENTORY) {
      const sweep = section.category.sweep;
      if (!sweep) continue;
      expect(section.tableName, section.category.id).toBe(sweep.table);
      expect(section.store, section.category.id).toBe(sweep.store);
      expect(section.columns.exported, section.category.id).toContain(sweep.timeColumn);
    }
  });

  it("says, for every column of every table it reads, whether it is exported, kept only as a hash, or left out and why", async () => {
    const byTable = new Map<string, { store: Section["store"]; declared: Set<string> }>();
    for (const section of INVENTORY) {
      const { exported, hashed, omitted } = section.columns;
      for (const name of hashed) expect(exported, `${section.category.id}: ${name} both exported and hashed`).not.toContain(name);
      for (const reason of Object.values(omitted)) expect(reason.length).toBeGreaterThan(10);
      const entry = byTable.get(section.tableName) ?? { store: section.store, declared: new Set<string>() };
      for (const name of [...exported, ...hashed, ...Object.keys(omitted)]) entry.declared.add(name);
      byTable.set(section.tableName, entry);
    }
    for (const [table, { store, declared }] of byTable) {
      const columns = await columnsOf(database({ store }), table);
      expect(columns.length, table).toBeGreaterThan(0);
      expect(columns.filter((c) => !declared.has(c)), `${table}: columns no section declares`).toEqual([]);
      expect([...declared].filter((c) => !columns.includes(c) && !c.endsWith("_encrypted")), `${table}: declared columns that do not exist`).toEqual([]);
    }
  });

  it("reads every table with an account column, but the legal procedure's own records", async () => {
    const read = new Set(INVENTORY.map((s) => s.tableName));
    const legal = new Set(["legal_requests", "legal_holds", "legal_exports", "audit_log"]);
    for (const db of [env.DB, env.JOURNAL]) {
      for (const table of await tablesOf(db)) {
        const columns = await columnsOf(db, table);
        const names = columns.some((c) => /(^|_)account_id$/.test(c) && c !== "actor_account_id" && c !== "scope_account_id");
        if (names && !legal.has(table)) expect(read.has(table), `${table} names accounts but no section reads it`).toBe(true);
      }
    }
  });

  it("keeps held rows through deletion: no table of a holdable category cascades from the account row", async () => {
    for (const category of CATEGORIES) {
      const sweep = category.sweep;
      if (!isHoldable(sweep) || sweep.table === "accounts" || sweep.store !== "DB") continue;
      const { results } = await env.DB.prepare(`PRAGMA foreign_key_list("${sweep.table}")`).all<{ table: string }>();
      expect(results.map((r) => r.table), `${sweep.table} references accounts`).not.toContain("accounts");
    }
  });
});

describe("the export stream", () => {
  it("reads a section only when the reader asks for it, a page at a time", async () => {
    const { accountId, email } = await createTestAccount();
    const ctx = await inventoryContext({ db: mainDb(env.DB), journal: journalDb(env.JOURNAL), kv: env.KV, accountId, emailNormalized: email }, Date.now());
    const reads: string[] = [];
    const counted = INVENTORY.slice(0, 3).map((section) => ({ ...section, readPage: (...args: Parameters<Section["readPage"]>) => (reads.push(section.category.id), section.readPage(...args)) }));
    const stream = streamAccountData(ctx, "en", counted);
    await new Promise((r) => setTimeout(r, 10));
    // Nothing read before the reader pulls (ReadableStream asks for one piece ahead at most).
    expect(reads.length).toBeLessThanOrEqual(1);
    const text = await new Response(stream).text();
    expect(reads).toEqual(counted.map((s) => s.category.id));
    expect(Object.keys(JSON.parse(text).categories)).toEqual(counted.map((s) => s.category.id));
  });
});

describe("account deletion, as one batch", () => {
  it("changes nothing when any statement of it fails", async () => {
    const { accountId } = await createTestAccount();
    const now = Date.now();
    await env.DB.prepare("INSERT INTO sessions (token_hash, account_id, created_at, expires_at, absolute_expires_at, reauthenticated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(`h-${accountId}`, accountId, now, now + 1e9, now + 1e9, now).run();
    // A stale copy under the same id: the batch's first statement fails on the key, so none applies.
    await env.DB.prepare("INSERT INTO closed_accounts (account_id, email, email_normalized, signed_up_at, closed_at) VALUES (?, 'x', 'x', 0, 0)").bind(accountId).run();
    await expect(closeAccount(mainDb(env.DB), { accountId, kv: env.KV }, now)).rejects.toThrow();
    expect(await countRows("accounts", "id = ?", accountId)).toBe(1);
    expect(await countRows("sessions", "account_id = ?", accountId)).toBe(1);
    expect(await countRows("api_tokens", "account_id = ?", accountId)).toBe(1);
    expect(await countRows("known_places", "account_id = ?", accountId)).toBe(0);
  });

  it("deletes once: a second or concurrent deletion finds the account gone and changes nothing", async () => {
    const { accountId } = await createTestAccount({ knownPlace: { country: "FR", asn: 3215 } });
    const db = mainDb(env.DB);
    const outcomes = await Promise.all([closeAccount(db, { accountId, kv: env.KV }, Date.now()), closeAccount(db, { accountId, kv: env.KV }, Date.now())]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["closed", "gone"]);
    const closed = await env.DB.prepare("SELECT * FROM closed_accounts WHERE account_id = ?").bind(accountId).all();
    expect(closed.results).toHaveLength(1);
    expect(await closeAccount(db, { accountId, kv: env.KV }, Date.now() + 1000)).toEqual({ kind: "gone" });
    expect((await env.DB.prepare("SELECT * FROM closed_accounts WHERE account_id = ?").bind(accountId).all()).results).toEqual(closed.results);
  });
});

describe("traffic counters after deletion", () => {
  it("count nothing more for a deleted account (a download still running), whose held rows stay as they were", async () => {
    const { accountId } = await createTestAccount();
    const db = mainDb(env.DB);
    const now = Date.now();
    await addBytesSent(db, { accountId, host: "direct" }, 100, now);
    expect(await countRows("traffic_daily", "account_id = ?", accountId)).toBe(1);
    await env.DB.prepare("DELETE FROM accounts WHERE id = ?").bind(accountId).run();
    // No foreign key cascades the counter (a hold may keep it): it stays, and nothing adds to it.
    await addBytesSent(db, { accountId, host: "direct" }, 50, now);
    await addBytesSent(db, { accountId, host: "other" }, 50, now);
    expect((await env.DB.prepare("SELECT host, bytes FROM traffic_daily WHERE account_id = ?").bind(accountId).all()).results).toEqual([{ host: "direct", bytes: 100 }]);
  });
});

describe("identification data kept after deletion", () => {
  it("is what the legal procedure reads of a closed account: address, sign-up, closure, never the password hash", async () => {
    const { accountId, email } = await createTestAccount({ password: "a long enough password here", passwordIterations: 1000 });
    const closedAt = Date.now();
    expect((await closeAccount(mainDb(env.DB), { accountId, kv: env.KV }, closedAt)).kind).toBe("closed");
    const [row] = await readAccounts(mainDb(env.DB), [accountId]);
    expect(row).toMatchObject({ id: accountId, email, closedAt });
    expect(row).not.toHaveProperty("passwordHash");
    expect(JSON.stringify(row)).not.toContain("pbkdf2");
  });

  it("is what an officer names by number or address; a live account that reuses the address comes first", async () => {
    const db = mainDb(env.DB);
    const closed = await createTestAccount();
    expect((await closeAccount(db, { accountId: closed.accountId, kv: env.KV }, Date.now())).kind).toBe("closed");
    expect(await resolveAccount(db, { id: closed.accountId })).toBe(closed.accountId);
    expect(await resolveAccount(db, { normalized: closed.email })).toBe(closed.accountId);
    const reused = await createTestAccount();
    await env.DB.prepare("UPDATE accounts SET email = ?1, email_normalized = ?1 WHERE id = ?2").bind(closed.email, reused.accountId).run();
    expect(await resolveAccount(db, { normalized: closed.email })).toBe(reused.accountId);
    expect(await resolveAccount(db, { id: closed.accountId })).toBe(closed.accountId);
    expect(await resolveAccount(db, { normalized: "nobody@example.test" })).toBeNull();
  });
});
