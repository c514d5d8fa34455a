/**
 * The AES block cipher, encryption direction only (FIPS-197), for the one mode WebCrypto lacks:
 * RSDF's 8-bit CFB, which runs the cipher once per byte. Table-driven (one table lookup per byte
 * and round); tables are built on first use, not at startup.
 */

/** Bytes of a hex string written in the code (the containers' published keys and vectors). */
export function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

type Tables = { sbox: Uint8Array; t0: Uint32Array; t1: Uint32Array; t2: Uint32Array; t3: Uint32Array };
let tables: Tables | null = null;

/** Multiplication by x (that is, 2) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
const double = (value: number): number => ((value << 1) ^ (value & 0x80 ? 0x1b : 0)) & 0xff;
const rotateByte = (value: number, by: number): number => ((value << by) | (value >>> (8 - by))) & 0xff;
const rotateWord = (value: number, by: number): number => ((value >>> by) | (value << (32 - by))) >>> 0;

function buildTables(): Tables {
  // Powers and logarithms of the generator 3 give each non-zero byte's inverse.
  const power = new Uint8Array(255);
  const logarithm = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++, x ^= double(x)) {
    power[i] = x;
    logarithm[x] = i;
  }
  const sbox = new Uint8Array(256);
  const [t0, t1, t2, t3] = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let x = 0; x < 256; x++) {
    const inverse = x === 0 ? 0 : power[(255 - logarithm[x]!) % 255]!;
    // The affine transformation of FIPS-197 §5.1.1.
    const s = inverse ^ rotateByte(inverse, 1) ^ rotateByte(inverse, 2) ^ rotateByte(inverse, 3) ^ rotateByte(inverse, 4) ^ 0x63;
    sbox[x] = s;
    // SubBytes and MixColumns of one byte, as the column (2s, s, s, 3s).
    const word = ((double(s) << 24) | (s << 16) | (s << 8) | (double(s) ^ s)) >>> 0;
    t0[x] = word;
    t1[x] = rotateWord(word, 8);
    t2[x] = rotateWord(word, 16);
    t3[x] = rotateWord(word, 24);
  }
  return { sbox, t0, t1, t2, t3 };
}

/** An AES key (16, 24 or 32 bytes) expanded for encryption. */
export class AesEncryptor {
  readonly #roundKeys: Uint32Array;
  readonly #rounds: number;
  readonly #tables: Tables;

