/**
 * Guards of the staff pages. `requireRole` reads the role afresh on every request (a removed role
 * acts at once) and audits a refusal before answering 403; `requireRecentPassword` asks for the
 * password again when it was last typed more than REAUTHENTICATION_WINDOW_MS ago.
 */
import type { MiddlewareHandler } from "hono";
import { findRole } from "../../admin/roles";
import { auditRefusal } from "../../audit/log";
import type { StaffRole } from "../../legal/categories";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { hasRecentPassword } from "../../sessions";
import { StaffReauthPage, STAFF_REAUTH_TEXT } from "../../views/staff-reauth-page";

export function requireRole(...roles: StaffRole[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const session = c.var.session;
    if (!session) throw new AppError("login_required");
    const role = await findRole(c.var.db, session.accountId);
    if (!role || !(roles as string[]).includes(role)) {
      const path = new URL(c.req.url).pathname;
      await auditRefusal(c.var.db, { officer: { accountId: session.accountId, role: role ?? "user" }, action: "access", subject: `${c.req.method} ${path}`, reason: "role", details: { required: roles } }, Date.now());
      throw new AppError("permission_denied");
    }
    c.set("staff", { accountId: session.accountId, role });
    await next();
  };
}

/** Staff actions need the password typed within the re-authentication window; otherwise the page asks for it (401), and nothing is done. */
export function requireRecentPassword(): MiddlewareHandler<AppEnv> {
  return async function requireRecentPassword(c, next) {
    if (hasRecentPassword(c.var.session!, Date.now())) return next();
    const url = new URL(c.req.url);
    c.status(401);
    return c.render(<StaffReauthPage language={c.var.language} next={c.req.method === "GET" ? url.pathname + url.search : "/staff"} />, {
      title: STAFF_REAUTH_TEXT[c.var.language].title,
    });
  };
}
