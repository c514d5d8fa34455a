/** Reading what a legal scope covers: accounts, login events, request-journal rows, links. */
import { and, asc, between, count, eq, getTableColumns, gt, inArray, isNotNull, max, min } from "drizzle-orm";
import { LEGAL_EXPORT_MAX_ROWS, LEGAL_READ_PAGE_ROWS } from "../config";
import type { JournalDb, MainDb } from "../db/client";
import { requestJournal } from "../db/journal-schema";
import { accounts, closedAccounts, downloads, loginEvents } from "../db/schema";
import { listDownloads } from "../downloads/records";
import { isInPrefix } from "../request-journal/ip-key";
import type { Scope } from "./categories";

export type IpUse = { accountId: number; firstAt: number; lastAt: number; requests: number };

/**
 * "Which account used this IP (or prefix) then": accounts named by request-journal rows whose
 * address lies in [low, high] (sortable keys) and whose time lies in [from, to], both ends included.
 * One range scan of the (ip_key, at) index.
 */
export async function findAccountsUsingIp(journal: JournalDb, input: { low: string; high: string; from: number; to: number }): Promise<IpUse[]> {
  const rows = await journal
    .select({ accountId: requestJournal.accountId, firstAt: min(requestJournal.at), lastAt: max(requestJournal.at), requests: count() })
    .from(requestJournal)
    .where(and(between(requestJournal.ipKey, input.low, input.high), between(requestJournal.at, input.from, input.to), isNotNull(requestJournal.accountId)))
    .groupBy(requestJournal.accountId)
    .orderBy(asc(requestJournal.accountId));
  return rows.map((r) => ({ accountId: r.accountId!, firstAt: r.firstAt!, lastAt: r.lastAt!, requests: r.requests }));
}

/** Thrown when a data set passes LEGAL_EXPORT_MAX_ROWS: the officer narrows the window. */
export class ScopeTooLargeError extends Error {
  constructor(readonly dataset: string) {
    super(`${dataset} has more than ${LEGAL_EXPORT_MAX_ROWS} rows in scope`);
  }
}

type Window = { from: number; to: number };

/** Request-journal rows in scope (rows naming no account are about no user, and stay out), oldest first, page by page. */
export async function readJournalInScope(journal: JournalDb, input: { scope: Scope; accountIds: number[] } & Window) {
  const { scope, from, to } = input;
  const where =
    scope.kind === "account"
      ? and(eq(requestJournal.accountId, scope.accountId), between(requestJournal.at, from, to))
      : and(between(requestJournal.ipKey, scope.low, scope.high), between(requestJournal.at, from, to), isNotNull(requestJournal.accountId));
  const out: (typeof requestJournal.$inferSelect)[] = [];
  let afterId = "";
  for (;;) {
    const page = await journal.select().from(requestJournal).where(and(where, gt(requestJournal.requestId, afterId))).orderBy(asc(requestJournal.requestId)).limit(LEGAL_READ_PAGE_ROWS);
    out.push(...page);
    if (out.length > LEGAL_EXPORT_MAX_ROWS) throw new ScopeTooLargeError("request_journal");
    if (page.length < LEGAL_READ_PAGE_ROWS) break;
    afterId = page[page.length - 1]!.requestId;
  }
  return out.sort((a, b) => a.at - b.at).map(({ ipKey: _key, ...row }) => row);
}

/**
 * The accounts' data (never the password hash); for an account closed by its owner, the
 * identification data deletion kept for exactly this (closed_accounts), with its closure time.
 */
export async function readAccounts(db: MainDb, accountIds: number[]) {
  if (accountIds.length === 0) return [];
  const { passwordHash: _hash, ...columns } = getTableColumns(accounts);
  const [live, closed] = await db.batch([
    db.select(columns).from(accounts).where(inArray(accounts.id, accountIds)).orderBy(asc(accounts.id)),
    db
      .select({ id: closedAccounts.accountId, email: closedAccounts.email, emailNormalized: closedAccounts.emailNormalized, createdAt: closedAccounts.signedUpAt, signupIp: closedAccounts.signupIp, closedAt: closedAccounts.closedAt })
      .from(closedAccounts)
      .where(inArray(closedAccounts.accountId, accountIds))
      .orderBy(asc(closedAccounts.accountId)),
  ]);
  return [...live, ...closed];
}

/** Login events of the accounts in the window; for an IP scope, only those from an address in it. */
export async function readLoginEvents(db: MainDb, input: { scope: Scope; accountIds: number[] } & Window) {
  const rows = [];
  for (const accountId of input.accountIds) {
    const page = await db
      .select()
      .from(loginEvents)
      .where(and(eq(loginEvents.accountId, accountId), between(loginEvents.at, input.from, input.to)))
      .orderBy(asc(loginEvents.at))
      .limit(LEGAL_EXPORT_MAX_ROWS + 1);
    rows.push(...page);
    if (rows.length > LEGAL_EXPORT_MAX_ROWS) throw new ScopeTooLargeError("login_events");
  }
  const scope = input.scope;
  return scope.kind === "ip" ? rows.filter((r) => isInPrefix(r.ip, scope)) : rows;
}

/** Links still retained (and still readable: their day's key exists), generated in the window; for an IP scope, from an address in it. */
export async function readDownloadLinks(db: MainDb, input: { kv: KVNamespace; scope: Scope; accountIds: number[] } & Window, now: number) {
  const { scope } = input;
  const out = [];
  for (const accountId of input.accountIds) {
    const { items } = await listDownloads(db, { kv: input.kv, accountId, offset: 0, limit: LEGAL_EXPORT_MAX_ROWS + 1 }, now);
    let inWindow = items.filter((d) => d.generatedAt >= input.from && d.generatedAt <= input.to);
    if (scope.kind === "ip" && inWindow.length > 0) {
      const requesters = await db
        .select({ id: downloads.id, ip: downloads.requesterIp })
        .from(downloads)
        .where(and(eq(downloads.accountId, accountId), between(downloads.generatedAt, input.from, input.to)));
      const fromPrefix = new Set(requesters.filter((r) => isInPrefix(r.ip, scope)).map((r) => r.id));
      inWindow = inWindow.filter((d) => fromPrefix.has(d.id));
    }
    out.push(...inWindow);
    if (out.length > LEGAL_EXPORT_MAX_ROWS) throw new ScopeTooLargeError("download_links");
  }
  return out.map(({ password: _password, acceptRanges: _ranges, ...d }) => d);
}
