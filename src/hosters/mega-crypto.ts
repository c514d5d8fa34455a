/**
 * MEGA's client-side encryption, on WebCrypto: a file key (32 bytes, from the link's fragment or a
 * folder listing) gives the AES-128 key (its two halves XORed) and the CTR nonce (bytes 16–23); file
 * contents are AES-128-CTR with a 64-bit block counter, attributes AES-128-CBC with a zero IV and
 * no padding, node keys of a folder AES-128-ECB under the folder key.
 */

const BLOCK = 16;

/** Bytes of MEGA's base64 (URL alphabet, no padding), or null when the text is not that. */
export function decodeMegaBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export function encodeMegaBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export type FileKey = { aesKey: Uint8Array; nonce: Uint8Array };

/** The content key and CTR nonce of a 32-byte file key. */
export function splitFileKey(key: Uint8Array): FileKey {
  const aesKey = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) aesKey[i] = key[i]! ^ key[i + BLOCK]!;
  return { aesKey, nonce: key.slice(BLOCK, BLOCK + 8) };
}

function importAes(raw: Uint8Array, name: "AES-CBC" | "AES-CTR"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name }, false, name === "AES-CBC" ? ["encrypt", "decrypt"] : ["decrypt"]);
}

/**
 * AES-128-CBC decryption of whole blocks without padding. WebCrypto only undoes PKCS#7 padding, so
 * one block is appended that decrypts to a full padding block (the encryption of that block chained
 * on the last ciphertext block), and WebCrypto strips it again.
 */
async function decryptCbcNoPadding(key: CryptoKey, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const last = data.byteLength >= BLOCK ? data.subarray(data.byteLength - BLOCK) : iv;
  const extra = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: last }, key, new Uint8Array(BLOCK).fill(BLOCK))).subarray(0, BLOCK);
  const padded = new Uint8Array(data.byteLength + BLOCK);
  padded.set(data);
  padded.set(extra, data.byteLength);
  return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv }, key, padded));
}

/** A node key of a shared folder (16 or 32 bytes), decrypted under the folder's key (AES-ECB: each block on its own). */
export async function decryptNodeKey(folderKey: Uint8Array, encrypted: Uint8Array): Promise<Uint8Array | null> {
  if (encrypted.byteLength !== 16 && encrypted.byteLength !== 32) return null;
  const key = await importAes(folderKey, "AES-CBC");
  const out = new Uint8Array(encrypted.byteLength);
  for (let at = 0; at < encrypted.byteLength; at += BLOCK) {
    out.set(await decryptCbcNoPadding(key, new Uint8Array(BLOCK), encrypted.subarray(at, at + BLOCK)), at);
  }
  return out;
}

/** The attributes of a node (`{"n": name, …}`), or null when the key does not open them (a wrong key in the link). */
export async function decryptAttributes(aesKey: Uint8Array, encrypted: Uint8Array): Promise<Record<string, unknown> | null> {
  if (encrypted.byteLength === 0 || encrypted.byteLength % BLOCK !== 0) return null;
  const plain = await decryptCbcNoPadding(await importAes(aesKey, "AES-CBC"), new Uint8Array(BLOCK), encrypted);
  const text = new TextDecoder().decode(plain).replace(/\0+$/, "");
  if (!text.startsWith("MEGA{")) return null;
  try {
    const attributes = JSON.parse(text.slice(4)) as unknown;
    return attributes !== null && typeof attributes === "object" ? (attributes as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The 16-byte CTR counter block of the block at `blockIndex`: nonce, then the index in 64 big-endian bits. */
function counterBlock(nonce: Uint8Array, blockIndex: number): Uint8Array {
  const counter = new Uint8Array(BLOCK);
  counter.set(nonce);
  new DataView(counter.buffer).setBigUint64(8, BigInt(blockIndex));
  return counter;
}

/** Ciphertext decrypted per WebCrypto call: large enough that the call's cost is spread thin, small enough to stay flat. */
const DECRYPT_CHUNK_BYTES = 1 << 20;

/**
 * The plaintext of a ciphertext stream that starts at byte `from` of the file (a multiple of 16),
 * without its first `skip` bytes, so that a range may start at any byte. The ciphertext is read
 * into one reused buffer (BYOB) and decrypted a megabyte at a time with the counter of its first
 * block; the few bytes past the last whole block wait for the next read. Each write waits for the
 * reader to take the chunk: memory stays flat. A failure (origin or client) cancels both sides.
 */
export function decryptedStream(body: ReadableStream<Uint8Array>, fileKey: FileKey, from: number, skip: number): ReadableStream<Uint8Array> {
  const output = new IdentityTransformStream();
  const writer = output.writable.getWriter();
  const reader = body.getReader({ mode: "byob" });
  (async () => {
    const key = await importAes(fileKey.aesKey, "AES-CTR");
    let buffer = new ArrayBuffer(DECRYPT_CHUNK_BYTES + BLOCK);
    let held = 0;
    let position = from;
    let toSkip = skip;
    for (;;) {
      const { done, value } = await reader.readAtLeast(Math.min(64 * 1024, DECRYPT_CHUNK_BYTES), new Uint8Array(buffer, held, DECRYPT_CHUNK_BYTES + BLOCK - held));
      const total = held + (value?.byteLength ?? 0);
      if (value) buffer = value.buffer as ArrayBuffer;
      // Whole blocks only, but the stream's last bytes whatever their count (CTR needs no padding).
      const ready = done ? total : total - (total % BLOCK);
      if (ready > 0) {
        const counter = counterBlock(fileKey.nonce, position / BLOCK);
        const plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CTR", counter, length: 64 }, key, new Uint8Array(buffer, 0, ready)));
        const dropped = Math.min(toSkip, plain.byteLength);
        toSkip -= dropped;
        if (dropped < plain.byteLength) await writer.write(plain.subarray(dropped));
        new Uint8Array(buffer).copyWithin(0, ready, total);
        position += ready;
      }
      held = total - ready;
      if (done) break;
    }
    await writer.close();
  })().catch(async (error: unknown) => {
    await reader.cancel(error).catch(() => {});
    await writer.abort(error).catch(() => {});
  });
  return output.readable as ReadableStream<Uint8Array>;
}
