/** Every staff page: the register, holds, the audit log's state, roles, and the password re-entry. */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { listStaff, changeRole } from "../../admin/roles";
import { readAuditHead } from "../../audit/daily-check";
import { listRecentAuditRows, verifyAuditChain } from "../../audit/log";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { PasswordInput } from "../../accounts/validation";
import { STAFF_AUDIT_TEXT, StaffAuditPage } from "../../views/staff-audit-page";
import { STAFF_REAUTH_TEXT, StaffReauthPage } from "../../views/staff-reauth-page";
import { STAFF_ROLES_TEXT, StaffRolesPage } from "../../views/staff-roles-page";
import { formValidator } from "../input";
import { tooManyPage } from "../site/too-many-page";
import { confirmRecentPassword } from "../site/recent-password";
import { auditView, officerOf } from "./common";
import { RoleForm } from "./forms";
import { requireRecentPassword, requireRole } from "./guards";
import { holdPages } from "./holds";
import { requestPages } from "./requests";

const AUDIT_ROWS_SHOWN = 50;

const auditPages = new Hono<AppEnv>();
auditPages.use(requireRole("legal", "admin"), requireRecentPassword());
auditPages.get("/", async (c) => {
  const officer = officerOf(c);
  // The view is itself an action: recorded first, so the chain checked below includes it.
  await auditView(c, "audit");
  const [check, daily, rows] = await Promise.all([verifyAuditChain(c.var.db), readAuditHead(c.env.KV), listRecentAuditRows(c.var.db, { limit: AUDIT_ROWS_SHOWN })]);
  return c.render(<StaffAuditPage language={c.var.language} role={officer.role} check={check} daily={daily} rows={rows} />, { title: STAFF_AUDIT_TEXT[c.var.language].title });
});

const ROLE_NOTICES = {
  fr: { done: "Rôle attribué.", unknown: "Aucun compte n'a cette adresse." },
  en: { done: "Role granted.", unknown: "No account has this address." },
} as const;

const rolePages = new Hono<AppEnv>();
rolePages.use(requireRole("admin"), requireRecentPassword());
async function renderRoles(c: Context<AppEnv>, extra: { notice?: string; error?: string; errors?: Record<string, string>; raw?: Record<string, unknown>; status?: 200 | 422 } = {}) {
  c.status(extra.status ?? 200);
  return c.render(<StaffRolesPage language={c.var.language} role={officerOf(c).role} staff={await listStaff(c.var.db)} {...extra} />, { title: STAFF_ROLES_TEXT[c.var.language].title });
}
rolePages.get("/", async (c) => {
  await auditView(c, "roles");
  return renderRoles(c);
});
rolePages.post("/", formValidator(RoleForm), async (c) => {
  const form = c.req.valid("form");
  if (!form.ok) return renderRoles(c, { errors: form.errors, raw: form.raw, status: 422 });
  const outcome = await changeRole(c.var.db, { officer: officerOf(c), emailNormalized: form.value.email.normalized, role: form.value.role }, Date.now());
  if (outcome.kind === "refused" && outcome.reason === "own_role") throw new AppError("permission_denied", { details: { reason: outcome.reason } });
  if (outcome.kind === "refused") return renderRoles(c, { error: ROLE_NOTICES[c.var.language].unknown, raw: form.raw, status: 422 });
  return renderRoles(c, { notice: ROLE_NOTICES[c.var.language].done });
});

const reauthPages = new Hono<AppEnv>();
reauthPages.use(requireRole("legal", "admin"));
reauthPages.post("/", formValidator(v.object({ password: PasswordInput, next: v.optional(v.string(), "/staff") })), async (c) => {
  const form = c.req.valid("form");
  const rawNext = typeof form.raw.next === "string" ? form.raw.next : "/staff";
  // Only back to a staff page: never an open redirect.
  const next = /^\/staff(\/[\w\-/?=&%.]*)?$/.test(rawNext) ? rawNext : "/staff";
  const check = await confirmRecentPassword(c, form.ok ? form.value.password : undefined, Date.now());
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, () => c.render(<StaffReauthPage language={c.var.language} next={next} wrong />, { title: STAFF_REAUTH_TEXT[c.var.language].title }));
  if (check.kind !== "success") {
    c.status(401);
    return c.render(<StaffReauthPage language={c.var.language} next={next} wrong />, { title: STAFF_REAUTH_TEXT[c.var.language].title });
  }
  return c.redirect(next, 303);
});

const homePages = new Hono<AppEnv>();
homePages.get("/", requireRole("legal", "admin"), (c) => c.redirect(officerOf(c).role === "legal" ? "/staff/requests" : "/staff/audit", 303));

export const staffRoutes = new Hono<AppEnv>()
  .route("/requests", requestPages)
  .route("/holds", holdPages)
  .route("/audit", auditPages)
  .route("/roles", rolePages)
  .route("/reauthenticate", reauthPages)
  .route("/", homePages);
