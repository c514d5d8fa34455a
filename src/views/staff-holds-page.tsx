/** Legal holds: those in force and past, and the form to place one. */
import { PRESERVATION_ORDER_EXTENSION_MS, PRESERVATION_ORDER_LIFETIME_MS } from "../config";
import { HOLDABLE_CATEGORY_IDS } from "../legal/categories";
import { isHoldLive, type LegalHold } from "../legal/holds";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import { formatUtcDay } from "../lib/time";
import { findRetentionCategory, type RetentionCategoryId } from "../retention/policy";
import { Notice } from "./form";
import { FieldError, formatUtc, rawText, StaffNav } from "./staff-common";

const TEXT = {
  fr: {
    title: "Gels conservatoires", none: "Aucun gel.", colScope: "Périmètre", colKind: "Type", colCategories: "Données gelées", colReference: "Référence", colDates: "Posé / revue / fin", colState: "État",
    live: "en vigueur", released: "levé", expired: "échu", preservation: "Injonction de conservation", litigation: "Contentieux", extend: (d: string) => `Prolonger de ${d}`, release: "Lever",
    formTitle: "Poser un gel", kind: "Type", kindNote: (a: string, b: string) => `Une injonction de conservation dure ${a}, prolongeable une fois de ${b} ; un gel pour contentieux dure jusqu'à sa levée.`,
    scopeAccount: "Un compte", scopeIp: "Une adresse ou un préfixe IP et une période", account: "Compte (adresse e-mail ou numéro)", ip: "Adresse ou préfixe IP (CIDR)", from: "Début (UTC)", to: "Fin (UTC, incluse)",
    categories: "Données à conserver", reference: "Référence (obligatoire)", review: "Date de revue (AAAA-MM-JJ)", request: "Demande liée (numéro, facultatif)", button: "Poser le gel",
    fix: "Le gel n'a pas été posé : corrigez les champs signalés.",
  },
  en: {
    title: "Legal holds", none: "No hold.", colScope: "Scope", colKind: "Kind", colCategories: "Data held", colReference: "Reference", colDates: "Placed / review / end", colState: "State",
    live: "in force", released: "released", expired: "ended", preservation: "Preservation order", litigation: "Litigation", extend: (d: string) => `Extend by ${d}`, release: "Release",
    formTitle: "Place a hold", kind: "Kind", kindNote: (a: string, b: string) => `A preservation order lasts ${a}, extendable once by ${b}; a litigation hold lasts until released.`,
    scopeAccount: "An account", scopeIp: "An IP address or prefix and a period", account: "Account (email address or number)", ip: "IP address or prefix (CIDR)", from: "Start (UTC)", to: "End (UTC, included)",
    categories: "Data to keep", reference: "Reference (required)", review: "Review date (YYYY-MM-DD)", request: "Related request (number, optional)", button: "Place the hold",
    fix: "The hold was not placed: correct the fields marked.",
  },
} as const;
export { TEXT as STAFF_HOLDS_TEXT };

export type StaffHoldsPageProps = { language: Language; role: string; now: number; holds: LegalHold[]; notice?: string; error?: string; errors?: Record<string, string>; raw?: Record<string, unknown> };

