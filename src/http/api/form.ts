/** Reading Real-Debrid form parameters: form-encoded (or multipart) bodies, empty values meaning "not set". */
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";

const MAX_FORM_BYTES = 64 * 1024;

/** Form fields of a POST; raw bodies without a content type are read as form-encoded, as upstream does. */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > MAX_FORM_BYTES) throw new AppError("payload_too_large");
  const type = c.req.header("content-type")?.toLowerCase() ?? "";
  if (type.startsWith("multipart/form-data")) {
    let body: Awaited<ReturnType<typeof c.req.parseBody>>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new AppError("bad_request");
    }
    return Object.fromEntries(Object.entries(body).flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])));
  }
  const text = new TextDecoder().decode(await c.req.arrayBuffer());
  if (text.length > MAX_FORM_BYTES) throw new AppError("payload_too_large");
  return Object.fromEntries(new URLSearchParams(text));
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
