/** The legal request register: the requests received, and the form to record one. */
import { LEGAL_SCOPE_MAX_WINDOW_MS } from "../config";
import { EXPORT_CATEGORIES, EXPORT_CATEGORY_IDS, LEGAL_BASES, LEGAL_BASIS_IDS } from "../legal/categories";
import type { LegalRequest } from "../legal/requests";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import { formatUtcDay } from "../lib/time";
import { Notice } from "./form";
import { FieldError, rawText, StaffNav } from "./staff-common";

export const STATUS_TEXT = {
  fr: { pending: "en attente du second avis", approved: "approuvée", partly_approved: "approuvée en partie", refused: "refusée" },
  en: { pending: "awaiting the second officer", approved: "approved", partly_approved: "partly approved", refused: "refused" },
} as const;

const TEXT = {
  fr: {
    title: "Demandes des autorités", listTitle: "Registre", none: "Aucune demande enregistrée.", colRef: "Référence", colAuthority: "Autorité", colBasis: "Fondement", colReceived: "Reçue le", colStatus: "État",
    formTitle: "Enregistrer une demande reçue", authority: "Autorité requérante", basis: "Fondement juridique", reference: "Référence de la demande", received: "Reçue le (AAAA-MM-JJ)", deadline: "Échéance (facultative)",
    scope: "Périmètre", scopeAccount: "Un compte", scopeIp: "Une adresse ou un préfixe IP", account: "Compte (adresse e-mail ou numéro)", ip: "Adresse ou préfixe IP (CIDR)",
    from: "Début de la période (UTC)", to: "Fin de la période (UTC, incluse)", windowNote: (d: string) => `La période couvre au plus ${d}.`,
    categories: "Données demandées", document: "Empreinte SHA-256 du document reçu", gag: "La demande interdit d'informer l'utilisateur", button: "Enregistrer la demande",
    fix: "La demande n'a pas été enregistrée : corrigez les champs signalés.",
  },
  en: {
    title: "Authorities' requests", listTitle: "Register", none: "No request recorded.", colRef: "Reference", colAuthority: "Authority", colBasis: "Legal basis", colReceived: "Received", colStatus: "Status",
    formTitle: "Record a request received", authority: "Requesting authority", basis: "Legal basis", reference: "Request reference", received: "Received on (YYYY-MM-DD)", deadline: "Deadline (optional)",
    scope: "Scope", scopeAccount: "An account", scopeIp: "An IP address or prefix", account: "Account (email address or number)", ip: "IP address or prefix (CIDR)",
    from: "Start of the period (UTC)", to: "End of the period (UTC, included)", windowNote: (d: string) => `The period spans at most ${d}.`,
    categories: "Data requested", document: "SHA-256 of the document received", gag: "The request forbids telling the user", button: "Record the request",
    fix: "The request was not recorded: correct the fields marked.",
  },
} as const;
export { TEXT as STAFF_REQUESTS_TEXT };

export type StaffRequestsPageProps = { language: Language; role: string; requests: LegalRequest[]; errors?: Record<string, string>; raw?: Record<string, unknown> };

export function StaffRequestsPage(props: StaffRequestsPageProps) {
  const t = TEXT[props.language];
  const lang = props.language;
  const raw = props.raw;
  const err = (name: string) => <FieldError language={lang} name={name} errors={props.errors} />;
  const scopeKind = rawText(raw, "scope_kind") || "account";
  return (
    <>
      <StaffNav language={lang} role={props.role} current="/staff/requests" />
      <h1>{t.title}</h1>
      {props.errors ? <Notice kind="error">{t.fix}</Notice> : null}
      <h2>{t.listTitle}</h2>
      {props.requests.length === 0 ? <p>{t.none}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t.colRef}</th><th scope="col">{t.colAuthority}</th><th scope="col">{t.colBasis}</th><th scope="col">{t.colReceived}</th><th scope="col">{t.colStatus}</th></tr></thead>
            <tbody>
              {props.requests.map((r) => (
                <tr data-request-id={String(r.id)}>
                  <td><a href={`/staff/requests/${r.id}`}>#{r.id} {r.reference}</a></td>
                  <td>{r.authority}</td>
                  <td>{LEGAL_BASES[r.legalBasis][lang]}</td>
                  <td>{formatUtcDay(r.receivedAt)}</td>
                  <td data-status={r.status}>{STATUS_TEXT[lang][r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="card">
        <h2>{t.formTitle}</h2>
        <form method="post" action="/staff/requests">
          <label for="field-authority">{t.authority}<input id="field-authority" name="authority" value={rawText(raw, "authority")} required />{err("authority")}</label>
          <label for="field-legal_basis">{t.basis}
            <select id="field-legal_basis" name="legal_basis">
              {LEGAL_BASIS_IDS.map((b) => <option value={b} selected={rawText(raw, "legal_basis") === b}>{LEGAL_BASES[b][lang]}</option>)}
            </select>
            {err("legal_basis")}
          </label>
          <label for="field-reference">{t.reference}<input id="field-reference" name="reference" value={rawText(raw, "reference")} required />{err("reference")}</label>
          <label for="field-received_on">{t.received}<input id="field-received_on" name="received_on" type="date" value={rawText(raw, "received_on")} required />{err("received_on")}</label>
          <label for="field-deadline_on">{t.deadline}<input id="field-deadline_on" name="deadline_on" type="date" value={rawText(raw, "deadline_on")} />{err("deadline_on")}</label>
          <fieldset>
            <legend>{t.scope}</legend>
            <label><input type="radio" name="scope_kind" value="account" checked={scopeKind === "account"} /> {t.scopeAccount}</label>
            <label><input type="radio" name="scope_kind" value="ip" checked={scopeKind === "ip"} /> {t.scopeIp}</label>
            {err("scope_kind")}
            <label for="field-account">{t.account}<input id="field-account" name="account" value={rawText(raw, "account")} />{err("account")}</label>
            <label for="field-ip_prefix">{t.ip}<input id="field-ip_prefix" name="ip_prefix" value={rawText(raw, "ip_prefix")} />{err("ip_prefix")}</label>
          </fieldset>
          <label for="field-window_from">{t.from}<input id="field-window_from" name="window_from" type="datetime-local" value={rawText(raw, "window_from")} required />{err("window_from")}</label>
          <label for="field-window_to">{t.to}<input id="field-window_to" name="window_to" type="datetime-local" value={rawText(raw, "window_to")} required />{err("window_to")}</label>
          <p class="muted">{t.windowNote(describeDuration(LEGAL_SCOPE_MAX_WINDOW_MS, lang))}</p>
          <fieldset>
            <legend>{t.categories}</legend>
            {EXPORT_CATEGORY_IDS.map((c) => (
              <label><input type="checkbox" name={`category_${c}`} value="on" checked={rawText(raw, `category_${c}`) !== ""} /> {EXPORT_CATEGORIES[c][lang]}</label>
            ))}
            {err("category_account")}
          </fieldset>
          <label for="field-document_sha256">{t.document}<input id="field-document_sha256" name="document_sha256" value={rawText(raw, "document_sha256")} class="mono" required />{err("document_sha256")}</label>
          <label><input type="checkbox" name="notification_forbidden" value="on" checked={rawText(raw, "notification_forbidden") !== ""} /> {t.gag}</label>
          <button type="submit">{t.button}</button>
        </form>
      </section>
    </>
  );
}
