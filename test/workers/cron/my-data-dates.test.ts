/**
 * The date the export gives each item is the sweep's own: for every category of the inventory,
 * the category's sweep an hour before the earliest date keeps those items, and the sweep at that
 * date removes them.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { journalDb, mainDb } from "../../../src/db/client";
import { INVENTORY, inventoryContext } from "../../../src/my-data";
import { SWEEP_INTERVAL_MS } from "../../../src/retention/policy";
import { sweepCategory } from "../../../src/retention/sweep";
import { fullAccount } from "../../helpers/account-data";
import { createTestAccount } from "../../helpers/factories";

/** Checks every swept category the account has items in; returns their ids. */
async function checkDates(accountId: number, email: string): Promise<string[]> {
  const context = () => inventoryContext({ db: mainDb(env.DB), journal: journalDb(env.JOURNAL), kv: env.KV, accountId, emailNormalized: email }, Date.now());
  const checked: string[] = [];
  // The unverified account's sweep deletes the account itself (and what cascades from it): last.
  const last = (id: string) => id === "unverified_accounts";
  for (const section of [...INVENTORY.filter((s) => !last(s.category.id)), ...INVENTORY.filter((s) => last(s.category.id))]) {
    if (!section.category.sweep) continue;
    const dated = async () => (await section.readPage(await context(), null, 10_000)).items.map((item) => Date.parse(String(item.deleted_by)));
    const dates = await dated();
    if (dates.length === 0) continue;
    const first = Math.min(...dates);
    const dueBy = (list: number[]) => list.filter((at) => at <= first).length;
    const due = dueBy(dates);
    await sweepCategory(env, section.category, first - SWEEP_INTERVAL_MS);
    expect(dueBy(await dated()), `${section.category.id}: the run an hour before its date keeps it`).toBe(due);
    await sweepCategory(env, section.category, first);
    expect(dueBy(await dated()), `${section.category.id}: the run at its date removes it`).toBe(0);
    checked.push(section.category.id);
  }
  return checked.sort();
}

describe("deletion dates of the export", () => {
  it("are when each category's sweep removes the item: kept by the run an hour before, gone after the run at that date", async () => {
    const user = await fullAccount();
    // A verified live account holds data in every swept category but these three (checked below).
    const elsewhere = ["unverified_accounts", "closed_accounts", "device_codes"];
    expect(await checkDates(user.accountId, user.email)).toEqual(INVENTORY.filter((s) => s.category.sweep && !elsewhere.includes(s.category.id)).map((s) => s.category.id).sort());
  });

  it("hold for an unverified account, a device approval not yet exchanged and a closed account's identification too", async () => {
    const { accountId, email } = await createTestAccount();
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE accounts SET email_verified_at = NULL WHERE id = ?").bind(accountId),
      env.DB.prepare("INSERT INTO device_codes (device_code_hash, user_code, client_id, new_credentials, created_at, expires_at, interval_seconds, approved_account_id) VALUES ('h-dev', 'BCDFGHJK', 'X245A4XAIBGVM', 1, ?, ?, 5, ?)").bind(now, now + 600_000, accountId),
      // The reader finds identification by account id, as the legal procedure would.
      env.DB.prepare("INSERT INTO closed_accounts (account_id, email, email_normalized, signed_up_at, closed_at) VALUES (?, ?, ?, ?, ?)").bind(accountId, email, email, now - 1000, now),
    ]);
    const checked = await checkDates(accountId, email);
    for (const id of ["unverified_accounts", "closed_accounts", "device_codes"]) expect(checked).toContain(id);
  });
});
