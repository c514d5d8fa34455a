/**
 * The versions of the privacy policy: number, date, what changed, and what each showed. The current
 * version renders the live policy (the retention module and the privacy page's text); an earlier one
 * renders the content frozen when the next was added, so it reads exactly as it did. The SHA-256 of
 * what each version shows is recorded here: a test fails when the live policy no longer matches the
 * current version's hash (the policy changed: add a version) or a frozen one no longer matches its own.
 */
import { canonicalJson } from "../audit/chain";
import { sha256Hex } from "../lib/crypto";
import type { Language, Localized } from "../lib/language";

export type PolicyLink = { href: string; label: string };
export type PolicySection = { id: string; title: string; paragraphs: string[]; links: PolicyLink[] };
export type PolicyTableRow = { id: string; data: string; purpose: string; period: string; periodMs: number | null };
/** What one language of one version shows, word for word. */
export type PolicyDocument = {
  title: string;
  intro: string;
  tableTitle: string;
  caption: string;
  columns: { data: string; purpose: string; period: string };
  rows: PolicyTableRow[];
  sections: PolicySection[];
};
export type PolicyContent = Record<Language, PolicyDocument>;

export type PolicyVersion = {
  /** 1, 2, 3…: the stable address is /privacy/versions/<number>. */
  number: number;
  /** The day it came into force, YYYY-MM-DD (UTC). */
  publishedOn: string;
  /** What changed from the previous version, as the notice shows it. */
  changes: Localized;
  /** SHA-256 (hex) of the canonical JSON of what it shows (`policyContentSha256`). */
  sha256: string;
  /** What it showed, frozen when the next version was added; absent only for the current version. */
  frozen?: PolicyContent;
};

/**
 * Every version, oldest first. To publish a change: freeze the current version's content (the
 * policy-versions test prints it, with its hash) into its `frozen` field, then add the next version
 * with its date, its changes and the hash the test prints for the new live content.
 */
export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    number: 1,
    publishedOn: "2026-11-30",
    changes: {
      fr: "Première version numérotée. Vous pouvez désormais voir toutes les données que nous gardons sur vous avec la date où chacune sera effacée, les télécharger en un fichier, et supprimer votre compte vous-même ; la politique dit ce que la suppression garde, pourquoi et combien de temps. Chaque version reste lisible à sa propre adresse.",
      en: "First numbered version. You can now see all the data we keep about you with the date each item will be erased, download it in one file, and delete your account yourself; the policy says what deletion keeps, why and for how long. Each version stays readable at its own address.",
    },
    sha256: "fd84998af17517a574037034348855c793ee46e3371afc990518f0bf720ac781",
  },
];

/** The version in force: the last one. */
export function currentPolicyVersion(versions: readonly PolicyVersion[] = POLICY_VERSIONS): PolicyVersion {
  const current = versions[versions.length - 1];
  if (!current) throw new Error("no privacy policy version");
  return current;
}

export function findPolicyVersion(versions: readonly PolicyVersion[], number: number): PolicyVersion | null {
  return versions.find((v) => v.number === number) ?? null;
}

/** The versions after `seen` (null: none seen), oldest first: what a change notice lists. */
export function policyVersionsAfter(versions: readonly PolicyVersion[], seen: number | null): PolicyVersion[] {
  return versions.filter((v) => v.number > (seen ?? 0));
}

/** SHA-256 of what a version shows: its content as canonical JSON (sorted keys, like the audit chain's rows). */
export function policyContentSha256(content: PolicyContent): Promise<string> {
  return sha256Hex(canonicalJson(content));
}
