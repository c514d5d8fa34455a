/**
 * The one body limit, applied by each route group: the body is read here, counted while it
 * streams, and refused (413) as soon as it passes the cap, whether or not it declared a
 * Content-Length. Handlers then read a buffered copy.
 *
 * Our own rather than Hono's bodyLimit, for two reasons shown by tests: Hono's trusts a declared
 * Content-Length and leaves the stream for the handler to read later, so a client that stops
 * sending mid-upload fails inside the handler as a 500; here every body read ends in this one
 * place, and an aborted upload is a client error (400 upload_error).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { AppError, type ErrorKey } from "../errors";

/** `tooBig`: the error past the cap (uploads say upload_too_big, code 26). */
export function limitBody(maxBytes: number, tooBig: ErrorKey = "payload_too_large"): MiddlewareHandler<AppEnv> {
  return async function limitBody(c, next) {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > maxBytes) {
      await raw.body.cancel().catch(() => {});
      throw new AppError(tooBig, { details: { max_bytes: maxBytes } });
    }
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        throw new AppError("upload_error", { cause });
      }
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new AppError(tooBig, { details: { max_bytes: maxBytes } });
      }
      chunks.push(chunk.value);
    }
    const body = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(raw, { body });
    await next();
  };
}
