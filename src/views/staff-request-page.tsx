/** One legal request: what was asked, the second officer's decision, the export and what it held. */
import { EXPORT_CATEGORIES, EXPORT_CATEGORY_IDS, LEGAL_BASES, type ExportCategory } from "../legal/categories";
import type { LegalExportRecord, LegalRequest } from "../legal/requests";
import type { Language } from "../lib/language";
import { formatUtcDay } from "../lib/time";
import { Notice } from "./form";
import { FieldError, formatUtc, StaffNav } from "./staff-common";
import { STATUS_TEXT } from "./staff-requests-page";

const TEXT = {
  fr: {
    title: (id: number) => `Demande n° ${id}`, authority: "Autorité :", basis: "Fondement :", reference: "Référence :", received: "Reçue le :", deadline: "Échéance :",
    scope: "Périmètre :", account: "compte n°", ip: "adresse IP", window: "Période :", asked: "Données demandées :", document: "Empreinte du document :",
    gag: "Information de l'utilisateur :", gagYes: "interdite par la demande", gagNo: "oui, à l'export", status: "État :", recordedBy: "Enregistrée par le compte n°", decidedBy: "Décidée par le compte n°", reason: "Motif :", approved: "Données approuvées :",
    decideTitle: "Décision (second responsable)", decideNote: "Vérifiez l'authenticité de la demande par un canal officiel. Décochez ce qui dépasse le minimum nécessaire : l'approbation devient partielle et doit être motivée.",
    approve: "Approuver", refuse: "Refuser", reasonLabel: "Motif (obligatoire pour un refus ou une approbation partielle)", decideButton: "Enregistrer la décision",
    ownRequest: "Vous avez enregistré cette demande : un autre responsable doit la décider.",
    exportTitle: "Export", exportButton: "Télécharger l'export (une seule fois)", exportOnly: "Seul le responsable qui a enregistré la demande télécharge l'export, une seule fois.",
    exported: "Exporté le", manifest: "Empreinte du manifeste :", notified: "Utilisateur informé :", yes: "oui", no: "non", accounts: "Comptes concernés :",
  },
  en: {
    title: (id: number) => `Request #${id}`, authority: "Authority:", basis: "Legal basis:", reference: "Reference:", received: "Received:", deadline: "Deadline:",
    scope: "Scope:", account: "account #", ip: "IP address", window: "Period:", asked: "Data requested:", document: "Document hash:",
    gag: "Telling the user:", gagYes: "forbidden by the request", gagNo: "yes, at export", status: "Status:", recordedBy: "Recorded by account #", decidedBy: "Decided by account #", reason: "Reason:", approved: "Data approved:",
    decideTitle: "Decision (second officer)", decideNote: "Check the request's authenticity through an official channel. Untick what goes beyond the minimum needed: the approval becomes partial and needs a reason.",
    approve: "Approve", refuse: "Refuse", reasonLabel: "Reason (required for a refusal or a partial approval)", decideButton: "Record the decision",
    ownRequest: "You recorded this request: another officer must decide it.",
    exportTitle: "Export", exportButton: "Download the export (once)", exportOnly: "Only the officer who recorded the request downloads the export, once.",
    exported: "Exported on", manifest: "Manifest hash:", notified: "User told:", yes: "yes", no: "no", accounts: "Accounts concerned:",
  },
} as const;
export { TEXT as STAFF_REQUEST_TEXT };

export type StaffRequestPageProps = {
  language: Language;
  role: string;
  viewerId: number;
  request: LegalRequest & { export: LegalExportRecord | null };
  notice?: string;
  error?: string;
  errors?: Record<string, string>;
};

