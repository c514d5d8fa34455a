/** Relays a stream to the client with constant memory, counting the bytes the client accepted. */

export type CountedStream = { readable: ReadableStream<Uint8Array>; bytesSent: Promise<number> };

/**
 * One reusable buffer per connection. Each read waits for at least `minRead` bytes: small at first
 * and whenever the origin is slow (the client keeps getting bytes), growing to the whole buffer
 * while the origin is fast, since every read costs memory that the GC reclaims only later.
 */
const RELAY_BUFFER_BYTES = 2 << 20;
const SMALLEST_READ_BYTES = 64 * 1024;
const SLOW_READ_MS = 100;

/**
 * Pumps `body` into a native identity stream (a FixedLengthStream when `length` is known, so that
 * workerd sends Content-Length rather than chunked encoding). Reads go into one reused buffer (BYOB)
 * and each write resolves once the client side has taken the chunk, so memory stays constant.
 * `bytesSent` resolves when the copy ends, fails or the client goes away: the bytes handed to the
 * client, at most one buffer more than an aborting client received. (A JavaScript TransformStream
 * handling every small network chunk ran 8 times slower and piled up garbage.)
 */
export function countBytes(body: ReadableStream<Uint8Array>, length: number | null, maxBytes: number | null = null): CountedStream {
  const output = length === null ? new IdentityTransformStream() : new FixedLengthStream(length);
  const writer = output.writable.getWriter();
  // A client that goes away errors the writable side; a write in flight may then never settle.
  const clientGone = writer.closed.then(
    () => Promise.reject(new Error("relay closed")),
    (error: unknown) => Promise.reject(error),
  );
  clientGone.catch(() => {});
  const bytesSent = (async () => {
    let sent = 0;
    let reader: ReadableStreamBYOBReader | null = null;
    try {
      reader = body.getReader({ mode: "byob" });
      let buffer = new ArrayBuffer(RELAY_BUFFER_BYTES);
      let minRead = SMALLEST_READ_BYTES;
      for (;;) {
        const startedAt = Date.now();
        const { done, value } = await reader.readAtLeast(minRead, new Uint8Array(buffer));
        minRead = Date.now() - startedAt > SLOW_READ_MS ? Math.max(SMALLEST_READ_BYTES, minRead / 2) : Math.min(RELAY_BUFFER_BYTES, minRead * 2);
        if (value && value.byteLength > 0) {
          // The day's allowance is used up: the client gets what fits, then the relay stops.
          if (maxBytes !== null && sent + value.byteLength > maxBytes) {
            const room = maxBytes - sent;
            if (room > 0) {
              sent += room;
              await Promise.race([writer.write(value.slice(0, room)), clientGone]);
            }
            throw new Error("daily allowance used up");
          }
          // Counted when handed over: if the client leaves mid-chunk, part of it did reach them.
          sent += value.byteLength;
          await Promise.race([writer.write(value), clientGone]);
          buffer = value.buffer as ArrayBuffer;
        }
        if (done) break;
      }
      await writer.close();
    } catch (error) {
      await (reader ?? body).cancel(error).catch(() => {});
      await writer.abort(error).catch(() => {});
    }
    return sent;
  })();
  return { readable: output.readable as ReadableStream<Uint8Array>, bytesSent };
}
