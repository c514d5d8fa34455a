/**
 * IP addresses and prefixes as fixed-width sortable keys: "4" + 8 hex digits for IPv4, "6" + 32 hex
 * digits for IPv6 (an IPv4-mapped IPv6 address is its IPv4). Text forms of one address vary
 * (`2001:DB8::1`, `2001:db8:0::1`), keys do not, and a CIDR prefix is the key range [low, high]: an
 * index range scan in SQL, which no text comparison of addresses gives.
 */
import { toHex } from "../lib/crypto";
import { addressBytes, prefixFromBytes } from "../lib/network";

export type IpFamily = 4 | 6;
export type IpPrefix = { family: IpFamily; length: number; /** Canonical CIDR text. */ text: string; low: string; high: string };

const STRICT_V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const STRICT_V6 = /^[0-9a-f:.]{2,45}$/i;
const PREFIX_LENGTH = /^(0|[1-9]\d{0,2})$/;

/** The address's bytes (lib/network.ts), for text strictly in one of the forms above; null otherwise. */
function strictAddressBytes(text: string): { family: IpFamily; bytes: Uint8Array } | null {
  if (!STRICT_V4.test(text) && (!STRICT_V6.test(text) || !text.includes(":"))) return null;
  return addressBytes(text);
}

/** The sortable key of an address as the journal stores it; null for no or unparsable address. */
export function ipKey(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const parsed = strictAddressBytes(ip.trim());
  return parsed ? `${parsed.family}${toHex(parsed.bytes)}` : null;
}

export type PrefixProblem = "malformed" | "host_bits_set" | "too_wide";

/**
 * Parses an address or CIDR prefix strictly: dotted-quad IPv4 without leading zeros, IPv6 without
 * brackets or zone, a decimal length within the family's bits, and no bits set past the length
 * (`203.0.113.9/24` is refused rather than guessed). Lengths shorter than `minLength` (the widest
 * scope policy allows) are "too_wide". A bare address is its own /32 or /128.
 */
export function parseIpPrefix(input: string, minLength: Record<IpFamily, number>): IpPrefix | PrefixProblem {
  const text = input.trim();
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const lengthText = slash < 0 ? null : text.slice(slash + 1);
  if (text.includes("[") || text.includes("%")) return "malformed";
  const parsed = strictAddressBytes(address);
  if (!parsed || (parsed.family === 4 && address.includes(":"))) return "malformed";
  const { family, bytes } = parsed;
  const total = bytes.length * 8;
  if (lengthText !== null && !PREFIX_LENGTH.test(lengthText)) return "malformed";
  const length = lengthText === null ? total : Number(lengthText);
  if (length > total) return "malformed";
  const prefix = prefixFromBytes(family, bytes, length);
  if (prefix.bytes.some((byte, i) => byte !== bytes[i])) return "host_bits_set";
  if (length < minLength[family]) return "too_wide";
  // The last address: every bit past the length set.
  const high = prefix.bytes.map((byte, i) => byte | (0xff >> Math.max(0, Math.min(8, length - i * 8))));
  return { family, length, text: prefix.text, low: `${family}${toHex(prefix.bytes)}`, high: `${family}${toHex(high)}` };
}

/** True when an address lies within a parsed prefix. */
export function isInPrefix(ip: string | null | undefined, prefix: Pick<IpPrefix, "low" | "high">): boolean {
  const key = ipKey(ip);
  return key !== null && key.length === prefix.low.length && key >= prefix.low && key <= prefix.high;
}
