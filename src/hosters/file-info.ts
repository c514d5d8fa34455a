/** File metadata from HTTP headers and URLs: name, size, type. */
import { MAX_FILENAME_LENGTH } from "../config";
import { truncateText, wellFormed } from "../lib/text";

const MIME_BY_EXTENSION: Record<string, string> = {
  mkv: "video/x-matroska", mp4: "video/mp4", avi: "video/x-msvideo", webm: "video/webm", mov: "video/quicktime",
  mp3: "audio/mpeg", flac: "audio/flac", ogg: "audio/ogg", wav: "audio/wav", m4a: "audio/mp4",
  zip: "application/zip", rar: "application/vnd.rar", "7z": "application/x-7z-compressed", gz: "application/gzip",
  tar: "application/x-tar", iso: "application/x-iso9660-image", pdf: "application/pdf", epub: "application/epub+zip",
  txt: "text/plain", bin: "application/octet-stream", exe: "application/octet-stream", jpg: "image/jpeg",
  jpeg: "image/jpeg", png: "image/png", srt: "application/x-subrip",
};

export const DEFAULT_MIME_TYPE = "application/octet-stream";
/** UTF-16 code units, as NTFS counts them. */
/** An extension longer than this is part of the name, not a type worth keeping through a cut. */
const EXTENSION = /\.[^.\s]{1,16}$/;

/** A MIME type guessed from the file name's extension, as Real-Debrid does. */
export function mimeTypeFromFilename(filename: string): string {
  const extension = filename.toLowerCase().split(".").at(-1) ?? "";
  return MIME_BY_EXTENSION[extension] ?? DEFAULT_MIME_TYPE;
}

/**
 * A well-formed NFC name without path separators or control characters, of at most 255 code units,
 * cut between characters before its extension (which is kept, so its type stays guessable);
 * "download" when nothing is left.
 */
export function sanitizeFilename(name: string): string {
  const cleaned = wellFormed(name).normalize("NFC").replace(/[\u0000-\u001f\u007f/\\]/g, "_").replace(/^\.+/, "").trim();
  if (cleaned.length <= MAX_FILENAME_LENGTH) return cleaned || "download";
  const extension = EXTENSION.exec(cleaned)?.[0] ?? "";
  const stem = cleaned.slice(0, cleaned.length - extension.length);
  return truncateText(stem, MAX_FILENAME_LENGTH - extension.length).trimEnd() + extension;
}

/** Percent-decoded UTF-8, or null when malformed (an escaped lone surrogate included). */
function percentDecoded(text: string): string | null {
  try {
    return wellFormed(decodeURIComponent(text));
  } catch {
    return null;
  }
}

/** The well-formed file name a Content-Disposition header gives (filename* preferred), or null. */
export function filenameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  // Malformed percent-encoding: the plain parameter, if any.
  const decoded = extended ? percentDecoded(extended[2]!.trim().replace(/^"|"$/g, "")) : null;
  if (decoded) return decoded;
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (!plain) return null;
  return wellFormed(plain[2] !== undefined ? plain[2].replace(/\\(.)/g, "$1") : plain[1]!).trim() || null;
}

/** The last path segment of a URL, decoded (as is when malformed), or null. */
export function filenameFromUrl(url: URL): string | null {
  const segment = url.pathname.split("/").filter(Boolean).at(-1);
  if (!segment) return null;
  return percentDecoded(segment) ?? segment;
}

/** Total size from `Content-Range: bytes 0-0/12345`, or null. */
export function totalFromContentRange(header: string | null): number | null {
  const match = header ? /\/(\d+)\s*$/.exec(header) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The RFC 6266 header for a download: an ASCII fallback plus the UTF-8 name (RFC 5987), which
 * decodes back to the name exactly (lone surrogates, if any, as U+FFFD). Never throws.
 */
export function attachmentDisposition(filename: string): string {
  const name = wellFormed(filename);
  const ascii = name.replace(/[^\x20-\x7e]/gu, "_").replace(/["\\]/g, "_");
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
