/**
 * The staff forms' schemas. Failures carry a snake_case key per field (shown on the form, and what
 * tests read): unknown_legal_basis, window_too_long, malformed_ip_prefix, missing… Times are typed
 * in UTC. Checkbox groups use one name per box, since a repeated name keeps only its last value.
 */
import * as v from "valibot";
import { LEGAL_SCOPE_MAX_WINDOW_MS, LEGAL_SCOPE_MIN_PREFIX_LENGTH, LEGAL_TEXT_MAX_LENGTH } from "../../config";
import { EmailInput } from "../../accounts/validation";
import { EXPORT_CATEGORY_IDS, HOLDABLE_CATEGORY_IDS, LEGAL_BASIS_IDS } from "../../legal/categories";
import { ROLES } from "../../admin/roles";
import { SHA256_HEX_LENGTH } from "../../lib/crypto";
import { parseUtcDay } from "../../lib/time";
import { parseIpPrefix, type IpPrefix } from "../../request-journal/ip-key";

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty("missing"), v.maxLength(LEGAL_TEXT_MAX_LENGTH, "too_long"));
const OptionalText = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(LEGAL_TEXT_MAX_LENGTH, "too_long")), "");

/** `YYYY-MM-DD`, a real UTC day: its start in ms. */
const Day = v.pipe(
  v.string(),
  v.nonEmpty("missing"),
  v.check((value: string) => parseUtcDay(value) !== null, "bad_date"),
  v.transform((value: string) => parseUtcDay(value)!),
);

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
/** `YYYY-MM-DDTHH:MM[:SS]` in UTC (what a datetime-local field sends): ms since epoch. */
function parseInstant(value: string): number | null {
  const m = INSTANT.exec(value);
  if (!m) return null;
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  return new Date(at).toISOString().startsWith(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`) && +m[4]! < 24 ? at : null;
}
const Instant = v.pipe(
  v.string(),
  v.nonEmpty("missing"),
  v.check((value: string) => parseInstant(value) !== null, "bad_time"),
  v.transform((value: string) => parseInstant(value)!),
);
const OptionalInstant = v.optional(v.union([v.literal(""), Instant]), "");

const Checkbox = v.optional(v.pipe(v.string(), v.transform((value: string) => value !== "")), "");

/** An IP address or CIDR prefix, strictly (request-journal/ip-key.ts), no wider than policy allows. */
const IpPrefixInput = v.pipe(
  v.string(),
  v.trim(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    if (dataset.value === "") {
      addIssue({ message: "missing" });
      return NEVER;
    }
    const parsed = parseIpPrefix(dataset.value, LEGAL_SCOPE_MIN_PREFIX_LENGTH);
    if (typeof parsed !== "string") return parsed;
    addIssue({ message: parsed === "malformed" ? "malformed_ip_prefix" : parsed === "too_wide" ? "ip_prefix_too_wide" : "ip_prefix_host_bits" });
    return NEVER;
  }),
);

/** An account by email address or number. */
const AccountInput = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty("missing"),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    if (/^[1-9]\d{0,15}$/.test(dataset.value)) return { id: Number(dataset.value) } as const;
    const parsed = v.safeParse(EmailInput, dataset.value);
    if (parsed.success) return { normalized: parsed.output.normalized } as const;
    addIssue({ message: "bad_account" });
    return NEVER;
  }),
);
export type AccountReference = { id: number } | { normalized: string };

const ScopeFields = {
  scope_kind: v.picklist(["account", "ip"], "bad_scope"),
  account: v.optional(v.string(), ""),
  ip_prefix: v.optional(v.string(), ""),
};

export type ParsedScope = { kind: "account"; account: AccountReference } | { kind: "ip"; prefix: IpPrefix };

type ScopeRaw = { scope_kind: "account" | "ip"; account: string; ip_prefix: string };
/** The scope's one needed field, parsed; errors keyed on that field. */
export function parseScope(raw: ScopeRaw): { ok: true; scope: ParsedScope } | { ok: false; errors: Record<string, string> } {
  if (raw.scope_kind === "account") {
    const account = v.safeParse(AccountInput, raw.account);
    return account.success ? { ok: true, scope: { kind: "account", account: account.output } } : { ok: false, errors: { account: account.issues[0].message } };
  }
  const prefix = v.safeParse(IpPrefixInput, raw.ip_prefix);
  return prefix.success ? { ok: true, scope: { kind: "ip", prefix: prefix.output } } : { ok: false, errors: { ip_prefix: prefix.issues[0].message } };
}

/**
 * Checks across fields, after the schema: the window's order and span (keyed on window_to), and at
 * least one category ticked (keyed on the first box). Empty when all hold.
 */
export function checkWindowAndCategories(
  value: { window_from: number | ""; window_to: number | "" } & Record<string, unknown>,
  boxPrefix: string,
  ids: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  const { window_from: from, window_to: to } = value;
  if (from !== "" && to !== "" && from > to) errors.window_to = "window_reversed";
  else if (from !== "" && to !== "" && to - from > LEGAL_SCOPE_MAX_WINDOW_MS) errors.window_to = "window_too_long";
  if (!ids.some((id) => value[`${boxPrefix}${id}`] === true)) errors[`${boxPrefix}${ids[0]!}`] = "no_category";
  return errors;
}

const categoryBoxes = (ids: readonly string[], prefix: string) => Object.fromEntries(ids.map((id) => [`${prefix}${id}`, Checkbox])) as Record<string, typeof Checkbox>;

/** Recording a request. */
export const RecordRequestForm = v.object({
    authority: Text,
    legal_basis: v.picklist(LEGAL_BASIS_IDS, "unknown_legal_basis"),
    reference: Text,
    received_on: Day,
    deadline_on: v.optional(v.union([v.literal(""), Day]), ""),
    ...ScopeFields,
    window_from: Instant,
    window_to: Instant,
    document_sha256: v.pipe(v.string(), v.trim(), v.nonEmpty("missing"), v.regex(new RegExp(`^[0-9a-fA-F]{${SHA256_HEX_LENGTH}}$`), "bad_document_hash"), v.toLowerCase()),
    notification_forbidden: Checkbox,
    ...categoryBoxes(EXPORT_CATEGORY_IDS, "category_"),
});

/** The second officer's decision: the categories approved (fewer than asked: partly), and a reason for a partial approval or a refusal. */
export const DecisionForm = v.object({
  decision: v.picklist(["approve", "refuse"], "bad_decision"),
  reason: OptionalText,
  ...categoryBoxes(EXPORT_CATEGORY_IDS, "category_"),
});

/** Placing a hold. */
export const PlaceHoldForm = v.object({
    kind: v.picklist(["preservation_order", "litigation"], "bad_hold_kind"),
    ...ScopeFields,
    window_from: OptionalInstant,
    window_to: OptionalInstant,
    reference: Text,
    review_on: Day,
    request_id: v.optional(v.union([v.literal(""), v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, "bad_request_id"), v.transform(Number))]), ""),
    ...categoryBoxes(HOLDABLE_CATEGORY_IDS, "hold_"),
});

export const RoleForm = v.object({ email: EmailInput, role: v.picklist(ROLES, "bad_role") });

export const IdParam = v.object({ id: v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/), v.transform(Number)) });
