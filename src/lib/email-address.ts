/**
 * What an email address is, for the site and the operator's scripts alike (no imports: Node runs
 * this file as it is). One mailbox has one spelling: the local part as typed (NFC; UTF-8 local parts
 * are valid, RFC 6531), the domain in its ASCII (IDNA) form; the lower-cased address is the key.
 */
export type EmailAddress = { email: string; normalized: string };

// Characters no address may hold: whitespace, controls, invisible format characters (bidi
// overrides, zero-width joiners: they make one address read as another), unassigned code points.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
// Unquoted specials of RFC 5322: an address needing quotes is refused, not half understood.
const LOCAL_PART = /^[^@"\\(),:;<>[\]]{1,64}$/u;
// What a domain may be typed with before IDNA: no URL syntax (`\` and `%` would change the host the URL parser reads).
const DOMAIN_TYPED = /^[^@/\\?#%:[\]]+$/u;
// The domain as DNS knows it (letters, digits, hyphens), with at least two labels and a top level that is not a number.
const DOMAIN_ASCII = /^(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// Fullwidth and halfwidth forms (an input method left in full-width mode): read as the characters they stand for.
const WIDTH_FORMS = /[\uFF01-\uFFEE]/gu;

/** The domain in its ASCII (IDNA) form, lower-cased, through the WHATWG URL parser; null when it is no host name. */
function asciiDomain(domain: string): string | null {
  if (!DOMAIN_TYPED.test(domain)) return null;
  let host: string;
  try {
    host = new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
  return host.length <= 253 && DOMAIN_ASCII.test(host) ? host : null;
}

/** Trims and checks an email of at most `maxLength` characters; null when malformed. */
export function parseEmailAddress(raw: unknown, maxLength: number): EmailAddress | null {
  if (typeof raw !== "string" || raw.length > maxLength * 4) return null;
  const typed = raw.trim().replace(WIDTH_FORMS, (c) => c.normalize("NFKC")).normalize("NFC");
  if (FORBIDDEN.test(typed) || !typed.isWellFormed()) return null;
  const at = typed.lastIndexOf("@");
  const local = typed.slice(0, at);
  if (at < 0 || !LOCAL_PART.test(local) || local.startsWith(".") || local.endsWith(".") || local.includes("..")) return null;
  const domain = asciiDomain(typed.slice(at + 1));
  if (!domain) return null;
  const email = `${local}@${domain}`;
  if (email.length > maxLength) return null;
  return { email, normalized: email.toLowerCase() };
}
