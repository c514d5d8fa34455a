/**
 * The token API's validators, with Real-Debrid's reading of parameters: raw bodies without a
 * content type are forms, an empty value means "not set", unknown fields are ignored (clients send
 * `ip`, `split`, `check_cache`…), and a failure is 400 with code 1 (missing) or 2 (bad value).
 */
import { AppError } from "../../errors";
import { fieldErrors, groupValidator } from "../input";

function withoutEmptyValues(raw: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const trimmed = typeof value === "string" ? value.trim() : value;
    if (trimmed !== "") values[name] = trimmed;
  }
  return values;
}

export const tokenApiInput = groupValidator({
  lenientForms: true,
  prepare: withoutEmptyValues,
  reject: ({ issues }) => {
    const [parameter, problem] = Object.entries(fieldErrors(issues))[0] ?? ["", "invalid"];
    throw new AppError(problem === "missing" ? "missing_parameter" : "bad_parameter", { details: { parameter } });
  },
});
