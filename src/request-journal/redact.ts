/** Keeps secrets and file links out of the request journal. */
import { truncatePercentEncoded, truncateText } from "../lib/text";

/** Query parameters whose values are secrets or file links; matched case-insensitively. */
const REDACTED_PARAMS = new Set([
  "auth_token", "access_token", "refresh_token", "id_token", "token", "password", "pass", "passwd",
  "code", "device_code", "user_code", "secret", "client_secret", "key", "api_key", "apikey",
  "signature", "sig", "otp", "link", "links", "url", "filename",
]);
const SECRET_NAME = /(token|secret|password|passwd|code|signature|key)$/i;

export const REDACTED = "[redacted]";

function isSecretParam(name: string): boolean {
  const lower = name.toLowerCase();
  return REDACTED_PARAMS.has(lower) || SECRET_NAME.test(lower);
}

/** The query string with every secret value replaced, cut between characters; null when there is no query. */
export function redactQuery(search: string, maxLength = 1024): string | null {
  if (search === "" || search === "?") return null;
  const params = new URLSearchParams(search);
  const parts: string[] = [];
  for (const [name, value] of params) {
    const shown = isSecretParam(name) ? REDACTED : value;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(shown)}`);
  }
  return truncatePercentEncoded(parts.join("&"), maxLength);
}

/** Stands for the rest of a path that may name a file. */
export const FILE_PATH_PLACEHOLDER = ":filename";

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The path as the journal keeps it. A download path (`/d/<id>/<file name>`, whatever its case or
 * percent-encoding) keeps its id and never the file name: file names must be gone within a month,
 * the journal lives a year. On the download host (`fileHost`), which serves nothing but files, no
 * path is kept beyond its first two segments.
 */
export function redactPath(pathname: string, fileHost: boolean): { path: string; named: boolean } {
  // Most paths cannot start with a "d" segment: no need to split and decode them.
  if (!fileHost && !/^\/*(?:d|%[46]4)(?:\/|$)/i.test(pathname)) return { path: pathname, named: false };
  const segments = pathname.split("/").filter((segment) => segment !== "");
  const first = decodedSegment(segments[0] ?? "").toLowerCase();
  if (!fileHost && first !== "d") return { path: pathname, named: false };
  if (segments.length === 0) return { path: "/", named: false };
  const head = first === "d" ? "/d" : `/${truncateText(first, 16)}`;
  const id = segments[1] === undefined ? "" : `/${truncateText(decodedSegment(segments[1]), 64)}`;
  return { path: `${head}${id}/${FILE_PATH_PLACEHOLDER}`, named: true };
}
