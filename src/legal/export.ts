/**
 * The disclosure export: for an approved request, the minimal bundle in scope as JSON and CSV files
 * plus a manifest of each file's SHA-256, in a ZIP built in memory and never stored.
 *
 * Why a ZIP, stored without compression (fflate, 8 kB, no dependencies): one file to hand over,
 * opened by every system without tools; "stored" keeps each file's bytes exactly as hashed, so a
 * recipient checks them with any `sha256sum`; and the manifest's own hash goes in the audit row
 * and the register, so the bundle handed over can be told apart from any other.
 */
import { zipSync } from "fflate";
import { appendAudit, auditRefusal, uniqueConflictOf } from "../audit/log";
import { canonicalJson } from "../audit/chain";
import type { JournalDb, MainDb } from "../db/client";
import { accounts, closedAccounts, legalExports } from "../db/schema";
import { inArray, sql } from "drizzle-orm";
import { toHex } from "../lib/crypto";
import type { Outbox } from "../mail/outbox";
import { legalDisclosureMail } from "../mail/templates";
import { EXPORT_CATEGORY_IDS, type ExportCategory, type Officer, type Scope } from "./categories";
import { findLegalRequest, type LegalRequest } from "./requests";
import { findAccountsUsingIp, readAccounts, readDownloadLinks, readJournalInScope, readLoginEvents, ScopeTooLargeError } from "./scope";

export type BundleFile = { name: string; bytes: Uint8Array; sha256: string; rows: number | null };
export type DisclosureBundle = { files: BundleFile[]; manifestSha256: string; accountIds: number[]; zip: Uint8Array };

type Row = Record<string, unknown>;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header line; cells verbatim (the JSON file is the reference copy). */
export function toCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
}

async function file(name: string, text: string, rows: number | null): Promise<BundleFile> {
  const bytes = new TextEncoder().encode(text);
  return { name, bytes, sha256: toHex(await crypto.subtle.digest("SHA-256", bytes)), rows };
}

export function scopeOf(request: LegalRequest): Scope {
  return request.scopeKind === "account"
    ? { kind: "account", accountId: request.scopeAccountId! }
    : { kind: "ip", prefix: request.scopeIpPrefix!, low: request.scopeIpLow!, high: request.scopeIpHigh! };
}

/** Builds the bundle of an approved request's approved categories. Throws ScopeTooLargeError past the row cap. */
export async function buildDisclosureBundle(db: MainDb, input: { journal: JournalDb; kv: KVNamespace; request: LegalRequest; officer: Officer }, now: number): Promise<DisclosureBundle> {
  const { request } = input;
  const scope = scopeOf(request);
  const window = { from: request.windowFrom, to: request.windowTo };
  const approved = new Set(JSON.parse(request.approvedCategories ?? "[]") as ExportCategory[]);
  const accountIds =
    scope.kind === "account" ? [scope.accountId] : (await findAccountsUsingIp(input.journal, { low: scope.low, high: scope.high, ...window })).map((u) => u.accountId);
  const datasets: [ExportCategory, Row[]][] = [];
  for (const category of EXPORT_CATEGORY_IDS) {
    if (!approved.has(category)) continue;
    if (category === "account") datasets.push([category, await readAccounts(db, accountIds)]);
    if (category === "login_events") datasets.push([category, await readLoginEvents(db, { scope, accountIds, ...window })]);
    if (category === "request_journal") datasets.push([category, await readJournalInScope(input.journal, { scope, accountIds, ...window })]);
    if (category === "download_links") datasets.push([category, await readDownloadLinks(db, { kv: input.kv, scope, accountIds, ...window }, now)]);
  }
  const files: BundleFile[] = [];
  for (const [name, rows] of datasets) {
    files.push(await file(`${name}.json`, JSON.stringify(rows, null, 2) + "\n", rows.length));
    files.push(await file(`${name}.csv`, toCsv(rows), rows.length));
  }
  const manifest = {
    request: {
      id: request.id,
      authority: request.authority,
      legal_basis: request.legalBasis,
      reference: request.reference,
      received_at: new Date(request.receivedAt).toISOString(),
      scope: scope.kind === "account" ? { account_id: scope.accountId } : { ip_prefix: scope.prefix },
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), both_ends_included: true },
      status: request.status,
      approved_categories: [...approved],
    },
    generated_at: new Date(now).toISOString(),
    generated_by_account_id: input.officer.accountId,
    account_ids: accountIds,
    files: files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes.byteLength, rows: f.rows })),
    notes: [
      "Times are milliseconds since 1970-01-01 UTC. The JSON files are the reference copy; CSV cells are verbatim.",
      "No payment records are kept by this service version; none are included.",
    ],
  };
  const manifestFile = await file("manifest.json", JSON.stringify(manifest, null, 2) + "\n", null);
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const f of [manifestFile, ...files]) entries[f.name] = [f.bytes, { level: 0, mtime: new Date(Math.max(now, Date.UTC(1980, 0, 2))) }];
  return { files: [manifestFile, ...files], manifestSha256: manifestFile.sha256, accountIds, zip: zipSync(entries) };
}

