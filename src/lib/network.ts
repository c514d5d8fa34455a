/**
 * Networks an IP address belongs to. Throttles use networkOf (an IPv4 address itself, an IPv6 /64);
 * download links and the account-sharing rule use a prefix (by default IPv4 /24, IPv6 /48), so that
 * a household's or an office's addresses count as one network.
 */
import { parseIpv4, parseIpv6 } from "./ip-address";

/** The network an IP belongs to, for throttles: an IPv4 address itself, an IPv6 address's /64. */
export function networkOf(ip: string | null): string {
  if (!ip) return "unknown";
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 (::ffff:1.2.3.4) lies in the last 64 bits, so the first four groups are enough.
  const missing = Math.max(0, 8 - left.length - right.length);
  const groups = ip.includes("::") ? [...left, ...Array(missing).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

export type PrefixBits = { ipv4: number; ipv6: number };

/** A network prefix: the address's first `bits` bits, the rest zeroed. `text` is its CIDR form. */
export type NetworkPrefix = { family: 4 | 6; bits: number; bytes: Uint8Array; text: string };

/** The address's bytes; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 address. */
export function addressBytes(ip: string): { family: 4 | 6; bytes: Uint8Array } | null {
  // An address, not a URL host: no brackets.
  if (ip.includes("[")) return null;
  const v4 = parseIpv4(ip);
  if (v4) return { family: 4, bytes: Uint8Array.from(v4) };
  const v6 = parseIpv6(ip);
  if (!v6) return null;
  if (v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff) return { family: 4, bytes: Uint8Array.from([v6[6]! >> 8, v6[6]! & 0xff, v6[7]! >> 8, v6[7]! & 0xff]) };
  return { family: 6, bytes: Uint8Array.from(v6.flatMap((g) => [g >> 8, g & 0xff])) };
}

function masked(bytes: Uint8Array, bits: number): Uint8Array {
  return bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return keep === 0 ? 0 : byte & ((0xff << (8 - keep)) & 0xff);
  });
}

function formatV6(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.start < 0) return groups.join(":");
  return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.length).join(":")}`;
}

/** The prefix of `bits` containing an address already parsed (addressBytes). */
export function prefixFromBytes(family: 4 | 6, bytes: Uint8Array, bits: number): NetworkPrefix {
  const zeroed = masked(bytes, bits);
  const address = family === 4 ? [...zeroed].join(".") : formatV6(zeroed);
  return { family, bits, bytes: zeroed, text: `${address}/${bits}` };
}

/** The prefix of `bits` (per family) containing `ip`; null when there is no IP or it does not parse. */
export function networkPrefix(ip: string | null, bits: PrefixBits): NetworkPrefix | null {
  const parsed = ip ? addressBytes(ip) : null;
  if (!parsed) return null;
  return prefixFromBytes(parsed.family, parsed.bytes, parsed.family === 4 ? bits.ipv4 : bits.ipv6);
}

/** A prefix's bytes in lower-case hex (8 digits for IPv4, 32 for IPv6). */
export function prefixHex(prefix: NetworkPrefix): string {
  return [...prefix.bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The prefix that prefixHex and a bit count describe; null unless both are well-formed. */
export function prefixFromHex(hex: string, bits: number): NetworkPrefix | null {
  if (!/^([0-9a-f]{8}|[0-9a-f]{32})$/.test(hex)) return null;
  const family = hex.length === 8 ? 4 : 6;
  if (!Number.isInteger(bits) || bits < 1 || bits > (family === 4 ? 32 : 128)) return null;
  const bytes = Uint8Array.from(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));
  const prefix = prefixFromBytes(family, bytes, bits);
  // Only a canonical form (host bits zero) is accepted, so one prefix has one spelling.
  return prefixHex(prefix) === hex ? prefix : null;
}

/** Whether `ip` lies in `prefix`. */
export function prefixContains(prefix: NetworkPrefix, ip: string | null): boolean {
  const parsed = ip ? addressBytes(ip) : null;
  if (!parsed || parsed.family !== prefix.family) return false;
  return prefixHex(prefixFromBytes(parsed.family, parsed.bytes, prefix.bits)) === prefixHex(prefix);
}
