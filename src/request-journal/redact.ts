/** Keeps secrets and file links out of the request journal. */
import { truncatePercentEncoded } from "../lib/text";

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
