/** Roles: who holds a staff role, and the form an admin uses to grant or remove one. */
import { ROLES, type Role } from "../admin/roles";
import type { Language } from "../lib/language";
import { Notice } from "./form";
import { FieldError, rawText, StaffNav } from "./staff-common";

const TEXT = {
  fr: { title: "Rôles", intro: "Les responsables juridiques traitent les demandes et les gels ; les administrateurs attribuent les rôles. Personne ne change son propre rôle.", colAccount: "Compte", colRole: "Rôle", email: "Adresse e-mail du compte", role: "Rôle", button: "Attribuer", user: "utilisateur", legal: "responsable juridique", admin: "administrateur" },
  en: { title: "Roles", intro: "Legal officers handle requests and holds; admins grant roles. No one changes their own role.", colAccount: "Account", colRole: "Role", email: "Account's email address", role: "Role", button: "Grant", user: "user", legal: "legal officer", admin: "admin" },
} as const;
export { TEXT as STAFF_ROLES_TEXT };

export function StaffRolesPage(props: { language: Language; role: string; staff: { id: number; email: string; role: Role }[]; notice?: string; error?: string; errors?: Record<string, string>; raw?: Record<string, unknown> }) {
  const t = TEXT[props.language];
  return (
    <>
      <StaffNav language={props.language} role={props.role} current="/staff/roles" />
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <table>
        <thead><tr><th scope="col">{t.colAccount}</th><th scope="col">{t.colRole}</th></tr></thead>
        <tbody>{props.staff.map((s) => <tr><td>#{s.id} {s.email}</td><td data-role={s.role}>{t[s.role]}</td></tr>)}</tbody>
      </table>
      <form method="post" action="/staff/roles" class="card">
        <label for="field-email">{t.email}<input id="field-email" name="email" type="email" value={rawText(props.raw, "email")} required /><FieldError language={props.language} name="email" errors={props.errors} /></label>
        <label for="field-role">{t.role}
          <select id="field-role" name="role">{ROLES.map((r) => <option value={r} selected={rawText(props.raw, "role") === r}>{t[r]}</option>)}</select>
          <FieldError language={props.language} name="role" errors={props.errors} />
        </label>
        <button type="submit">{t.button}</button>
      </form>
    </>
  );
}
