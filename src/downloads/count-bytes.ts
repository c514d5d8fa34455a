/** Counts the bytes of a stream as the client pulls them, without buffering. */

export type CountedStream = { readable: ReadableStream<Uint8Array>; bytesSent: Promise<number> };

/**
 * Pipes `body` through a counting transform. `bytesSent` resolves when the stream ends, errors or
 * the client goes away (the cancel errors the pipe): it then holds the bytes handed to the client,
 * at most one chunk more than the client received, since the readable side queues nothing.
 */
export function countBytes(body: ReadableStream<Uint8Array>): CountedStream {
  let bytes = 0;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const bytesSent = body.pipeTo(writable).then(
    () => bytes,
    () => bytes,
  );
  return { readable, bytesSent };
}
