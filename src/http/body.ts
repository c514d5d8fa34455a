/** Reading request bodies with the checks every route needs: content type, size, shape. */
import type { Context } from "hono";
import { AppError } from "../errors";

/** Bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

function contentType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

async function readText(c: Context): Promise<string> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large");
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw new AppError("payload_too_large");
  return new TextDecoder().decode(bytes);
}

/** Form fields (urlencoded or multipart) as strings; other content types get 415. Files are ignored. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const type = contentType(c);
  if (type === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(await readText(c)));
  }
  if (type === "multipart/form-data") {
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large");
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch (cause) {
      throw new AppError("bad_request", { cause });
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
    return fields;
  }
  throw new AppError("unsupported_media_type");
}

/** A JSON object body; other content types get 415, bad JSON 400 invalid_json. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  if (contentType(c) !== "application/json") throw new AppError("unsupported_media_type");
  const text = await readText(c);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new AppError("invalid_json", { cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AppError("invalid_json");
  return value as Record<string, unknown>;
}

/** A string field of at most `maxLength` characters, or undefined. */
export function field(fields: Record<string, unknown>, name: string, maxLength = 1024): string | undefined {
  const value = fields[name];
  return typeof value === "string" && value.length <= maxLength ? value : undefined;
}
