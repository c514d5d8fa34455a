/** Checks on what people type: email addresses and passwords. */
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../config";
import * as v from "valibot";
import { isCommonPassword } from "./common-passwords";
import { parseEmailAddress, type EmailAddress } from "../lib/email-address";

export type { EmailAddress };

/** Trims and checks an email (src/lib/email-address.ts) up to EMAIL_MAX_LENGTH; null when malformed. */
export function parseEmail(raw: unknown): EmailAddress | null {
  return parseEmailAddress(raw, EMAIL_MAX_LENGTH);
}

export type PasswordProblem = "password_too_short" | "password_too_long" | "password_too_common";

/** Length 12–256 (counted in characters, never truncated), and not a common password. */
export function checkNewPassword(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "password_too_short";
  if (length > PASSWORD_MAX_LENGTH) return "password_too_long";
  if (isCommonPassword(password)) return "password_too_common";
  return null;
}

/** A password as sent: any string up to the maximum; longer input is refused before any hashing. */
export function isAcceptablePasswordInput(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && [...value].length <= PASSWORD_MAX_LENGTH;
}

/** Schemas of the same rules, for route input: failures carry the problem as their message key. */
export const EmailInput = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const address = parseEmail(dataset.value);
    if (address) return address;
    addIssue({ message: "invalid_email" });
    return NEVER;
  }),
);

/** A password being set: length counted in characters, never truncated, not a common one. */
export const NewPasswordInput = v.pipe(
  v.string(),
  v.check((value: string) => checkNewPassword(value) === null, (issue) => checkNewPassword(String(issue.input)) ?? "invalid"),
);

/** A password being typed to sign in or confirm: any non-empty string up to the maximum (refused before any hashing). */
export const PasswordInput = v.pipe(v.string(), v.check((value: string) => isAcceptablePasswordInput(value), "password_too_long"));