  constructor(key: Uint8Array) {
    if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new RangeError("AES keys are 16, 24 or 32 bytes");
    this.#tables = tables ??= buildTables();
    const { sbox } = this.#tables;
    const keyWords = key.length / 4;
    this.#rounds = keyWords + 6;
    const words = new Uint32Array(4 * (this.#rounds + 1));
    for (let i = 0; i < keyWords; i++) words[i] = ((key[4 * i]! << 24) | (key[4 * i + 1]! << 16) | (key[4 * i + 2]! << 8) | key[4 * i + 3]!) >>> 0;
    const substitute = (w: number) => ((sbox[w >>> 24]! << 24) | (sbox[(w >>> 16) & 0xff]! << 16) | (sbox[(w >>> 8) & 0xff]! << 8) | sbox[w & 0xff]!) >>> 0;
    let roundConstant = 1;
    for (let i = keyWords; i < words.length; i++) {
      let temp = words[i - 1]!;
      if (i % keyWords === 0) {
        temp = (substitute(((temp << 8) | (temp >>> 24)) >>> 0) ^ (roundConstant << 24)) >>> 0;
        roundConstant = double(roundConstant);
      } else if (keyWords > 6 && i % keyWords === 4) {
        temp = substitute(temp);
      }
      words[i] = (words[i - keyWords]! ^ temp) >>> 0;
    }
    this.#roundKeys = words;
  }

  /** Encrypts the 16 bytes of `input` at `inputOffset` into `output` at `outputOffset`. Allocates nothing (it runs once per RSDF byte). */
  encryptBlock(input: Uint8Array, inputOffset: number, output: Uint8Array, outputOffset: number): void {
    const { sbox, t0, t1, t2, t3 } = this.#tables;
    const k = this.#roundKeys;
    const i = inputOffset;
    let s0 = (((input[i]! << 24) | (input[i + 1]! << 16) | (input[i + 2]! << 8) | input[i + 3]!) ^ k[0]!) >>> 0;
    let s1 = (((input[i + 4]! << 24) | (input[i + 5]! << 16) | (input[i + 6]! << 8) | input[i + 7]!) ^ k[1]!) >>> 0;
    let s2 = (((input[i + 8]! << 24) | (input[i + 9]! << 16) | (input[i + 10]! << 8) | input[i + 11]!) ^ k[2]!) >>> 0;
    let s3 = (((input[i + 12]! << 24) | (input[i + 13]! << 16) | (input[i + 14]! << 8) | input[i + 15]!) ^ k[3]!) >>> 0;
    let r = 4;
    for (let round = 1; round < this.#rounds; round++, r += 4) {
      // ShiftRows is the choice of which column each row's byte comes from.
      const n0 = t0[s0 >>> 24]! ^ t1[(s1 >>> 16) & 0xff]! ^ t2[(s2 >>> 8) & 0xff]! ^ t3[s3 & 0xff]! ^ k[r]!;
      const n1 = t0[s1 >>> 24]! ^ t1[(s2 >>> 16) & 0xff]! ^ t2[(s3 >>> 8) & 0xff]! ^ t3[s0 & 0xff]! ^ k[r + 1]!;
      const n2 = t0[s2 >>> 24]! ^ t1[(s3 >>> 16) & 0xff]! ^ t2[(s0 >>> 8) & 0xff]! ^ t3[s1 & 0xff]! ^ k[r + 2]!;
      const n3 = t0[s3 >>> 24]! ^ t1[(s0 >>> 16) & 0xff]! ^ t2[(s1 >>> 8) & 0xff]! ^ t3[s2 & 0xff]! ^ k[r + 3]!;
      s0 = n0 >>> 0;
      s1 = n1 >>> 0;
      s2 = n2 >>> 0;
      s3 = n3 >>> 0;
    }
    // The last round has no MixColumns: SubBytes and ShiftRows, then the round key, byte by byte.
    const o = outputOffset;
    output[o] = sbox[s0 >>> 24]! ^ (k[r]! >>> 24);
    output[o + 1] = sbox[(s1 >>> 16) & 0xff]! ^ ((k[r]! >>> 16) & 0xff);
    output[o + 2] = sbox[(s2 >>> 8) & 0xff]! ^ ((k[r]! >>> 8) & 0xff);
    output[o + 3] = sbox[s3 & 0xff]! ^ (k[r]! & 0xff);
    output[o + 4] = sbox[s1 >>> 24]! ^ (k[r + 1]! >>> 24);
    output[o + 5] = sbox[(s2 >>> 16) & 0xff]! ^ ((k[r + 1]! >>> 16) & 0xff);
    output[o + 6] = sbox[(s3 >>> 8) & 0xff]! ^ ((k[r + 1]! >>> 8) & 0xff);
    output[o + 7] = sbox[s0 & 0xff]! ^ (k[r + 1]! & 0xff);
    output[o + 8] = sbox[s2 >>> 24]! ^ (k[r + 2]! >>> 24);
    output[o + 9] = sbox[(s3 >>> 16) & 0xff]! ^ ((k[r + 2]! >>> 16) & 0xff);
    output[o + 10] = sbox[(s0 >>> 8) & 0xff]! ^ ((k[r + 2]! >>> 8) & 0xff);
    output[o + 11] = sbox[s1 & 0xff]! ^ (k[r + 2]! & 0xff);
    output[o + 12] = sbox[s3 >>> 24]! ^ (k[r + 3]! >>> 24);
    output[o + 13] = sbox[(s0 >>> 16) & 0xff]! ^ ((k[r + 3]! >>> 16) & 0xff);
    output[o + 14] = sbox[(s1 >>> 8) & 0xff]! ^ ((k[r + 3]! >>> 8) & 0xff);
    output[o + 15] = sbox[s2 & 0xff]! ^ (k[r + 3]! & 0xff);
  }
}
