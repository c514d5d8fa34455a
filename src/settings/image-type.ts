/**
 * Recognising an avatar picture by its bytes, never by a name or a declared type: PNG, JPEG, GIF
 * or WebP, each with its structure checked far enough to read its dimensions and see it whole
 * (PNG ends with IEND, JPEG with EOI, GIF with its trailer, WebP's RIFF length matches). Anything
 * else, an HTML page renamed .png included, is refused.
 */
export type ImageType = { contentType: "image/png" | "image/jpeg" | "image/gif" | "image/webp"; extension: string; width: number; height: number };

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const u32le = (b: Uint8Array, at: number) => b[at]! + (b[at + 1]! << 8) + (b[at + 2]! << 16) + ((b[at + 3]! << 24) >>> 0);

function png(bytes: Uint8Array): ImageType | null {
  if (bytes.length < 57 || !startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return null;
  if (u32be(bytes, 8) !== 13 || ascii(bytes, 12, 4) !== "IHDR") return null;
  const end = bytes.length - 12;
  if (u32be(bytes, end) !== 0 || ascii(bytes, end + 4, 4) !== "IEND") return null;
  return { contentType: "image/png", extension: "png", width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function gif(bytes: Uint8Array): ImageType | null {
  if (bytes.length < 14 || !(ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") || bytes[bytes.length - 1] !== 0x3b) return null;
  return { contentType: "image/gif", extension: "gif", width: u16le(bytes, 6), height: u16le(bytes, 8) };
}

function jpeg(bytes: Uint8Array): ImageType | null {
  if (bytes.length < 12 || !startsWith(bytes, [0xff, 0xd8, 0xff]) || !startsWith(bytes, [0xff, 0xd9], bytes.length - 2)) return null;
  // Walk the marker segments up to a start-of-frame, which holds the dimensions.
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = u16be(bytes, at + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { contentType: "image/jpeg", extension: "jpg", height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) };
    at += 2 + length;
  }
  return null;
}

function webp(bytes: Uint8Array): ImageType | null {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WEBP" || u32le(bytes, 4) + 8 !== bytes.length) return null;
  const chunk = ascii(bytes, 12, 4);
  const image = (width: number, height: number): ImageType => ({ contentType: "image/webp", extension: "webp", width, height });
  if (chunk === "VP8X") return image(u24le(bytes, 24) + 1, u24le(bytes, 27) + 1);
  if (chunk === "VP8 " && startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return image(u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff);
  if (chunk === "VP8L" && bytes[20] === 0x2f) {
    const bits = u32le(bytes, 21);
    return image((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  return null;
}

/** The picture's type and dimensions, or null when the bytes are not a whole PNG, JPEG, GIF or WebP. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes);
}
