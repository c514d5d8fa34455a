/**
 * The audit log: one hash-chained row per staff action (audit/chain.ts), written beside what the
 * action changes, in one D1 batch, so that an action and its row exist together or not at all.
 */
import { asc, desc, gt } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { AUDIT_APPEND_ATTEMPTS, LEGAL_READ_PAGE_ROWS } from "../config";
import type { MainDb } from "../db/client";
import { auditLog } from "../db/schema";
import { canonicalJson, CHAIN_START, checkAuditRows, GENESIS_HASH, hashAuditRow, type AuditRow, type ChainCheck } from "./chain";

export type AuditAction =
  | "view"
  | "record_request"
  | "approve_request"
  | "refuse_request"
  | "export_request"
  | "place_hold"
  | "extend_hold"
  | "release_hold"
  | "change_role"
  | "access";

export type AuditEntry = {
  actorAccountId: number | null;
  actorRole: string;
  action: AuditAction;
  outcome: "done" | "refused";
  subject: string;
  details?: Record<string, unknown>;
};

/** The `table.column` a UNIQUE failure names, looking through the error's causes (drizzle wraps D1's). */
export function uniqueConflictOf(error: unknown): string | null {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const match = /UNIQUE constraint failed: ([\w.]+)/.exec(cause.message);
    if (match) return match[1]!;
  }
  return null;
}

export type AuditedWrite = { entry: AuditEntry; with?: BatchItem<"sqlite">[] };

/**
 * Appends one audit row, in the same D1 batch as `with` (the action's own writes). The row takes
 * the position after the current head; if a concurrent append took it first, the seq primary key
 * refuses this one, the whole batch rolls back, and it is tried again on the new head: the chain
 * never forks. `input` may be a function, called again on each attempt, for writes that allocate
 * an id themselves (retried likewise on a conflict of a column in `retryOn`). Throws after
 * AUDIT_APPEND_ATTEMPTS conflicts, or on any other failure (the batch then wrote nothing).
 */
export async function appendAudit(
  db: MainDb,
  input: AuditedWrite | (() => Promise<AuditedWrite>),
  now: number,
  retryOn: readonly string[] = [],
): Promise<AuditRow> {
  for (let attempt = 1; ; attempt++) {
    const write = typeof input === "function" ? await input() : input;
    const { entry } = write;
    const [head] = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const content = {
      seq: (head?.seq ?? 0) + 1,
      at: now,
      actorAccountId: entry.actorAccountId,
      actorRole: entry.actorRole,
      action: entry.action,
      outcome: entry.outcome,
      subject: entry.subject,
      details: canonicalJson(entry.details ?? {}),
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const row: AuditRow = { ...content, prevHash, hash: await hashAuditRow(prevHash, content) };
    try {
      await db.batch([...(write.with ?? []), db.insert(auditLog).values(row as typeof auditLog.$inferInsert)] as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
      return row;
    } catch (error) {
      const conflict = uniqueConflictOf(error);
      if (conflict === null || !(conflict === "audit_log.seq" || retryOn.includes(conflict)) || attempt >= AUDIT_APPEND_ATTEMPTS) throw error;
      // Someone else appended: back off a little (jittered) and chain onto the new head.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** Writes an audit row for an action refused to `officer` (wrong role, no approval, same officer…). */
export async function auditRefusal(db: MainDb, input: { officer: { accountId: number | null; role: string }; action: AuditAction; subject: string; reason: string; details?: Record<string, unknown> }, now: number): Promise<void> {
  await appendAudit(
    db,
    { entry: { actorAccountId: input.officer.accountId, actorRole: input.officer.role, action: input.action, outcome: "refused", subject: input.subject, details: { reason: input.reason, ...input.details } } },
    now,
  );
}

/** Audit rows after `afterSeq`, oldest first, one page. */
export function readAuditRows(db: MainDb, input: { afterSeq: number; limit: number }): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(gt(auditLog.seq, input.afterSeq)).orderBy(asc(auditLog.seq)).limit(input.limit);
}

/** The newest audit rows, newest first, for the staff page. */
export function listRecentAuditRows(db: MainDb, input: { limit: number }): Promise<AuditRow[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(input.limit);
}

/** Walks the whole chain page by page (LEGAL_READ_PAGE_ROWS rows per query). */
export async function verifyAuditChain(db: MainDb): Promise<ChainCheck> {
  let state = CHAIN_START;
  for (;;) {
    const rows = await readAuditRows(db, { afterSeq: state.headSeq ?? 0, limit: LEGAL_READ_PAGE_ROWS });
    const check = await checkAuditRows(rows, state);
    if (!check.valid || rows.length < LEGAL_READ_PAGE_ROWS) return check;
    state = check;
  }
}

/** The hash of the row at `seq`, or null when there is none. */
export async function auditHashAt(db: MainDb, seq: number): Promise<string | null> {
  const row = await db.query.auditLog.findFirst({ columns: { hash: true }, where: (t, { eq }) => eq(t.seq, seq) });
  return row?.hash ?? null;
}
