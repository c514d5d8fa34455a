/** The audit log's state: the chain checked now, the last daily check, and the latest rows. */
import type { AuditRow, ChainCheck } from "../audit/chain";
import type { AuditHeadRecord } from "../audit/daily-check";
import type { Language } from "../lib/language";
import { formatUtc, StaffNav } from "./staff-common";

const TEXT = {
  fr: {
    title: "Journal d'audit", chain: "Chaîne vérifiée à l'instant :", valid: "Chaîne valide", broken: "Chaîne rompue", rows: "lignes", head: "Tête :", badRow: "Première ligne fautive :",
    daily: "Dernière vérification quotidienne :", never: "jamais", recorded: "tête enregistrée hors de la base :", latest: "Dernières actions",
    colSeq: "N°", colAt: "Date", colActor: "Compte (rôle)", colAction: "Action", colOutcome: "Issue", colSubject: "Objet", colDetails: "Détails",
  },
  en: {
    title: "Audit log", chain: "Chain checked just now:", valid: "Chain valid", broken: "Chain broken", rows: "rows", head: "Head:", badRow: "First bad row:",
    daily: "Last daily check:", never: "never", recorded: "head recorded outside the database:", latest: "Latest actions",
    colSeq: "#", colAt: "Time", colActor: "Account (role)", colAction: "Action", colOutcome: "Outcome", colSubject: "Subject", colDetails: "Details",
  },
} as const;
export { TEXT as STAFF_AUDIT_TEXT };

export function StaffAuditPage(props: { language: Language; role: string; check: ChainCheck; daily: AuditHeadRecord | null; rows: AuditRow[] }) {
  const t = TEXT[props.language];
  const { check, daily } = props;
  return (
    <>
      <StaffNav language={props.language} role={props.role} current="/staff/audit" />
      <h1>{t.title}</h1>
      <section class="card">
        <p>
          {t.chain} <strong data-testid="chain-state" data-valid={String(check.valid)}>{check.valid ? t.valid : t.broken}</strong> ({check.rows} {t.rows})
        </p>
        {check.valid ? <p>{t.head} <span class="mono" data-testid="head-hash">{check.headSeq ?? 0} · {check.headHash}</span></p> : <p>{t.badRow} <strong data-testid="bad-row">{check.badSeq}</strong> ({check.reason})</p>}
        <p>
          {t.daily} {daily ? <>{formatUtc(daily.checkedAt)} — {daily.valid ? t.valid : `${t.broken} (${daily.badSeq})`}, {t.recorded} <span class="mono">{daily.headSeq ?? 0} · {daily.headHash ?? "—"}</span></> : t.never}
        </p>
      </section>
      <h2>{t.latest}</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">{t.colSeq}</th><th scope="col">{t.colAt}</th><th scope="col">{t.colActor}</th><th scope="col">{t.colAction}</th><th scope="col">{t.colOutcome}</th><th scope="col">{t.colSubject}</th><th scope="col">{t.colDetails}</th></tr></thead>
          <tbody>
            {props.rows.map((r) => (
              <tr data-seq={String(r.seq)}>
                <td>{r.seq}</td><td>{formatUtc(r.at)}</td><td>{r.actorAccountId ?? "—"} ({r.actorRole})</td><td>{r.action}</td><td data-outcome={r.outcome}>{r.outcome}</td><td>{r.subject}</td><td class="mono">{r.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