export function StaffHoldsPage(props: StaffHoldsPageProps) {
  const t = TEXT[props.language];
  const lang = props.language;
  const raw = props.raw;
  const err = (name: string) => <FieldError language={lang} name={name} errors={props.errors} />;
  const label = (id: string) => findRetentionCategory(id as RetentionCategoryId).data[lang];
  return (
    <>
      <StaffNav language={lang} role={props.role} current="/staff/holds" />
      <h1>{t.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      {props.errors ? <Notice kind="error">{t.fix}</Notice> : null}
      {props.holds.length === 0 ? <p>{t.none}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t.colScope}</th><th scope="col">{t.colKind}</th><th scope="col">{t.colCategories}</th><th scope="col">{t.colReference}</th><th scope="col">{t.colDates}</th><th scope="col">{t.colState}</th></tr></thead>
            <tbody>
              {props.holds.map((h) => {
                const live = isHoldLive(h, props.now);
                return (
                  <tr data-hold-id={String(h.id)}>
                    <td>{h.scopeKind === "account" ? `#${h.accountId}` : `${h.ipPrefix} (${formatUtc(h.windowFrom)} → ${formatUtc(h.windowTo)})`}</td>
                    <td>{h.kind === "preservation_order" ? t.preservation : t.litigation}</td>
                    <td>{(JSON.parse(h.categories) as string[]).map(label).join(" ; ")}</td>
                    <td>{h.reference}</td>
                    <td>{formatUtcDay(h.placedAt)} / {formatUtcDay(h.reviewAt)} / {h.expiresAt ? formatUtcDay(h.expiresAt) : "—"}</td>
                    <td data-state={live ? "live" : h.releasedAt ? "released" : "expired"}>
                      {live ? t.live : h.releasedAt ? t.released : t.expired}
                      {live && h.kind === "preservation_order" && h.extendedAt === null ? (
                        <form method="post" action={`/staff/holds/${h.id}/extend`}><button type="submit" class="secondary">{t.extend(describeDuration(PRESERVATION_ORDER_EXTENSION_MS, lang))}</button></form>
                      ) : null}
                      {live ? <form method="post" action={`/staff/holds/${h.id}/release`}><button type="submit" class="danger">{t.release}</button></form> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <section class="card">
        <h2>{t.formTitle}</h2>
        <form method="post" action="/staff/holds">
          <label for="field-kind">{t.kind}
            <select id="field-kind" name="kind">
              <option value="preservation_order" selected={rawText(raw, "kind") !== "litigation"}>{t.preservation}</option>
              <option value="litigation" selected={rawText(raw, "kind") === "litigation"}>{t.litigation}</option>
            </select>
            {err("kind")}
          </label>
          <p class="muted">{t.kindNote(describeDuration(PRESERVATION_ORDER_LIFETIME_MS, lang), describeDuration(PRESERVATION_ORDER_EXTENSION_MS, lang))}</p>
          <fieldset>
            <label><input type="radio" name="scope_kind" value="account" checked={rawText(raw, "scope_kind") !== "ip"} /> {t.scopeAccount}</label>
            <label><input type="radio" name="scope_kind" value="ip" checked={rawText(raw, "scope_kind") === "ip"} /> {t.scopeIp}</label>
            <label for="field-account">{t.account}<input id="field-account" name="account" value={rawText(raw, "account")} />{err("account")}</label>
            <label for="field-ip_prefix">{t.ip}<input id="field-ip_prefix" name="ip_prefix" value={rawText(raw, "ip_prefix")} />{err("ip_prefix")}</label>
            <label for="field-window_from">{t.from}<input id="field-window_from" name="window_from" type="datetime-local" value={rawText(raw, "window_from")} />{err("window_from")}</label>
            <label for="field-window_to">{t.to}<input id="field-window_to" name="window_to" type="datetime-local" value={rawText(raw, "window_to")} />{err("window_to")}</label>
          </fieldset>
          <fieldset>
            <legend>{t.categories}</legend>
            {HOLDABLE_CATEGORY_IDS.map((id) => <label><input type="checkbox" name={`hold_${id}`} value="on" checked={rawText(raw, `hold_${id}`) !== ""} /> {label(id)}</label>)}
            {err(`hold_${HOLDABLE_CATEGORY_IDS[0]}`)}
          </fieldset>
          <label for="field-reference">{t.reference}<input id="field-reference" name="reference" value={rawText(raw, "reference")} />{err("reference")}</label>
          <label for="field-review_on">{t.review}<input id="field-review_on" name="review_on" type="date" value={rawText(raw, "review_on")} />{err("review_on")}</label>
          <label for="field-request_id">{t.request}<input id="field-request_id" name="request_id" value={rawText(raw, "request_id")} />{err("request_id")}</label>
          <button type="submit">{t.button}</button>
        </form>
      </section>
    </>
  );
}
