/** The logged-in account's inventory, and its export as a response: the page's download and GET /api/me/data. */
import type { Context } from "hono";
import { findAccount } from "../../accounts";
import { journalDb } from "../../db/client";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { formatUtcDay } from "../../lib/time";
import { admitDataExport, inventoryContext, recordDataExport, streamAccountData, type InventoryContext } from "../../my-data";
import { accountRequest } from "../account-request";

/** The inventory of the logged-in account (its context needs the address, for the reset counter's key). */
export async function currentInventory(c: Context<AppEnv>, now: number): Promise<InventoryContext> {
  const accountId = c.var.session!.accountId;
  const account = await findAccount(c.var.db, accountId);
  if (!account) throw new AppError("login_required");
  return inventoryContext({ db: c.var.db, journal: journalDb(c.env.JOURNAL), kv: c.env.KV, accountId, emailNormalized: account.emailNormalized }, now);
}

/**
 * The export as a response: throttled per account, recorded first in the login history (where its
 * owner sees it), then streamed as the client reads it. `attachment`: the page's one-click download.
 */
export async function exportResponse(c: Context<AppEnv>, options: { attachment: boolean }): Promise<Response> {
  const now = Date.now();
  const decision = await admitDataExport(c.var.db, { accountId: c.var.session!.accountId }, now);
  if (!decision.allowed) throw new AppError("too_many_requests", { retryAfterSeconds: decision.retryAfterMs / 1000 });
  const inventory = await currentInventory(c, now);
  await recordDataExport(c.var.db, { accountId: inventory.accountId, request: accountRequest(c) }, now);
  c.header("Content-Type", "application/json; charset=utf-8");
  c.header("Cache-Control", "no-store");
  if (options.attachment) c.header("Content-Disposition", `attachment; filename="relais-data-${formatUtcDay(now)}.json"`);
  return c.body(streamAccountData(inventory, c.var.language));
}

