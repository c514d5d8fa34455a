/** Which IP addresses link fetching may reach: public unicast only. */

import { parseIpv4, parseIpv6 } from "../lib/ip-address";

type V4Range = [a: number, b: number, c: number, d: number, prefix: number];
/** Not publicly routable, or special: "this network", private, loopback, CGNAT, link-local (incl. cloud metadata), benchmarking, documentation, multicast, reserved. */
const BLOCKED_V4: V4Range[] = [
  [0, 0, 0, 0, 8], [10, 0, 0, 0, 8], [100, 64, 0, 0, 10], [127, 0, 0, 0, 8], [169, 254, 0, 0, 16],
  [172, 16, 0, 0, 12], [192, 0, 0, 0, 24], [192, 0, 2, 0, 24], [192, 88, 99, 0, 24], [192, 168, 0, 0, 16],
  [198, 18, 0, 0, 15], [198, 51, 100, 0, 24], [203, 0, 113, 0, 24], [224, 0, 0, 0, 4], [240, 0, 0, 0, 4],
];

function v4ToNumber(b: number[]): number {
  return ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
}

export function isPublicIpv4(bytes: number[]): boolean {
  const value = v4ToNumber(bytes);
  return !BLOCKED_V4.some(([a, b, c, d, prefix]) => {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return ((value & mask) >>> 0) === ((v4ToNumber([a, b, c, d]) & mask) >>> 0);
  });
}

export function isPublicIpv6(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const v4Tail = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  if (groups.slice(0, 7).every((g) => g === 0)) return false; // :: and ::1
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) return isPublicIpv4(v4Tail); // IPv4-mapped / compatible
  if (g0 === 0x64 && g1 === 0xff9b) return isPublicIpv4(v4Tail); // NAT64 well-known prefix
  if (g0 === 0x2002) return isPublicIpv4([g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]); // 6to4 embeds an IPv4
  if ((g0 & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return false; // link-local, site-local
  if ((g0 & 0xff00) === 0xff00) return false; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return false; // documentation
  if (g0 === 0x2001 && g1 === 0) return false; // Teredo tunnels can reach anything
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return false; // discard-only
  return (g0 & 0xe000) === 0x2000; // only global unicast 2000::/3 is public
}

/** True when the text is an IP address (either family) that is public unicast. */
export function isPublicIpAddress(text: string): boolean {
  const v4 = parseIpv4(text);
  if (v4) return isPublicIpv4(v4);
  const v6 = parseIpv6(text);
  return v6 ? isPublicIpv6(v6) : false;
}
