/**
 * Trying places locally: `wrangler dev` has no real `request.cf`, so under ENVIRONMENT=development
 * only, a request header `X-Relais-Dev-Location` carrying JSON replaces the location fields of the
 * client context (country, asn, city, coordinates…). Anywhere else the header is ignored. A header
 * that is not such a JSON object is a bad request (400), in development: guessing would hide typos.
 * Global middleware, after the journal, so that the journal records the place the app acted on.
 */
import type { MiddlewareHandler } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { isDevelopment } from "../mail/outbox";
import { withLocation, type ClientLocation } from "../request-context/client-context";

export const DEV_LOCATION_HEADER = "x-relais-dev-location";
const MAX_HEADER_LENGTH = 2048;

const Text = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max)));

/** The fields of `request.cf` a developer may set, with their real types and ranges; nothing else. */
const DevLocation = v.strictObject({
  country: v.optional(v.pipe(v.string(), v.regex(/^([A-Z]{2}|T1)$/))),
  asn: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4_294_967_295))),
  asOrganization: Text(128),
  city: Text(128),
  region: Text(128),
  latitude: v.optional(v.pipe(v.number(), v.minValue(-90), v.maxValue(90))),
  longitude: v.optional(v.pipe(v.number(), v.minValue(-180), v.maxValue(180))),
  continent: v.optional(v.picklist(["AF", "AN", "AS", "EU", "NA", "OC", "SA"])),
  timezone: Text(64),
});

/** Header values arrive as bytes read as Latin-1: UTF-8 sent by curl is decoded back ("São Paulo"). */
function decodeHeaderText(value: string): string {
  if ([...value].some((ch) => ch.charCodeAt(0) > 0xff)) return value;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(value, (ch) => ch.charCodeAt(0)));
  } catch {
    return value;
  }
}

/** The location a header describes; throws invalid_dev_location unless it is a JSON object of the known fields. */
export function parseDevLocation(header: string): ClientLocation {
  if (header.length > MAX_HEADER_LENGTH) throw new AppError("invalid_dev_location", { details: { reason: "too_long" } });
  let json: unknown;
  try {
    json = JSON.parse(decodeHeaderText(header));
  } catch {
    throw new AppError("invalid_dev_location", { details: { reason: "not_json" } });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new AppError("invalid_dev_location", { details: { reason: "not_an_object" } });
  const result = v.safeParse(DevLocation, json);
  if (!result.success) {
    const field = result.issues[0]?.path?.map((item) => String(item.key)).join(".") ?? "";
    throw new AppError("invalid_dev_location", { details: { reason: "bad_field", field } });
  }
  const place = result.output;
  return {
    country: place.country ?? null,
    asn: place.asn ?? null,
    asOrganization: place.asOrganization ?? null,
    city: place.city ?? null,
    region: place.region ?? null,
    latitude: place.latitude ?? null,
    longitude: place.longitude ?? null,
    continent: place.continent ?? null,
    timezone: place.timezone ?? null,
  };
}

export function developmentLocation(): MiddlewareHandler<AppEnv> {
  return async function developmentLocation(c, next) {
    const header = c.req.header(DEV_LOCATION_HEADER);
    if (header !== undefined && isDevelopment(c.env)) c.set("client", withLocation(c.var.client, parseDevLocation(header)));
    await next();
  };
}
