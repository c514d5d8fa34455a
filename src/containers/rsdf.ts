/**
 * RSDF ("RapidShare Download File") containers, opened offline: the key and the starting vector
 * are fixed and public (JDownloader's DLC API publishes both; pyLoad derives the same vector).
 * The file is hexadecimal text; decoded, it is one base64 line per link, each line the link
 * encrypted with AES-192 in 8-bit CFB mode, the cipher's state running on from one line to the
 * next (writers encrypt every link with one cipher object).
 */
import { AesEncryptor, hexBytes } from "./aes";

const KEY = hexBytes("8C35192D964DC3182C6F84F3252239EB4A320D2500000000");
/** The starting vector is the public seed (sixteen 0xFF bytes) encrypted once with the key. */
const IV_SEED = new Uint8Array(16).fill(0xff);
/** Some writers put this before each link; it is not part of the address. */
const LINK_PREFIX = "CCF: ";

/** The value of an ASCII hex digit. */
const digit = (code: number) => (code <= 0x39 ? code - 0x30 : (code | 0x20) - 0x57);

/** Bytes of hex digits (whitespace already removed, an even number, checked by the caller) decoded. */
function fromHexDigits(digits: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digit(digits[2 * i]!) << 4) | digit(digits[2 * i + 1]!);
  return bytes;
}

/**
 * 8-bit CFB decryption (NIST SP 800-38A §6.3, s = 8): byte i is XORed with the first byte of the
 * cipher applied to the 16 bytes before it in IV ‖ ciphertext, so the stream is its own sliding register.
 */
function decryptCfb8(aes: AesEncryptor, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const stream = new Uint8Array(16 + ciphertext.length);
  stream.set(iv);
  stream.set(ciphertext, 16);
  const plaintext = new Uint8Array(ciphertext.length);
  const block = new Uint8Array(16);
  for (let i = 0; i < ciphertext.length; i++) {
    aes.encryptBlock(stream, i, block, 0);
    plaintext[i] = ciphertext[i]! ^ block[0]!;
  }
  return plaintext;
}

export type RsdfResult = { ok: true; texts: string[] } | { ok: false; reason: "too_many_links" | "too_many_bytes" | "link_too_long" | "not_base64" | "not_text" };

/**
 * The decrypted lines of an RSDF file given as its hex digits, whitespace removed, before any check
 * that they are links. Stops before decrypting (the costly part: one block cipher run per byte)
 * when there are more than `maxLinks` lines, more than `maxBytes` bytes in all, or a line longer
 * than a link may be, as CFB keeps lengths.
 */
export function decryptRsdf(hexDigits: Uint8Array, limits: { maxLinks: number; maxBytes: number; maxLinkLength: number }): RsdfResult {
  const decoded = fromHexDigits(hexDigits);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= decoded.length; i++) {
    if (i < decoded.length && decoded[i] !== 0x0a) continue;
    let end = i;
    if (end > start && decoded[end - 1] === 0x0d) end--;
    if (end > start) lines.push(decoded.subarray(start, end));
    start = i + 1;
  }
  if (lines.length > limits.maxLinks) return { ok: false, reason: "too_many_links" };
  const ascii = new TextDecoder();
  const ciphertexts: Uint8Array[] = [];
  for (const line of lines) {
    // Anything but base64 (a byte above 0x7f decodes to U+FFFD) fails the pattern below.
    const text = ascii.decode(line).trim();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return { ok: false, reason: "not_base64" };
    let binary: string;
    try {
      binary = atob(text);
    } catch {
      return { ok: false, reason: "not_base64" };
    }
    const ciphertext = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) ciphertext[i] = binary.charCodeAt(i);
    ciphertexts.push(ciphertext);
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: a longer line cannot decrypt to a link short enough.
    if (ciphertexts.at(-1)!.length > 3 * limits.maxLinkLength + LINK_PREFIX.length) return { ok: false, reason: "link_too_long" };
  }
  const total = ciphertexts.reduce((sum, part) => sum + part.length, 0);
  if (total > limits.maxBytes) return { ok: false, reason: "too_many_bytes" };
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of ciphertexts) {
    joined.set(part, offset);
    offset += part.length;
  }
  const aes = new AesEncryptor(KEY);
  const iv = new Uint8Array(16);
  aes.encryptBlock(IV_SEED, 0, iv, 0);
  const plaintext = decryptCfb8(aes, iv, joined);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const texts: string[] = [];
  offset = 0;
  for (const part of ciphertexts) {
    let text: string;
    try {
      text = decoder.decode(plaintext.subarray(offset, offset + part.length));
    } catch {
      return { ok: false, reason: "not_text" };
    }
    offset += part.length;
    text = text.trim();
    if (text.startsWith(LINK_PREFIX)) text = text.slice(LINK_PREFIX.length).trim();
    if (text !== "") texts.push(text);
  }
  return { ok: true, texts };
}
