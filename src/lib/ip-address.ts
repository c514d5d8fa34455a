/** IP address text parsed into numbers: one parser for link fetching, network prefixes and bindings. */

/** Parses dotted-quad IPv4 (the only form the URL parser and DNS answers produce); null otherwise. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : null;
}

/** Parses IPv6 text (with optional embedded IPv4 tail) into 8 groups; null when malformed. */
export function parseIpv6(text: string): number[] | null {
  let value = text.toLowerCase();
  if (value.startsWith("[") && value.endsWith("]")) value = value.slice(1, -1);
  if (!/^[0-9a-f:.]+$/.test(value)) return null;
  const lastColon = value.lastIndexOf(":");
  if (value.slice(lastColon + 1).includes(".")) {
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes its two hex groups.
    const v4 = parseIpv4(value.slice(lastColon + 1));
    if (!v4) return null;
    value = `${value.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = value.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (halves.length === 2 && head.length + rest.length > 7) return null;
  const groups = halves.length === 2 ? [...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  return groups;
}
