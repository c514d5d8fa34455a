/**
 * Link container encoders, written from the formats' public descriptions (JDownloader's DLC API,
 * which writes all three): the fixtures of the container tests. They use WebCrypto only, so they
 * share no code with the decoders under test.
 */

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (pair) => Number.parseInt(pair, 16));
const toHex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));

/** The key, and the vector as the DLC API publishes it (the 0xFF seed already encrypted). */
const RSDF_KEY = "8C35192D964DC3182C6F84F3252239EB4A320D2500000000";
const RSDF_IV = "a3d5a33cb95ac1f5cbdb1ad25cb0a7aa";

/** One AES block (the cipher itself): CBC over a single block with a zero vector is exactly that. */
async function encryptBlock(key: CryptoKey, block: Uint8Array): Promise<Uint8Array> {
  const out = await crypto.subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, key, block as BufferSource);
  return new Uint8Array(out).subarray(0, 16);
}

/**
 * An RSDF file as the DLC API writes it: every link through one AES-192 cipher in 8-bit CFB mode
 * (NIST SP 800-38A §6.3: each byte XORed with the first byte of the cipher of the last 16
 * ciphertext bytes), each result base64 on its own CRLF-ended line, the whole hex-encoded.
 * `prefix`: what older writers put before each link ("CCF: ").
 */
export async function encodeRsdf(links: string[], options: { prefix?: string; upperCase?: boolean } = {}): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", hex(RSDF_KEY), "AES-CBC", false, ["encrypt"]);
  let register = hex(RSDF_IV);
  let text = "";
  for (const link of links) {
    const plain = new TextEncoder().encode(`${options.prefix ?? ""}${link}`);
    const cipher = new Uint8Array(plain.length);
    for (let i = 0; i < plain.length; i++) {
      cipher[i] = plain[i]! ^ (await encryptBlock(key, register))[0]!;
      const next = new Uint8Array(16);
      next.set(register.subarray(1));
      next[15] = cipher[i]!;
      register = next;
    }
    text += `${toBase64(cipher)}\r\n`;
  }
  const encoded = toHex(new TextEncoder().encode(text));
  return new TextEncoder().encode(options.upperCase ? encoded.toUpperCase() : encoded);
}

const CCF_KEYS = {
  "1.0": { key: "5F679C00548737E120E6518A981BD0BA11AF5C719E97502983AD6AA38ED721C3", iv: "E3D153AD609EF7358D66684180C7331A" },
  "0.8": { key: "171BF8E34C3D0C0C2693FDD2B080423A5B98F4D028A0AF4D82A385D837A8F95F", iv: "9FE95FFF7CA4FC0FCEF25E4F7444AE67" },
  "0.7": { key: "026900E977C6402442B661329CFE62D6ED21BDEB0CD6321318A8EDC7BC5A6C86", iv: "8CE1173EBAD76E08584B94573926231E" },
} as const;

/** CryptLoad XML as the DLC API's createCCF builds it (links written as they are, unescaped, like it). */
export function cryptLoadXml(links: string[], packageName = "package"): string {
  const downloads = links.map((link) => `<Download Url="${link}"><FileSize>0</FileSize><Url>${link}</Url><FileName/></Download>`).join("");
  return `<?xml version="1.0" encoding="utf-8"?><CryptLoad><Package service="" name="${packageName}" url="Directlinks"><Options><Kommentar>create by DLCAPI</Kommentar><Passwort /></Options>${downloads}</Package></CryptLoad>`;
}

/** Text encrypted as a CCF file: zero-padded to whole blocks, AES-256-CBC with a version's fixed key and vector. */
export async function encryptCcf(text: string, version: keyof typeof CCF_KEYS = "1.0"): Promise<Uint8Array> {
  const plain = new TextEncoder().encode(text);
  const padded = new Uint8Array(Math.ceil(plain.length / 16) * 16);
  padded.set(plain);
  const { key, iv } = CCF_KEYS[version];
  const cryptoKey = await crypto.subtle.importKey("raw", hex(key), "AES-CBC", false, ["encrypt"]);
  // WebCrypto adds a PKCS#7 block; CBC's first blocks do not depend on it, so dropping it leaves the zero-padded cipher.
  const encrypted = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: hex(iv) }, cryptoKey, padded));
  return encrypted.subarray(0, padded.length);
}

export const encodeCcf = (links: string[], version: keyof typeof CCF_KEYS = "1.0") => encryptCcf(cryptLoadXml(links), version);

/** A DLC file's shape: base64 of the encrypted XML, then the 88-character key only JDownloader's service can decrypt. */
export function fakeDlc(): Uint8Array {
  // 301 bytes: the base64 ends with padding, followed by the key.
  const body = toBase64(crypto.getRandomValues(new Uint8Array(301)));
  const key = toBase64(crypto.getRandomValues(new Uint8Array(66)));
  return new TextEncoder().encode(body + key);
}
