import { describe, expect, it } from "vitest";
import { AesEncryptor } from "../../../src/containers/aes";

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (pair) => Number.parseInt(pair, 16));
const toHex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");

function encrypt(key: Uint8Array, block: Uint8Array): string {
  const out = new Uint8Array(16);
  new AesEncryptor(key).encryptBlock(block, 0, out, 0);
  return toHex(out);
}

describe("the AES block cipher used for RSDF", () => {
  it("gives FIPS-197's example vectors (appendix C) for 128, 192 and 256-bit keys", () => {
    const plaintext = hex("00112233445566778899aabbccddeeff");
    const key = (bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => i);
    expect(encrypt(key(16), plaintext)).toBe("69c4e0d86a7b0430d8cdb78070b4c55a");
    expect(encrypt(key(24), plaintext)).toBe("dda97ca4864cdfe06eaf70a0ec0d7191");
    expect(encrypt(key(32), plaintext)).toBe("8ea2b7ca516745bfeafc49904b496089");
  });

  it("agrees with WebCrypto on random keys and blocks", async () => {
    for (const size of [16, 24, 32]) {
      for (let i = 0; i < 20; i++) {
        const key = crypto.getRandomValues(new Uint8Array(size));
        const block = crypto.getRandomValues(new Uint8Array(16));
        const webKey = await crypto.subtle.importKey("raw", key, "AES-CBC", false, ["encrypt"]);
        // CBC over one block with a zero vector is the block cipher itself.
        const expected = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, webKey, block)).subarray(0, 16);
        expect(encrypt(key, block)).toBe(toHex(expected));
      }
    }
  });

  it("derives the RSDF vector JDownloader's DLC API publishes, from the public key and seed", () => {
    expect(encrypt(hex("8C35192D964DC3182C6F84F3252239EB4A320D2500000000"), new Uint8Array(16).fill(0xff))).toBe("a3d5a33cb95ac1f5cbdb1ad25cb0a7aa");
  });
});
