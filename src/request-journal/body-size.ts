/**
 * Byte sizes of the response bodies that a request's Hono context builds from text or bytes, noted
 * as they are built. Learning the size of a finished Response means reading its body back, an async
 * round trip through the runtime that cost more than all the rest of the journal's work.
 */
import type { Context } from "hono";

/** Keyed by body stream: Hono keeps the stream when it copies a Response to change its headers. */
const sizes = new WeakMap<ReadableStream, number>();
const encoder = new TextEncoder();

function byteLength(data: unknown): number | null {
  if (typeof data === "string") return encoder.encode(data).byteLength;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return null;
}

function noted<R>(response: R, data: unknown): R {
  const size = byteLength(data);
  if (size !== null && response instanceof Response && response.body) sizes.set(response.body, size);
  return response;
}

type Respond = (data: unknown, ...rest: unknown[]) => Response;

/** Makes `c.body`, `c.text`, `c.json` and `c.html` (given a string) note the size of what they build. */
export function noteBodySizes(c: Context): void {
  const body = c.body as Respond;
  const text = c.text as Respond;
  const html = c.html as Respond;
  c.body = ((data, ...rest) => noted(body(data, ...rest), data)) as Respond as Context["body"];
  c.text = ((data, ...rest) => noted(text(data, ...rest), data)) as Respond as Context["text"];
  c.html = ((data, ...rest) => noted(html(data, ...rest), data)) as Respond as Context["html"];
  // Hono's own c.json, through c.body so that the text it sends is the one measured.
  const noting = c.body as Respond;
  c.json = ((object: unknown, arg?: unknown, headers?: Record<string, string>) =>
    noting(JSON.stringify(object), arg, { "Content-Type": "application/json", ...headers })) as Respond as Context["json"];
}

/** The noted size of the response's body, if it was built by one of those methods. */
export function notedBodySize(response: Response): number | undefined {
  return response.body ? sizes.get(response.body) : undefined;
}
