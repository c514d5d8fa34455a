/** Legal holds' pages (/staff/holds): list, place, extend, release. Legal officers only. */
import { Hono, type Context } from "hono";
import { eq } from "drizzle-orm";
import { legalRequests } from "../../db/schema";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { HOLDABLE_CATEGORY_IDS, IP_HOLDABLE_CATEGORY_IDS } from "../../legal/categories";
import { extendLegalHold, listLegalHolds, placeLegalHold, releaseLegalHold } from "../../legal/holds";
import { STAFF_HOLDS_TEXT, StaffHoldsPage } from "../../views/staff-holds-page";
import { formValidator } from "../input";
import { pageParam } from "../site/input";
import { auditView, officerOf, scopeFromForm } from "./common";
import { checkWindowAndCategories, IdParam, PlaceHoldForm } from "./forms";
import { requireRecentPassword, requireRole } from "./guards";

export const holdPages = new Hono<AppEnv>();
holdPages.use(requireRole("legal"), requireRecentPassword());

const LIST_LIMIT = 200;

async function renderHolds(c: Context<AppEnv>, extra: { errors?: Record<string, string>; raw?: Record<string, unknown> } = {}) {
  const now = Date.now();
  const holds = await listLegalHolds(c.var.db, { limit: LIST_LIMIT });
  if (extra.errors) c.status(422);
  return c.render(<StaffHoldsPage language={c.var.language} role={officerOf(c).role} now={now} holds={holds} errors={extra.errors} raw={extra.raw} />, {
    title: STAFF_HOLDS_TEXT[c.var.language].title,
  });
}

holdPages.get("/", async (c) => {
  await auditView(c, "holds");
  return renderHolds(c);
});

holdPages.post("/", formValidator(PlaceHoldForm), async (c) => {
  const form = c.req.valid("form");
  if (!form.ok) return renderHolds(c, { errors: form.errors, raw: form.raw });
  const value = form.value;
  const categories = HOLDABLE_CATEGORY_IDS.filter((id) => (value as Record<string, unknown>)[`hold_${id}`] === true);
  const { scope, errors: scopeErrors } = await scopeFromForm(c.var.db, value);
  const errors = { ...checkWindowAndCategories(value, "hold_", HOLDABLE_CATEGORY_IDS), ...scopeErrors };
  if (value.scope_kind === "ip") {
    // An IP hold keeps rows by address and time: only a window bounds it, and only the journal records addresses so.
    if (value.window_from === "" || value.window_to === "") errors.window_from ??= "window_required";
    if (categories.some((id) => !IP_HOLDABLE_CATEGORY_IDS.includes(id))) errors[`hold_${HOLDABLE_CATEGORY_IDS[0]!}`] ??= "ip_categories_only";
  }
  if (value.request_id !== "") {
    const known = await c.var.db.query.legalRequests.findFirst({ columns: { id: true }, where: eq(legalRequests.id, value.request_id) });
    if (!known) errors.request_id = "unknown_request";
  }
  if (Object.keys(errors).length > 0 || !scope) return renderHolds(c, { errors, raw: form.raw });
  const ip = scope.kind === "ip";
  await placeLegalHold(
    c.var.db,
    {
      officer: officerOf(c),
      hold: {
        kind: value.kind,
        scope,
        windowFrom: ip && value.window_from !== "" ? value.window_from : null,
        windowTo: ip && value.window_to !== "" ? value.window_to : null,
        categories,
        reference: value.reference,
        requestId: value.request_id === "" ? null : value.request_id,
        reviewAt: value.review_on,
      },
    },
    Date.now(),
  );
  return c.redirect("/staff/holds", 303);
});

holdPages.post("/:id/extend", pageParam("param", IdParam), async (c) => {
  const outcome = await extendLegalHold(c.var.db, { officer: officerOf(c), holdId: c.req.valid("param").id }, Date.now());
  if (outcome.kind === "refused") throw new AppError("permission_denied", { details: { reason: outcome.reason } });
  return c.redirect("/staff/holds", 303);
});

holdPages.post("/:id/release", pageParam("param", IdParam), async (c) => {
  const outcome = await releaseLegalHold(c.var.db, { officer: officerOf(c), holdId: c.req.valid("param").id }, Date.now());
  if (outcome.kind === "refused") throw new AppError("permission_denied", { details: { reason: outcome.reason } });
  return c.redirect("/staff/holds", 303);
});
