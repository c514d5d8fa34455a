/** The legal request register: recording a request, and the second officer's decision (four-eyes). */
import { desc, eq, sql } from "drizzle-orm";
import { appendAudit, auditRefusal } from "../audit/log";
import type { MainDb } from "../db/client";
import { legalExports, legalRequests } from "../db/schema";
import type { ExportCategory, LegalBasis, Officer, Scope } from "./categories";

export type LegalRequest = typeof legalRequests.$inferSelect;
export type LegalExportRecord = typeof legalExports.$inferSelect;

export type NewLegalRequest = {
  authority: string;
  legalBasis: LegalBasis;
  reference: string;
  receivedAt: number;
  deadlineAt: number | null;
  scope: Scope;
  windowFrom: number;
  windowTo: number;
  categories: ExportCategory[];
  documentSha256: string;
  notificationForbidden: boolean;
};

/** Records a request received, with its audit row; returns its id. */
export async function recordLegalRequest(db: MainDb, input: { officer: Officer; request: NewLegalRequest }, now: number): Promise<number> {
  const { officer, request } = input;
  let id = 0;
  await appendAudit(
    db,
    async () => {
      // The id is chosen here so that the audit row can name it in the same batch; a concurrent
      // recording that took it makes the batch fail on the primary key, and this one tries again.
      const [top] = await db.select({ max: sql<number | null>`max(${legalRequests.id})` }).from(legalRequests);
      id = (top?.max ?? 0) + 1;
      const scope = request.scope;
      return {
        entry: {
          actorAccountId: officer.accountId,
          actorRole: officer.role,
          action: "record_request",
          outcome: "done",
          subject: `request:${id}`,
          details: { legal_basis: request.legalBasis, reference: request.reference, scope: scope.kind === "account" ? `account:${scope.accountId}` : `ip:${scope.prefix}`, document_sha256: request.documentSha256 },
        },
        with: [
          db.insert(legalRequests).values({
            id,
            authority: request.authority,
            legalBasis: request.legalBasis,
            reference: request.reference,
            receivedAt: request.receivedAt,
            deadlineAt: request.deadlineAt,
            scopeKind: scope.kind,
            scopeAccountId: scope.kind === "account" ? scope.accountId : null,
            scopeIpPrefix: scope.kind === "ip" ? scope.prefix : null,
            scopeIpLow: scope.kind === "ip" ? scope.low : null,
            scopeIpHigh: scope.kind === "ip" ? scope.high : null,
            windowFrom: request.windowFrom,
            windowTo: request.windowTo,
            categories: JSON.stringify(request.categories),
            documentSha256: request.documentSha256,
            notificationForbidden: request.notificationForbidden,
            recordedBy: officer.accountId,
            recordedAt: now,
          }),
        ],
      };
    },
    now,
    ["legal_requests.id"],
  );
  return id;
}

export async function findLegalRequest(db: MainDb, id: number): Promise<(LegalRequest & { export: LegalExportRecord | null }) | null> {
  const [row] = await db.select().from(legalRequests).leftJoin(legalExports, eq(legalExports.requestId, legalRequests.id)).where(eq(legalRequests.id, id));
  return row ? { ...row.legal_requests, export: row.legal_exports } : null;
}

export async function listLegalRequests(db: MainDb, input: { limit: number }): Promise<LegalRequest[]> {
  return db.select().from(legalRequests).orderBy(desc(legalRequests.receivedAt), desc(legalRequests.id)).limit(input.limit);
}

export type Decision = { kind: "approve"; categories: ExportCategory[]; reason: string | null } | { kind: "refuse"; reason: string };
export type DecisionOutcome = { kind: "done"; status: LegalRequest["status"] } | { kind: "refused"; reason: "no_request" | "same_officer" | "already_decided" | "categories_not_requested" };

/**
 * The second officer's decision. Never by the officer who recorded the request (four-eyes): that,
 * a request already decided or unknown, is refused and audited. Approving fewer categories than
 * asked is a partial approval and needs a reason, as a refusal does (the form checks both).
 */
export async function decideLegalRequest(db: MainDb, input: { officer: Officer; requestId: number; decision: Decision }, now: number): Promise<DecisionOutcome> {
  const { officer, requestId, decision } = input;
  const subject = `request:${requestId}`;
  const action = decision.kind === "approve" ? "approve_request" : "refuse_request";
  const request = await findLegalRequest(db, requestId);
  let refusal: Extract<DecisionOutcome, { kind: "refused" }>["reason"] | null = null;
  if (!request) refusal = "no_request";
  else if (request.recordedBy === officer.accountId) refusal = "same_officer";
  else if (request.status !== "pending") refusal = "already_decided";
  const asked = request ? (JSON.parse(request.categories) as ExportCategory[]) : [];
  if (!refusal && decision.kind === "approve" && decision.categories.some((c) => !asked.includes(c))) refusal = "categories_not_requested";
  if (refusal) {
    await auditRefusal(db, { officer, action, subject, reason: refusal }, now);
    return { kind: "refused", reason: refusal };
  }
  const approved = decision.kind === "approve" ? asked.filter((c) => decision.categories.includes(c)) : [];
  const status: LegalRequest["status"] = decision.kind === "refuse" ? "refused" : approved.length === asked.length ? "approved" : "partly_approved";
  await appendAudit(
    db,
    {
      entry: { actorAccountId: officer.accountId, actorRole: officer.role, action, outcome: "done", subject, details: { status, categories: approved, reason: decision.reason } },
      with: [
        db
          .update(legalRequests)
          .set({ status, decidedBy: officer.accountId, decidedAt: now, decisionReason: decision.reason, approvedCategories: JSON.stringify(approved) })
          .where(eq(legalRequests.id, requestId)),
      ],
    },
    now,
  );
  return { kind: "done", status };
}
