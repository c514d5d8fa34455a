/** Staff helpers: logged-in officers and admins, the record-request form, and snapshots of the legal tables. */
import { env } from "cloudflare:workers";
import { registeredClient, type WebClient } from "./web-client";

export type StaffClient = { client: WebClient; email: string; password: string; accountId: number };

/** A registered, logged-in client whose account has `role` (as `admin:create` or an admin would set it). */
export async function staffClient(role: "user" | "legal" | "admin", options: { ip?: string } = {}): Promise<StaffClient> {
  const registered = await registeredClient(options);
  const row = await env.DB.prepare("UPDATE accounts SET role = ? WHERE email_normalized = ? RETURNING id").bind(role, registered.email.toLowerCase()).first<{ id: number }>();
  return { ...registered, accountId: row!.id };
}

/** A filled-in "record a request" form for an account scope; override any field. */
export function requestForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    authority: "Tribunal judiciaire de Paris",
    legal_basis: "fr_judicial_requisition",
    reference: "PQ-2027-0042",
    received_on: "2027-03-02",
    deadline_on: "",
    scope_kind: "account",
    account: "",
    ip_prefix: "",
    window_from: "2027-01-01T00:00",
    window_to: "2027-03-01T00:00",
    category_account: "on",
    category_login_events: "on",
    category_request_journal: "on",
    document_sha256: "a".repeat(64),
    ...overrides,
  };
}

/** The id a "record" POST redirected to. */
export function requestIdFrom(location: string | null): number {
  const match = /\/staff\/requests\/(\d+)$/.exec(location ?? "");
  if (!match) throw new Error(`no request id in ${location}`);
  return Number(match[1]);
}

export type AuditRowView = { seq: number; actor_account_id: number | null; actor_role: string; action: string; outcome: string; subject: string; details: string };

export async function auditRows(): Promise<AuditRowView[]> {
  return (await env.DB.prepare("SELECT seq, actor_account_id, actor_role, action, outcome, subject, details FROM audit_log ORDER BY seq").all<AuditRowView>()).results;
}

/** Every row of the legal tables and the audit log, for "nothing changed" checks. */
export async function legalSnapshot(): Promise<string> {
  const parts = [];
  for (const table of ["legal_requests", "legal_exports", "legal_holds", "audit_log"]) {
    parts.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM ${table}`).all()).results));
  }
  return parts.join("\n");
}
