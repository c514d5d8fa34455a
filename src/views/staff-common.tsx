/** Pieces shared by the staff pages: their navigation, field error texts, UTC times. */
import { SHA256_HEX_LENGTH } from "../lib/crypto";
import type { Language } from "../lib/language";

const NAV = {
  fr: { label: "Pages du personnel", requests: "Demandes", holds: "Gels", audit: "Journal d'audit", roles: "Rôles" },
  en: { label: "Staff pages", requests: "Requests", holds: "Holds", audit: "Audit log", roles: "Roles" },
} as const;

export function StaffNav(props: { language: Language; role: string; current: string }) {
  const t = NAV[props.language];
  const items = [
    ...(props.role === "legal" ? [["/staff/requests", t.requests], ["/staff/holds", t.holds]] : []),
    ["/staff/audit", t.audit],
    ...(props.role === "admin" ? [["/staff/roles", t.roles]] : []),
  ] as [string, string][];
  return (
    <nav aria-label={t.label} class="staff-nav">
      <ul>
        {items.map(([href, label]) => (
          <li>
            <a href={href} aria-current={href === props.current ? "page" : undefined}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What each field error key says. */
export const FIELD_ERRORS: Record<string, Record<Language, string>> = {
  missing: { fr: "Champ obligatoire.", en: "Required." },
  too_long: { fr: "Trop long.", en: "Too long." },
  bad_date: { fr: "Date invalide (AAAA-MM-JJ).", en: "Invalid date (YYYY-MM-DD)." },
  bad_time: { fr: "Instant invalide (AAAA-MM-JJTHH:MM, UTC).", en: "Invalid time (YYYY-MM-DDTHH:MM, UTC)." },
  unknown_legal_basis: { fr: "Fondement juridique inconnu : seuls ceux de la liste sont acceptés.", en: "Unknown legal basis: only those listed are accepted." },
  bad_scope: { fr: "Choisissez un compte ou une adresse IP.", en: "Choose an account or an IP address." },
  bad_account: { fr: "Adresse e-mail ou numéro de compte attendu.", en: "An email address or account number is expected." },
  unknown_account: { fr: "Aucun compte ne correspond.", en: "No account matches." },
  malformed_ip_prefix: { fr: "Adresse ou préfixe IP mal formé (ex. 203.0.113.9, 203.0.113.0/24, 2001:db8::/48).", en: "Malformed IP address or prefix (e.g. 203.0.113.9, 203.0.113.0/24, 2001:db8::/48)." },
  ip_prefix_host_bits: { fr: "Le préfixe a des bits d'hôte : écrivez l'adresse de réseau (ex. 203.0.113.0/24).", en: "The prefix has host bits set: write the network address (e.g. 203.0.113.0/24)." },
  ip_prefix_too_wide: { fr: "Préfixe trop large pour une demande ciblée.", en: "Prefix too wide for a targeted request." },
  window_reversed: { fr: "La fin précède le début.", en: "The end comes before the start." },
  window_too_long: { fr: "La période dépasse un an.", en: "The period exceeds one year." },
  window_required: { fr: "Une période est obligatoire pour une adresse IP.", en: "A period is required for an IP address." },
  bad_document_hash: { fr: `Empreinte SHA-256 attendue (${SHA256_HEX_LENGTH} caractères hexadécimaux).`, en: `A SHA-256 hash is expected (${SHA256_HEX_LENGTH} hexadecimal characters).` },
  no_category: { fr: "Cochez au moins une catégorie.", en: "Tick at least one category." },
  bad_decision: { fr: "Décision inconnue.", en: "Unknown decision." },
  bad_hold_kind: { fr: "Type de gel inconnu.", en: "Unknown kind of hold." },
  bad_request_id: { fr: "Numéro de demande invalide.", en: "Invalid request number." },
  unknown_request: { fr: "Aucune demande ne porte ce numéro.", en: "No request has this number." },
  ip_categories_only: { fr: "Un gel par adresse IP ne garde que le journal des requêtes.", en: "A hold by IP address keeps the request journal only." },
  invalid_email: { fr: "Adresse e-mail invalide.", en: "Invalid email address." },
  bad_role: { fr: "Rôle inconnu.", en: "Unknown role." },
  partial_needs_reason: { fr: "Une approbation partielle doit être motivée.", en: "A partial approval needs a reason." },
};

export function FieldError(props: { language: Language; name: string; errors?: Record<string, string> }) {
  const key = props.errors?.[props.name];
  if (!key) return null;
  return (
    <span id={`field-${props.name}-error`} class="error-text" data-error-for={props.name} data-error-key={key}>
      {FIELD_ERRORS[key]?.[props.language] ?? key}
    </span>
  );
}

/** `2027-03-01 10:00 UTC` */
export function formatUtc(at: number | null | undefined): string {
  if (at === null || at === undefined) return "—";
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function rawText(raw: Record<string, unknown> | undefined, name: string): string {
  const value = raw?.[name];
  return typeof value === "string" ? value : "";
}
