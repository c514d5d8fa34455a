/** Reading Real-Debrid form parameters: form-encoded (or multipart) bodies, empty values meaning "not set". */
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { readForm as readBodyForm } from "../body";

/** Form fields of a POST under Real-Debrid's leniency: raw bodies without a content type are form-encoded, as upstream reads them. */
export function readForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  return readBodyForm(c, { lenientContentType: true });
}

/** A field's value, or undefined when absent or empty. */
export function optionalField(form: Record<string, string>, name: string): string | undefined {
  const value = form[name]?.trim();
  return value ? value : undefined;
}

export function requiredField(form: Record<string, string>, name: string): string {
  const value = optionalField(form, name);
  if (value === undefined) throw new AppError("missing_parameter", { details: { parameter: name } });
  return value;
}

/** An integer query/form value within [min, max]; the fallback when absent; bad_parameter otherwise. */
export function integerParam(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^-?\d{1,12}$/.test(value.trim())) throw new AppError("bad_parameter", { details: { parameter: name } });
  const n = Number(value);
  if (n < min || n > max) throw new AppError("bad_parameter", { details: { parameter: name } });
  return n;
}
