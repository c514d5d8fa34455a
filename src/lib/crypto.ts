/** Small cryptographic helpers on WebCrypto. */

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A random token of `bytes` bytes in upper-case base32 (32 bytes: 52 characters, 256 bits). */
export function randomToken(bytes = 32): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

const TOKEN_CHARACTERS = /^[A-Z2-7]+$/;

/** Whether `value` has the shape of a `randomToken(bytes)`: checked before any lookup, so junk costs no query. */
export function isRandomToken(value: string, bytes = 32): boolean {
  return value.length === Math.ceil((bytes * 8) / 5) && TOKEN_CHARACTERS.test(value);
}

export function toHex(buffer: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Standard base64 of bytes, a byte at a time (no spread: a large array would pass the argument limit). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Hex digits of a SHA-256 digest. */
export const SHA256_HEX_LENGTH = 64;

/** SHA-256 of a string (UTF-8) or bytes, hex-encoded: how tokens are stored at rest. */
export async function sha256Hex(value: string | Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", typeof value === "string" ? new TextEncoder().encode(value) : (value as Uint8Array<ArrayBuffer>)));
}

/** Constant-time comparison of two strings (lengths compared first: they are fixed-length digests). */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

/** Letters for codes people type: no vowels (no words), no look-alikes. */
export const HUMAN_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

/** A uniformly random code of `length` letters of HUMAN_CODE_ALPHABET. */
export function randomHumanCode(length: number): string {
  // 256 is not a multiple of 20: draw again above 239 so that every letter is equally likely.
  let code = "";
  while (code.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < 240 && code.length < length) code += HUMAN_CODE_ALPHABET[byte % 20];
    }
  }
  return code;
}

/** Upper-cases and strips spaces and dashes; null unless `length` letters of the alphabet remain. */
export function normalizeHumanCode(raw: string, length: number): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, "");
  return code.length === length && [...code].every((ch) => HUMAN_CODE_ALPHABET.includes(ch)) ? code : null;
}
