/** The transparency report: per half-year, requests received by kind and what became of them, from the register. */
import { LEGAL_BASES, LEGAL_BASIS_IDS } from "../legal/categories";
import type { HalfYearFigures } from "../legal/transparency";
import type { Language } from "../lib/language";

const TEXT = {
  fr: {
    title: "Rapport de transparence",
    intro: "Chaque demande de données reçue d'une autorité est enregistrée dans un registre, vérifiée puis décidée par deux responsables distincts, et chaque action est inscrite dans un journal d'audit chaîné. Les chiffres ci-dessous sont calculés à partir de ce registre, jamais saisis à la main ; ils sont publiés par semestre (dates de réception, UTC).",
    none: "Aucune demande reçue à ce jour.", half: (y: string, h: string) => `${h === "1" ? "1er" : "2d"} semestre ${y}`,
    received: "Demandes reçues", complied: "Satisfaites", partly: "Satisfaites en partie", refused: "Refusées", pending: "En cours d'examen", accounts: "Comptes concernés par une communication",
    byKind: "Par fondement",
  },
  en: {
    title: "Transparency report",
    intro: "Every request for data received from an authority is recorded in a register, checked and then decided by two different officers, and every action is written to a hash-chained audit log. The figures below are computed from that register, never typed by hand; they are published per half-year (dates received, UTC).",
    none: "No request received to date.", half: (y: string, h: string) => `${h === "1" ? "First" : "Second"} half of ${y}`,
    received: "Requests received", complied: "Complied with", partly: "Partly complied with", refused: "Refused", pending: "Under review", accounts: "Accounts whose data was disclosed",
    byKind: "By legal basis",
  },
} as const;
export { TEXT as TRANSPARENCY_TEXT };

export function TransparencyPage(props: { language: Language; report: HalfYearFigures[] }) {
  const t = TEXT[props.language];
  const lang = props.language;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.report.length === 0 ? <p>{t.none}</p> : null}
      {props.report.map((f) => {
        const [year = "", half = ""] = f.period.split("-H");
        return (
          <section class="card" data-period={f.period}>
            <h2>{t.half(year, half)}</h2>
            <table>
              <tbody>
                <tr><th scope="row">{t.received}</th><td data-figure="received">{f.received}</td></tr>
                <tr><th scope="row">{t.complied}</th><td data-figure="complied">{f.complied}</td></tr>
                <tr><th scope="row">{t.partly}</th><td data-figure="partly">{f.partly}</td></tr>
                <tr><th scope="row">{t.refused}</th><td data-figure="refused">{f.refused}</td></tr>
                <tr><th scope="row">{t.pending}</th><td data-figure="pending">{f.pending}</td></tr>
                <tr><th scope="row">{t.accounts}</th><td data-figure="accounts">{f.accountsAffected}</td></tr>
              </tbody>
            </table>
            <h3>{t.byKind}</h3>
            <table>
              <tbody>
                {LEGAL_BASIS_IDS.map((b) => <tr><th scope="row">{LEGAL_BASES[b][lang]}</th><td data-basis={b}>{f.byBasis[b]}</td></tr>)}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