export function StaffRequestPage(props: StaffRequestPageProps) {
  const t = TEXT[props.language];
  const lang = props.language;
  const r = props.request;
  const asked = JSON.parse(r.categories) as ExportCategory[];
  const approved = r.approvedCategories ? (JSON.parse(r.approvedCategories) as ExportCategory[]) : [];
  const names = (list: ExportCategory[]) => list.map((c) => EXPORT_CATEGORIES[c][lang]).join(", ") || "—";
  const canDecide = r.status === "pending" && r.recordedBy !== props.viewerId;
  const canExport = (r.status === "approved" || r.status === "partly_approved") && !r.export && r.recordedBy === props.viewerId;
  return (
    <>
      <StaffNav language={lang} role={props.role} current="/staff/requests" />
      <h1>{t.title(r.id)}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <dl class="card">
        <dt>{t.authority}</dt><dd>{r.authority}</dd>
        <dt>{t.basis}</dt><dd>{LEGAL_BASES[r.legalBasis][lang]}</dd>
        <dt>{t.reference}</dt><dd>{r.reference}</dd>
        <dt>{t.received}</dt><dd>{formatUtcDay(r.receivedAt)}</dd>
        <dt>{t.deadline}</dt><dd>{r.deadlineAt ? formatUtcDay(r.deadlineAt) : "—"}</dd>
        <dt>{t.scope}</dt><dd>{r.scopeKind === "account" ? `${t.account}${r.scopeAccountId}` : `${t.ip} ${r.scopeIpPrefix}`}</dd>
        <dt>{t.window}</dt><dd>{formatUtc(r.windowFrom)} → {formatUtc(r.windowTo)}</dd>
        <dt>{t.asked}</dt><dd>{names(asked)}</dd>
        <dt>{t.document}</dt><dd class="mono">{r.documentSha256}</dd>
        <dt>{t.gag}</dt><dd>{r.notificationForbidden ? t.gagYes : t.gagNo}</dd>
        <dt>{t.recordedBy}</dt><dd>{r.recordedBy}, {formatUtc(r.recordedAt)}</dd>
        <dt>{t.status}</dt><dd data-testid="request-status" data-status={r.status}>{STATUS_TEXT[lang][r.status]}</dd>
        {r.decidedBy !== null ? <><dt>{t.decidedBy}</dt><dd>{r.decidedBy}, {formatUtc(r.decidedAt)}</dd></> : null}
        {r.decisionReason ? <><dt>{t.reason}</dt><dd>{r.decisionReason}</dd></> : null}
        {r.status === "approved" || r.status === "partly_approved" ? <><dt>{t.approved}</dt><dd>{names(approved)}</dd></> : null}
      </dl>
      {r.status === "pending" ? (
        <section class="card">
          <h2>{t.decideTitle}</h2>
          {canDecide ? (
            <form method="post" action={`/staff/requests/${r.id}/decision`}>
              <p class="muted">{t.decideNote}</p>
              <fieldset>
                {EXPORT_CATEGORY_IDS.filter((c) => asked.includes(c)).map((c) => (
                  <label><input type="checkbox" name={`category_${c}`} value="on" checked /> {EXPORT_CATEGORIES[c][lang]}</label>
                ))}
              </fieldset>
              <label><input type="radio" name="decision" value="approve" checked /> {t.approve}</label>
              <label><input type="radio" name="decision" value="refuse" /> {t.refuse}</label>
              <label for="field-reason">{t.reasonLabel}<textarea id="field-reason" name="reason"></textarea><FieldError language={lang} name="reason" errors={props.errors} /></label>
              <button type="submit">{t.decideButton}</button>
            </form>
          ) : <p>{t.ownRequest}</p>}
        </section>
      ) : null}
      {r.status === "approved" || r.status === "partly_approved" ? (
        <section class="card">
          <h2>{t.exportTitle}</h2>
          {r.export ? (
            <dl data-testid="export-record">
              <dt>{t.exported}</dt><dd>{formatUtc(r.export.exportedAt)}</dd>
              <dt>{t.manifest}</dt><dd class="mono" data-testid="manifest-sha256">{r.export.manifestSha256}</dd>
              <dt>{t.accounts}</dt><dd>{r.export.accountsDisclosed}</dd>
              <dt>{t.notified}</dt><dd data-testid="user-notified">{r.export.userNotified ? t.yes : t.no} ({r.export.notificationNote})</dd>
            </dl>
          ) : canExport ? (
            <form method="post" action={`/staff/requests/${r.id}/export`}>
              <button type="submit">{t.exportButton}</button>
            </form>
          ) : null}
          <p class="muted">{t.exportOnly}</p>
        </section>
      ) : null}
    </>
  );
}