export type ExportRefusal = "no_request" | "not_approved" | "not_recording_officer" | "already_exported";
export type ExportOutcome =
  | { kind: "done"; bundle: DisclosureBundle; filename: string; userNotified: boolean }
  | { kind: "refused"; reason: ExportRefusal }
  | { kind: "too_large"; dataset: string };

/**
 * Exports an approved request once: only by the officer who recorded it (the approver authorized
 * it, and never handles the data: no one person both decides and receives). The claim (the
 * unique `legal_exports` row) and the audit row are one batch; a second download is refused and
 * audited. Tells the users concerned by mail, unless the request forbids it; records which.
 */
export async function exportLegalRequest(
  db: MainDb,
  input: { officer: Officer; requestId: number; journal: JournalDb; kv: KVNamespace; outbox: Outbox },
  now: number,
): Promise<ExportOutcome> {
  const { officer, requestId } = input;
  const subject = `request:${requestId}`;
  const request = await findLegalRequest(db, requestId);
  let refusal: ExportRefusal | null = null;
  if (!request) refusal = "no_request";
  else if (request.status !== "approved" && request.status !== "partly_approved") refusal = "not_approved";
  else if (request.recordedBy !== officer.accountId) refusal = "not_recording_officer";
  else if (request.export) refusal = "already_exported";
  if (refusal || !request) {
    await auditRefusal(db, { officer, action: "export_request", subject, reason: refusal ?? "no_request" }, now);
    return { kind: "refused", reason: refusal ?? "no_request" };
  }
  let bundle: DisclosureBundle;
  try {
    bundle = await buildDisclosureBundle(db, { journal: input.journal, kv: input.kv, request, officer }, now);
  } catch (error) {
    if (error instanceof ScopeTooLargeError) return { kind: "too_large", dataset: error.dataset };
    throw error;
  }
  const notify = !request.notificationForbidden && bundle.accountIds.length > 0;
  const notificationNote = request.notificationForbidden ? "forbidden by the request" : bundle.accountIds.length === 0 ? "no account concerned" : `mailed to ${bundle.accountIds.length} account(s)`;
  const fileHashes = Object.fromEntries(bundle.files.map((f) => [f.name, f.sha256]));
  try {
    await appendAudit(
      db,
      {
        entry: {
          actorAccountId: officer.accountId,
          actorRole: officer.role,
          action: "export_request",
          outcome: "done",
          subject,
          details: { manifest_sha256: bundle.manifestSha256, files: fileHashes, account_ids: bundle.accountIds, user_notified: notify },
        },
        with: [
          db.insert(legalExports).values({
            requestId,
            exportedBy: officer.accountId,
            exportedAt: now,
            manifestSha256: bundle.manifestSha256,
            fileHashes: canonicalJson(fileHashes),
            accountIds: JSON.stringify(bundle.accountIds),
            accountsDisclosed: bundle.accountIds.length,
            userNotified: notify,
            notificationNote,
          }),
        ],
      },
      now,
    );
  } catch (error) {
    // Two downloads at once: the other one claimed this approval first.
    if (uniqueConflictOf(error) !== "legal_exports.request_id") throw error;
    await auditRefusal(db, { officer, action: "export_request", subject, reason: "already_exported" }, now);
    return { kind: "refused", reason: "already_exported" };
  }
  if (notify) {
    // A closed account's owner is told too, at the address its deletion kept (no locale is kept: French, the site's default).
    const [live, closed] = await db.batch([
      db.select({ email: accounts.email, locale: accounts.locale }).from(accounts).where(inArray(accounts.id, bundle.accountIds)),
      db.select({ email: closedAccounts.email, locale: sql<string>`'fr'` }).from(closedAccounts).where(inArray(closedAccounts.accountId, bundle.accountIds)),
    ]);
    for (const r of [...live, ...closed]) await input.outbox.send(legalDisclosureMail(r.locale === "en" ? "en" : "fr", r.email, request.legalBasis, request.reference));
  }
  return { kind: "done", bundle, filename: `relais-disclosure-${requestId}-${bundle.manifestSha256.slice(0, 12)}.zip`, userNotified: notify };
}
