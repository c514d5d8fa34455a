/** Reading request bodies with the checks every route needs: content type, size, shape. */
import type { Context } from "hono";
import { AppError } from "../errors";

/** Bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

function contentType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * The body's bytes, at most `MAX_BODY_BYTES`: a larger Content-Length is refused at once, and a body
 * without one (chunked) is counted while it streams and abandoned as soon as it passes the cap (413).
 */
async function readBytes(c: Context): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large");
  const raw = c.req.raw;
  if (!raw.body || raw.bodyUsed) {
    // Nothing to stream, or already read (and cached) by Hono.
    const bytes = new Uint8Array(raw.body ? await c.req.arrayBuffer() : new ArrayBuffer(0));
    if (bytes.byteLength > MAX_BODY_BYTES) throw new AppError("payload_too_large");
    return bytes;
  }
  const reader = raw.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function readText(c: Context): Promise<string> {
  return new TextDecoder().decode(await readBytes(c));
}

export type FormOptions = {
  /**
   * Real-Debrid's leniency (/rest/1.0 and /oauth/v2): a raw body without a Content-Type, or sent as
   * text/plain (what fetch() labels a string body), is read as form-encoded, since real clients send
   * that. Without it (site pages) those get 415, like any type other than form-encoded and multipart.
   */
  lenientContentType?: boolean;
};

/** Form fields (urlencoded or multipart) as strings; see FormOptions for other content types. Files are ignored. */
export async function readForm(c: Context, options: FormOptions = {}): Promise<Record<string, string>> {
  const type = contentType(c);
  if (type === "multipart/form-data") {
    const bytes = await readBytes(c);
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": c.req.header("content-type")! } }).formData();
    } catch (cause) {
      throw new AppError("bad_request", { cause });
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
    return fields;
  }
  if (type === "application/x-www-form-urlencoded" || (options.lenientContentType && (type === "" || type === "text/plain"))) {
    return Object.fromEntries(new URLSearchParams(await readText(c)));
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
