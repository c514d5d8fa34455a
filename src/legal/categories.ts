/** The closed lists of the legal procedure: legal bases, the data a disclosure may hold, what a hold may keep. */
import type { Localized } from "../lib/language";
import { isHoldable } from "../retention/holds";
import { RETENTION_CATEGORIES, type RetentionCategory } from "../retention/policy";

/** The legal bases Relais accepts (security-and-privacy.md §7); anything else is refused at recording. */
export const LEGAL_BASES = {
  fr_judicial_requisition: { fr: "Réquisition judiciaire française", en: "French judicial requisition" },
  eu_production_order: { fr: "Injonction européenne de production", en: "EU production order" },
  eu_preservation_order: { fr: "Injonction européenne de conservation", en: "EU preservation order" },
  mutual_legal_assistance: { fr: "Entraide judiciaire internationale", en: "Mutual legal assistance" },
  own_legal_claim: { fr: "Défense de nos droits en justice", en: "Our own legal claim" },
} as const satisfies Record<string, Localized>;
export type LegalBasis = keyof typeof LEGAL_BASES;
export const LEGAL_BASIS_IDS = Object.keys(LEGAL_BASES) as LegalBasis[];

/**
 * What a disclosure bundle may hold, each asked for and approved separately (the minimum in scope).
 * Payment records join this list once payments are recorded.
 */
export const EXPORT_CATEGORIES = {
  account: { fr: "Données du compte (adresse e-mail, inscription)", en: "Account data (email address, sign-up)" },
  login_events: { fr: "Connexions", en: "Login events" },
  request_journal: { fr: "Journal des requêtes", en: "Request journal" },
  download_links: { fr: "Liens encore conservés", en: "Links still retained" },
} as const satisfies Record<string, Localized>;
export type ExportCategory = keyof typeof EXPORT_CATEGORIES;
export const EXPORT_CATEGORY_IDS = Object.keys(EXPORT_CATEGORIES) as ExportCategory[];

/** Retention categories a hold on an account may keep: those whose rows name their account. */
const CATEGORIES: readonly RetentionCategory[] = RETENTION_CATEGORIES;
export const HOLDABLE_CATEGORY_IDS: string[] = CATEGORIES.filter((c) => isHoldable(c.sweep)).map((c) => c.id);
/** Retention categories a hold by IP prefix and time window may keep: those whose rows carry the IP's key. */
export const IP_HOLDABLE_CATEGORY_IDS: string[] = CATEGORIES.filter((c) => isHoldable(c.sweep) && Boolean(c.sweep.ipKeyColumn)).map((c) => c.id);

export type StaffRole = "legal" | "admin";
/** Who acts: the staff member's account and role, as the audit log records them. */
export type Officer = { accountId: number; role: StaffRole | "user" };

export type Scope =
  | { kind: "account"; accountId: number }
  | { kind: "ip"; prefix: string; low: string; high: string };
