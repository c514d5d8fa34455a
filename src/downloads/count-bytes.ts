/** Counts the bytes of a stream as the client pulls them, without buffering. */

export type CountedStream = { readable: ReadableStream<Uint8Array>; bytesSent: Promise<number> };

/**
 * Pipes `body` through a counting transform. `bytesSent` resolves when the stream ends, errors or
 * the client goes away (the cancel errors the pipe): it then holds the bytes handed to the client,
 * at most a chunk more than the client received, since the readable sides queue nothing.
 * With a known `length`, the output is a FixedLengthStream, so that workerd sends Content-Length
 * instead of chunked encoding (a stream built in JavaScript has no length of its own).
 */
export function countBytes(body: ReadableStream<Uint8Array>, length: number | null): CountedStream {
  let bytes = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  let readable: ReadableStream<Uint8Array>;
  let piped: Promise<void>;
  if (length === null) {
    readable = counter.readable;
    piped = body.pipeTo(counter.writable);
  } else {
    const fixed = new FixedLengthStream(length);
    readable = fixed.readable as ReadableStream<Uint8Array>;
    piped = body.pipeThrough(counter).pipeTo(fixed.writable as WritableStream<Uint8Array>);
  }
  const bytesSent = piped.then(
    () => bytes,
    () => bytes,
  );
  return { readable, bytesSent };
}
