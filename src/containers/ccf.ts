/**
 * CCF ("CryptLoad Container File") containers, opened offline: an XML document (`<CryptLoad>`,
 * packages of `<Download Url="…"><Url>…</Url>…</Download>`) encrypted with AES-256-CBC under one
 * of three fixed, public key/vector pairs (CCF 1.0, 0.8, 0.7, as JDownloader's DLC API lists
 * them), zero-padded to the block size. Which pair was used is not written anywhere: each is
 * tried until the text reads as CryptLoad XML.
 */
import { hexBytes } from "./aes";

const KEYS: readonly { version: string; key: string; iv: string }[] = [
  { version: "1.0", key: "5F679C00548737E120E6518A981BD0BA11AF5C719E97502983AD6AA38ED721C3", iv: "E3D153AD609EF7358D66684180C7331A" },
  { version: "0.8", key: "171BF8E34C3D0C0C2693FDD2B080423A5B98F4D028A0AF4D82A385D837A8F95F", iv: "9FE95FFF7CA4FC0FCEF25E4F7444AE67" },
  { version: "0.7", key: "026900E977C6402442B661329CFE62D6ED21BDEB0CD6321318A8EDC7BC5A6C86", iv: "8CE1173EBAD76E08584B94573926231E" },
];

const BLOCK = 16;

/**
 * AES-CBC decryption of whole blocks without padding. WebCrypto insists on PKCS#7 padding, so one
 * block is appended that decrypts to a full padding block (the cipher of sixteen 0x10 bytes
 * chained on the last real block): WebCrypto checks and strips exactly that block.
 */
async function decryptCbcWithoutPadding(keyBytes: Uint8Array<ArrayBuffer>, iv: Uint8Array<ArrayBuffer>, data: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", keyBytes, "AES-CBC", false, ["encrypt", "decrypt"]);
  const lastBlock = data.slice(data.length - BLOCK);
  const padding = new Uint8Array(BLOCK).fill(BLOCK);
  const extra = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: lastBlock }, key, padding)).subarray(0, BLOCK);
  const joined = new Uint8Array(data.length + BLOCK);
  joined.set(data);
  joined.set(extra, data.length);
  return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv }, key, joined));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** The links of CryptLoad XML: each `<Download>`'s `<Url>` element, or its `Url` attribute. */
function linksOfCryptLoad(xml: string): string[] {
  const links: string[] = [];
  for (const match of xml.matchAll(/<Download\b([^>]*?)(\/>|>([\s\S]*?)<\/Download\s*>)/gi)) {
    const element = /<Url\s*>([\s\S]*?)<\/Url\s*>/i.exec(match[3] ?? "")?.[1];
    const attribute = /\bUrl\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(match[1] ?? "");
    const link = element ?? attribute?.[1] ?? attribute?.[2];
    if (link !== undefined && link.trim() !== "") links.push(decodeXmlText(link.trim()));
  }
  return links;
}

export type CcfResult = { ok: true; version: string; texts: string[] } | { ok: false };

/** The link texts of a CCF file, before any check that they are links; not ok when no key opens it (or it is not whole cipher blocks). */
export async function decryptCcf(bytes: Uint8Array): Promise<CcfResult> {
  if (bytes.length < BLOCK || bytes.length % BLOCK !== 0) return { ok: false };
  const decoder = new TextDecoder();
  for (const { version, key, iv } of KEYS) {
    const plaintext = await decryptCbcWithoutPadding(hexBytes(key), hexBytes(iv), bytes);
    let end = plaintext.length;
    while (end > 0 && plaintext[end - 1] === 0) end--;
    const xml = decoder.decode(plaintext.subarray(0, end));
    if (/<CryptLoad\b/i.test(xml)) return { ok: true, version, texts: linksOfCryptLoad(xml) };
  }
  return { ok: false };
}
