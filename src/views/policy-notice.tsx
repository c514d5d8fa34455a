/** The privacy policy change notice: shown once on the next page after a new version, with what changed. */
import type { Language } from "../lib/language";
import type { PolicyVersion } from "../retention/policy-versions";
import { policyDate, policyVersionPath } from "./privacy-page";

export type PolicyNoticeProps = {
  language: Language;
  /** The versions since the last one the visitor saw, oldest first (the last is in force). */
  versions: PolicyVersion[];
  /** Where the acknowledgement sends the visitor back. */
  returnTo: string;
};

const T = {
  fr: {
    title: "Notre politique de confidentialité a changé",
    version: (n: number, date: string) => `Version ${n} du ${date} :`,
    read: "Lire la politique en vigueur",
    acknowledge: "J'en ai pris connaissance",
    once: "Ce message ne s'affiche qu'une fois ; il reste consultable dans la politique.",
  },
  en: {
    title: "Our privacy policy changed",
    version: (n: number, date: string) => `Version ${n} of ${date}:`,
    read: "Read the policy in force",
    acknowledge: "I have read it",
    once: "This message shows only once; it stays readable in the policy.",
  },
} as const;

export function PolicyNotice(props: PolicyNoticeProps) {
  const t = T[props.language];
  const current = props.versions[props.versions.length - 1];
  if (!current) return null;
  return (
    <section class="card policy-notice" role="status" aria-labelledby="policy-notice-title" data-policy-notice={current.number}>
      <h2 id="policy-notice-title">{t.title}</h2>
      <ul>
        {props.versions.map((version) => (
          <li>
            <a href={policyVersionPath(version.number, props.language)}>{t.version(version.number, policyDate(version.publishedOn, props.language))}</a> {version.changes[props.language]}
          </li>
        ))}
      </ul>
      <form method="post" action="/privacy/acknowledge">
        <input type="hidden" name="version" value={String(current.number)} />
        <input type="hidden" name="return_to" value={props.returnTo} />
        <button type="submit">{t.acknowledge}</button> <a href={props.language === "fr" ? "/privacy" : "/en/privacy"}>{t.read}</a>
      </form>
      <p class="muted">{t.once}</p>
    </section>
  );
}
