/** The legal request register's pages (/staff/requests): list and record, view, decide, export. Legal officers only. */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { journalDb } from "../../db/client";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { EXPORT_CATEGORY_IDS, type ExportCategory } from "../../legal/categories";
import { exportLegalRequest } from "../../legal/export";
import { decideLegalRequest, findLegalRequest, listLegalRequests, recordLegalRequest } from "../../legal/requests";
import { createOutbox } from "../../mail/outbox";
import { STAFF_REQUESTS_TEXT, StaffRequestsPage } from "../../views/staff-requests-page";
import { STAFF_REQUEST_TEXT, StaffRequestPage } from "../../views/staff-request-page";
import { formValidator } from "../input";
import { pageParam } from "../site/input";
import { auditView, officerOf, scopeFromForm } from "./common";
import { checkWindowAndCategories, DecisionForm, IdParam, RecordRequestForm } from "./forms";
import { requireRecentPassword, requireRole } from "./guards";

export const requestPages = new Hono<AppEnv>();
requestPages.use(requireRole("legal"), requireRecentPassword());

const LIST_LIMIT = 200;

const NOTICES = {
  fr: { tooLarge: (d: string) => `Trop de données dans le périmètre (${d}) : la demande doit viser une période plus courte.`, decided: "Décision enregistrée." },
  en: { tooLarge: (d: string) => `Too much data in scope (${d}): the request must cover a shorter period.`, decided: "Decision recorded." },
} as const;

async function renderList(c: Context<AppEnv>, extra: { errors?: Record<string, string>; raw?: Record<string, unknown> } = {}) {
  const requests = await listLegalRequests(c.var.db, { limit: LIST_LIMIT });
  if (extra.errors) c.status(422);
  return c.render(<StaffRequestsPage language={c.var.language} role={officerOf(c).role} requests={requests} errors={extra.errors} raw={extra.raw} />, {
    title: STAFF_REQUESTS_TEXT[c.var.language].title,
  });
}

requestPages.get("/", async (c) => {
  await auditView(c, "requests");
  return renderList(c);
});

requestPages.post("/", formValidator(RecordRequestForm), async (c) => {
  const form = c.req.valid("form");
  if (!form.ok) return renderList(c, { errors: form.errors, raw: form.raw });
  const value = form.value;
  const { scope, errors: scopeErrors } = await scopeFromForm(c.var.db, value);
  const errors = { ...checkWindowAndCategories(value, "category_", EXPORT_CATEGORY_IDS), ...scopeErrors };
  if (Object.keys(errors).length > 0 || !scope) return renderList(c, { errors, raw: form.raw });
  const id = await recordLegalRequest(
    c.var.db,
    {
      officer: officerOf(c),
      request: {
        authority: value.authority,
        legalBasis: value.legal_basis,
        reference: value.reference,
        receivedAt: value.received_on,
        deadlineAt: value.deadline_on === "" ? null : value.deadline_on,
        scope,
        windowFrom: value.window_from,
        windowTo: value.window_to,
        categories: EXPORT_CATEGORY_IDS.filter((category) => (value as Record<string, unknown>)[`category_${category}`] === true),
        documentSha256: value.document_sha256,
        notificationForbidden: value.notification_forbidden === true,
      },
    },
    Date.now(),
  );
  return c.redirect(`/staff/requests/${id}`, 303);
});

type RequestExtra = { notice?: string; error?: string; errors?: Record<string, string>; status?: 200 | 403 | 422 };

async function renderRequest(c: Context<AppEnv>, id: number, extra: RequestExtra = {}) {
  return showRequest(c, await findLegalRequest(c.var.db, id), extra);
}

function showRequest(c: Context<AppEnv>, request: Awaited<ReturnType<typeof findLegalRequest>>, extra: RequestExtra = {}) {
  if (!request) throw new AppError("page_not_found");
  const id = request.id;
  c.status(extra.status ?? 200);
  const officer = officerOf(c);
  return c.render(<StaffRequestPage language={c.var.language} role={officer.role} viewerId={officer.accountId} request={request} notice={extra.notice} error={extra.error} errors={extra.errors} />, {
    title: STAFF_REQUEST_TEXT[c.var.language].title(id),
  });
}

requestPages.get("/:id", pageParam("param", IdParam), async (c) => {
  const { id } = c.req.valid("param");
  const request = await findLegalRequest(c.var.db, id);
  await auditView(c, `request:${id}`, request ? "done" : "refused");
  return showRequest(c, request);
});

requestPages.post("/:id/decision", pageParam("param", IdParam), formValidator(DecisionForm), async (c) => {
  const { id } = c.req.valid("param");
  const form = c.req.valid("form");
  if (!form.ok) return renderRequest(c, id, { errors: form.errors, status: 422 });
  const value = form.value as v.InferOutput<typeof DecisionForm> & Record<string, unknown>;
  const ticked = EXPORT_CATEGORY_IDS.filter((category) => value[`category_${category}`] === true) as ExportCategory[];
  const request = await findLegalRequest(c.var.db, id);
  const asked = request ? (JSON.parse(request.categories) as ExportCategory[]) : [];
  // Who may decide comes before what the form says: a refused decision is refused (and audited) whatever it carries.
  const decidable = request !== null && request.status === "pending" && request.recordedBy !== officerOf(c).accountId;
  if (decidable && value.decision === "refuse" && value.reason === "") return showRequest(c, request, { errors: { reason: "missing" }, status: 422 });
  if (decidable && value.decision === "approve" && ticked.length === 0) return showRequest(c, request, { errors: { reason: "no_category" }, status: 422 });
  if (decidable && value.decision === "approve" && ticked.length < asked.length && value.reason === "") return showRequest(c, request, { errors: { reason: "partial_needs_reason" }, status: 422 });
  const outcome = await decideLegalRequest(
    c.var.db,
    { officer: officerOf(c), requestId: id, decision: value.decision === "refuse" ? { kind: "refuse", reason: value.reason } : { kind: "approve", categories: ticked, reason: value.reason || null } },
    Date.now(),
  );
  if (outcome.kind === "refused") throw new AppError("permission_denied", { details: { reason: outcome.reason } });
  return renderRequest(c, id, { notice: NOTICES[c.var.language].decided });
});

requestPages.post("/:id/export", pageParam("param", IdParam), async (c) => {
  const { id } = c.req.valid("param");
  const outcome = await exportLegalRequest(
    c.var.db,
    { officer: officerOf(c), requestId: id, journal: journalDb(c.env.JOURNAL), kv: c.env.KV, outbox: createOutbox(c.env, c.var.db) },
    Date.now(),
  );
  if (outcome.kind === "refused") throw new AppError("permission_denied", { details: { reason: outcome.reason } });
  if (outcome.kind === "too_large") return renderRequest(c, id, { error: NOTICES[c.var.language].tooLarge(outcome.dataset), status: 422 });
  // The bundle goes out once, to this officer, and is kept nowhere: never cached either.
  return new Response(outcome.bundle.zip, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${outcome.filename}"`,
      "cache-control": "no-store",
      "x-manifest-sha256": outcome.bundle.manifestSha256,
    },
  });
});
