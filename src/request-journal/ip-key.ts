/**
 * IP addresses and prefixes as fixed-width sortable keys: "4" + 8 hex digits for IPv4, "6" + 32 hex
 * digits for IPv6 (an IPv4-mapped IPv6 address is its IPv4). Text forms of one address vary
 * (`2001:DB8::1`, `2001:db8:0::1`), keys do not, and a CIDR prefix is the key range [low, high]: an
 * index range scan in SQL, which no text comparison of addresses gives.
 */
import { parseIpv4, parseIpv6 } from "../lib/ip-address";

export type IpFamily = 4 | 6;
export type IpPrefix = { family: IpFamily; length: number; /** Canonical CIDR text. */ text: string; low: string; high: string };

const STRICT_V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const STRICT_V6 = /^[0-9a-f:.]{2,45}$/i;
const PREFIX_LENGTH = /^(0|[1-9]\d{0,2})$/;

function hex(values: number[], digits: number): string {
  return values.map((v) => v.toString(16).padStart(digits, "0")).join("");
}

/** The address's bits as 4 bytes (IPv4) or 8 groups (IPv6), or null when the text is not an address. */
function addressBits(text: string): { family: IpFamily; bits: number[] } | null {
  if (STRICT_V4.test(text)) return { family: 4, bits: parseIpv4(text)! };
  if (!STRICT_V6.test(text) || !text.includes(":")) return null;
  const groups = parseIpv6(text);
  if (!groups) return null;
  // ::ffff:a.b.c.d is how dual-stack sockets spell an IPv4 client: the same address.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return { family: 4, bits: [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff] };
  return { family: 6, bits: groups };
}

/** The sortable key of an address as the journal stores it; null for no or unparsable address. */
export function ipKey(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const parsed = addressBits(ip.trim());
  if (!parsed) return null;
  return parsed.family === 4 ? `4${hex(parsed.bits, 2)}` : `6${hex(parsed.bits, 4)}`;
}

function formatV6(groups: number[]): string {
  // RFC 5952: the longest run (of two or more) of zero groups becomes "::", the first such run on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const parts = groups.map((g) => g.toString(16));
  if (bestStart < 0) return parts.join(":");
  return `${parts.slice(0, bestStart).join(":")}::${parts.slice(bestStart + bestLength).join(":")}`;
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
  const parsed = addressBits(address);
  if (!parsed || (parsed.family === 4 && address.includes(":"))) return "malformed";
  const { family, bits } = parsed;
  const width = family === 4 ? 8 : 16;
  const total = bits.length * width;
  if (lengthText !== null && !PREFIX_LENGTH.test(lengthText)) return "malformed";
  const length = lengthText === null ? total : Number(lengthText);
  if (length > total) return "malformed";
  const low: number[] = [];
  const high: number[] = [];
  for (let i = 0; i < bits.length; i++) {
    const kept = Math.max(0, Math.min(width, length - i * width));
    const mask = kept === 0 ? 0 : ((1 << width) - 1) ^ ((1 << (width - kept)) - 1);
    if ((bits[i]! & ~mask & ((1 << width) - 1)) !== 0) return "host_bits_set";
    low.push(bits[i]! & mask);
    high.push((bits[i]! & mask) | (((1 << width) - 1) & ~mask));
  }
  if (length < minLength[family]) return "too_wide";
  const digits = family === 4 ? 2 : 4;
  const base = family === 4 ? low.join(".") : formatV6(low);
  return { family, length, text: `${base}/${length}`, low: `${family}${hex(low, digits)}`, high: `${family}${hex(high, digits)}` };
}

/** True when an address lies within a parsed prefix. */
export function isInPrefix(ip: string | null | undefined, prefix: Pick<IpPrefix, "low" | "high">): boolean {
  const key = ipKey(ip);
  return key !== null && key.length === prefix.low.length && key >= prefix.low && key <= prefix.high;
}
