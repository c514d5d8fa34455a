/**
 * Link containers (`unrestrict/containerFile`, `unrestrict/containerLink`): files listing hoster
 * links, encrypted with keys that were meant to stay secret and no longer are. RSDF and CCF open
 * offline; DLC needs a key from JDownloader's online service for every file, which we do not call
 * (it would send each user's container key to a third party), so it gets its own clear error.
 * Nothing of a container is stored or logged: its links are only answered.
 */
import { CONTAINER_FETCH_TIMEOUT_MS, CONTAINER_MAX_BYTES, CONTAINER_MAX_LINKS, MAX_LINK_LENGTH, RSDF_MAX_LINK_BYTES } from "../config";
import { AppError } from "../errors";
import { readBodyWithin } from "../fetching/read-body";
import { safeFetch, type FetchDeps } from "../fetching/safe-fetch";
import { decryptCcf } from "./ccf";
import { decryptRsdf } from "./rsdf";

export type ContainerFormat = "rsdf" | "ccf" | "dlc";

/**
 * A DLC file: base64 of the encrypted document (its padding may sit in the middle), then the
 * 88-character encrypted key that only JDownloader's service turns into the document's key.
 */
const DLC_KEY_LENGTH = 88;

const isHexDigit = (byte: number) => (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66);
const isBase64 = (byte: number) => isHexDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a) || byte === 0x2b || byte === 0x2f || byte === 0x3d;
const isSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/**
 * What a file's bytes look like, in one pass: RSDF is hex text and DLC base64 text (whitespace
 * aside), CCF is binary. `text`: the file without its whitespace (and byte order mark), when it is text.
 */
function sniff(bytes: Uint8Array): { kind: "hex" | "base64" | "binary"; text: Uint8Array } {
  const text = new Uint8Array(bytes.length);
  let length = 0;
  let hex = true;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (isSpace(byte)) continue;
    if (!isBase64(byte)) return { kind: "binary", text: text.subarray(0, 0) };
    hex &&= isHexDigit(byte);
    text[length++] = byte;
  }
  return { kind: hex && length >= 2 && length % 2 === 0 ? "hex" : "base64", text: text.subarray(0, length) };
}

const tooLarge = (details: Record<string, unknown>) => new AppError("container_too_large", { details });
const invalid = (format: ContainerFormat, reason: string) => new AppError("container_invalid", { details: { format, reason } });

/** The links of a container file, in the container's order. Throws container_* errors (400/413), never 5xx. */
export async function openContainer(bytes: Uint8Array): Promise<string[]> {
  if (bytes.length > CONTAINER_MAX_BYTES) throw tooLarge({ max_bytes: CONTAINER_MAX_BYTES });
  const { kind, text } = sniff(bytes);
  let format: ContainerFormat;
  let texts: string[];
  if (kind === "hex") {
    format = "rsdf";
    const result = decryptRsdf(text, { maxLinks: CONTAINER_MAX_LINKS, maxBytes: RSDF_MAX_LINK_BYTES, maxLinkLength: MAX_LINK_LENGTH });
    if (!result.ok && result.reason === "too_many_links") throw tooLarge({ max_links: CONTAINER_MAX_LINKS });
    if (!result.ok && result.reason === "too_many_bytes") throw tooLarge({ format, max_link_bytes: RSDF_MAX_LINK_BYTES });
    if (!result.ok) throw invalid(format, result.reason);
    texts = result.texts;
  } else if (kind === "base64" && text.length > DLC_KEY_LENGTH) {
    throw new AppError("container_dlc_unsupported", { details: { format: "dlc" } });
  } else {
    // Anything else may be CCF, which says nothing about itself: it is whatever one of its keys opens.
    format = "ccf";
    const result = kind === "binary" ? await decryptCcf(bytes) : { ok: false as const };
    if (!result.ok) throw new AppError("container_unknown_format");
    texts = result.texts;
  }
  if (texts.length > CONTAINER_MAX_LINKS) throw tooLarge({ max_links: CONTAINER_MAX_LINKS });
  if (texts.length === 0) throw invalid(format, "no_links");
  // A wrong key or a damaged file decrypts to bytes, not addresses. The refusal never quotes a line: it may hold a secret.
  for (const text of texts) {
    if (text.length > MAX_LINK_LENGTH) throw invalid(format, "link_too_long");
    if (!isHttpLink(text)) throw invalid(format, "not_a_link");
  }
  return texts;
}

function isHttpLink(text: string): boolean {
  if (/[\u0000-\u0020\u007f-\u009f]/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * Fetches a container by its link under the SSRF rules, reading at most CONTAINER_MAX_BYTES within
 * CONTAINER_FETCH_TIMEOUT_MS. Throws link_refused (400), container_too_large (413), file_unavailable
 * (503, the link answers no file) or hoster_unavailable (503, unreachable or too slow).
 */
export async function fetchContainer(deps: FetchDeps, link: string): Promise<Uint8Array> {
  const deadline = Date.now() + CONTAINER_FETCH_TIMEOUT_MS;
  const { response } = await safeFetch(link, deps, {
    headers: { "accept-encoding": "identity", "user-agent": "Relais/1.0" },
    timeoutMs: CONTAINER_FETCH_TIMEOUT_MS,
  });
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new AppError(response.status >= 500 || response.status === 429 ? "hoster_unavailable" : "file_unavailable", { details: { origin_status: response.status } });
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > CONTAINER_MAX_BYTES) {
    await response.body?.cancel();
    throw tooLarge({ max_bytes: CONTAINER_MAX_BYTES });
  }
  if (!response.body) return new Uint8Array(0);
  return readBodyWithin(response.body, CONTAINER_MAX_BYTES, deadline, () => tooLarge({ max_bytes: CONTAINER_MAX_BYTES }));
}
