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

/**
 * Decrypts a ciphertext stream that starts at byte `from` of the file (a multiple of 16) and drops
 * its first `skip` plaintext bytes, so a range may start at any byte. Each chunk is decrypted on
 * its own with the counter of the block it starts in (a chunk starting mid-block is decrypted
 * behind as many zero bytes): nothing is held between chunks, memory stays flat.
 */
export function decryptingStream(fileKey: FileKey, from: number, skip: number): TransformStream<Uint8Array, Uint8Array> {
  let keyPromise: Promise<CryptoKey> | null = null;
  let position = from;
  let toSkip = skip;
  return new TransformStream({
    async transform(chunk, controller) {
      keyPromise ??= importAes(fileKey.aesKey, "AES-CTR");
      const key = await keyPromise;
      const offset = position % BLOCK;
      let input = chunk;
      if (offset !== 0) {
        input = new Uint8Array(offset + chunk.byteLength);
        input.set(chunk, offset);
      }
      const counter = counterBlock(fileKey.nonce, (position - offset) / BLOCK);
      const plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CTR", counter, length: 64 }, key, input)).subarray(offset);
      position += chunk.byteLength;
      const dropped = Math.min(toSkip, plain.byteLength);
      toSkip -= dropped;
      if (dropped < plain.byteLength) controller.enqueue(plain.subarray(dropped));
    },
  });
}
