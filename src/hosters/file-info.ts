/** File metadata from HTTP headers and URLs: name, size, type. */

const MIME_BY_EXTENSION: Record<string, string> = {
  mkv: "video/x-matroska", mp4: "video/mp4", avi: "video/x-msvideo", webm: "video/webm", mov: "video/quicktime",
  mp3: "audio/mpeg", flac: "audio/flac", ogg: "audio/ogg", wav: "audio/wav", m4a: "audio/mp4",
  zip: "application/zip", rar: "application/vnd.rar", "7z": "application/x-7z-compressed", gz: "application/gzip",
  tar: "application/x-tar", iso: "application/x-iso9660-image", pdf: "application/pdf", epub: "application/epub+zip",
  txt: "text/plain", bin: "application/octet-stream", exe: "application/octet-stream", jpg: "image/jpeg",
  jpeg: "image/jpeg", png: "image/png", srt: "application/x-subrip",
};

export const DEFAULT_MIME_TYPE = "application/octet-stream";
const MAX_FILENAME_LENGTH = 255;

/** A MIME type guessed from the file name's extension, as Real-Debrid does. */
export function mimeTypeFromFilename(filename: string): string {
  const extension = filename.toLowerCase().split(".").at(-1) ?? "";
  return MIME_BY_EXTENSION[extension] ?? DEFAULT_MIME_TYPE;
}

/** Removes path separators and control characters, caps the length; "download" when nothing is left. */
export function sanitizeFilename(name: string): string {
  const cleaned = name.normalize("NFC").replace(/[\u0000-\u001f\u007f/\\]/g, "_").replace(/^\.+/, "").trim();
  return cleaned.slice(0, MAX_FILENAME_LENGTH) || "download";
}

/** The file name a Content-Disposition header gives (filename* preferred), or null. */
export function filenameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2]!.trim().replace(/^"|"$/g, ""));
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (!plain) return null;
  return (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, "$1") : plain[1]!).trim() || null;
}

/** The last path segment of a URL, decoded, or null. */
export function filenameFromUrl(url: URL): string | null {
  const segment = url.pathname.split("/").filter(Boolean).at(-1);
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Total size from `Content-Range: bytes 0-0/12345`, or null. */
export function totalFromContentRange(header: string | null): number | null {
  const match = header ? /\/(\d+)\s*$/.exec(header) : null;
  return match ? Number(match[1]) : null;
}

/** The RFC 6266 header for a download: an ASCII fallback plus the UTF-8 name. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
