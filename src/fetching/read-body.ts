/** Reading a whole outbound reply's body within a size cap and a deadline: a hoster's or an origin's bytes never hold a request longer, or take more memory, than allowed. */
import { AppError } from "../errors";

/**
 * The whole body, read before `deadline` (ms since epoch). Past `maxBytes`, `tooLarge()`; past the
 * deadline, hoster_unavailable (timeout); a broken stream, hoster_unavailable (unreachable). The
 * stream is cancelled on any refusal.
 */
export async function readBodyWithin(body: ReadableStream<Uint8Array>, maxBytes: number, deadline: number, tooLarge: () => AppError): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()));
      });
      let chunk: ReadableStreamReadResult<Uint8Array> | "timeout";
      try {
        chunk = await Promise.race([reader.read(), timeout]);
      } catch (cause) {
        throw new AppError("hoster_unavailable", { cause, details: { reason: "unreachable" } });
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
      if (chunk === "timeout") throw new AppError("hoster_unavailable", { details: { reason: "timeout" } });
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk.value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
