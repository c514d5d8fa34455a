/** What the request metadata says about the client: its public IP and approximate location. */
import { truncateText } from "../lib/text";

export type ClientContext = {
  ip: string | null;
  country: string | null;
  region: string | null;
  regionCode: string | null;
  city: string | null;
  postalCode: string | null;
  continent: string | null;
  latitude: number | null;
  longitude: number | null;
  timezone: string | null;
  asn: number | null;
  asOrganization: string | null;
  /** Data center that took the request (not the client's place). */
  colo: string | null;
  isEu: boolean | null;
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_CHARS = /^[0-9a-fA-F:.]{2,45}$/;

/** Accepts an IPv4 or IPv6 address in its textual form, lower-cased; anything else is null. */
export function parseIpAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const candidate = value.trim();
  if (IPV4.test(candidate)) return candidate;
  if (!IPV6_CHARS.test(candidate) || !candidate.includes(":")) return null;
  try {
    // The URL parser validates IPv6 syntax (and IPv4-mapped forms) for us.
    new URL(`http://[${candidate}]/`);
    return candidate.toLowerCase();
  } catch {
    return null;
  }
}

function text(value: unknown, maxLength = 128): string | null {
  return typeof value === "string" && value !== "" ? truncateText(value, maxLength) : null;
}

function coordinate(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number.parseFloat(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads the client's IP from `CF-Connecting-IP` (set by Cloudflare's edge; never X-Forwarded-For,
 * whose leftmost entries the client chooses) and its location from `request.cf`.
 * Missing metadata, as in local development and tests, gives null fields.
 */
export function readClientContext(request: Request): ClientContext {
  const cf = (request.cf ?? {}) as Record<string, unknown>;
  const asn = typeof cf.asn === "number" ? cf.asn : coordinate(cf.asn);
  return {
    ip: parseIpAddress(request.headers.get("cf-connecting-ip")),
    country: text(cf.country, 2),
    region: text(cf.region),
    regionCode: text(cf.regionCode, 8),
    city: text(cf.city),
    postalCode: text(cf.postalCode, 16),
    continent: text(cf.continent, 2),
    latitude: coordinate(cf.latitude),
    longitude: coordinate(cf.longitude),
    timezone: text(cf.timezone, 64),
    asn: asn === null ? null : Math.trunc(asn),
    asOrganization: text(cf.asOrganization),
    colo: text(cf.colo, 8),
    isEu: cf.isEUCountry === undefined ? (typeof cf.country === "string" ? false : null) : cf.isEUCountry === "1",
  };
}

/** The fields of a client context that say where it is (what `X-Relais-Dev-Location` may replace in development). */
export type ClientLocation = Pick<ClientContext, "country" | "asn" | "asOrganization" | "city" | "region" | "latitude" | "longitude" | "continent" | "timezone">;

/** The same client in another place: every location field replaced, the finer ones (postal code, region code, EU flag) cleared. */
export function withLocation(client: ClientContext, location: ClientLocation): ClientContext {
  return { ...client, ...location, regionCode: null, postalCode: null, isEu: null };
}
