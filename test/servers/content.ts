/**
 * Deterministic file content for the test origin: any size, any range, cheap to produce, and the
 * same bytes wherever they are generated (Node servers, workerd tests, the bench).
 * Byte i comes from one of 256 pseudo-random 64 KiB blocks, picked by i's higher bits.
 */
const BLOCK_BITS = 16;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const blocksBySeed = new Map<number, Uint8Array[]>();

function blocks(seed: number): Uint8Array[] {
  let cached = blocksBySeed.get(seed);
  if (cached) return cached;
  let state = (seed * 2654435761) >>> 0 || 1;
  cached = Array.from({ length: 256 }, () => {
    const block = new Uint8Array(BLOCK_SIZE);
    for (let i = 0; i < BLOCK_SIZE; i++) {
      // xorshift32
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      block[i] = state & 0xff;
    }
    return block;
  });
  blocksBySeed.set(seed, cached);
  return cached;
}

/** Chunks (views, not copies) covering bytes [start, end) of the file with this seed. */
export function* contentChunks(seed: number, start: number, end: number): Generator<Uint8Array> {
  const table = blocks(seed);
  let position = start;
  while (position < end) {
    const blockIndex = Math.floor(position / BLOCK_SIZE);
    const variant = (blockIndex + Math.floor(blockIndex / 256) * 37) & 0xff;
    const offset = position % BLOCK_SIZE;
    const length = Math.min(BLOCK_SIZE - offset, end - position);
    yield table[variant]!.subarray(offset, offset + length);
    position += length;
  }
}

/** The bytes [start, end) as one array (for small files in tests). */
export function contentBytes(seed: number, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let at = 0;
  for (const chunk of contentChunks(seed, start, end)) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
