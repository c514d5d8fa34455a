/**
 * Known places of an account: the country and network operator (ASN) it signs in from. A sign-in
 * from a place not listed is held until the mailed code is typed (accounts/login-challenges.ts);
 * success adds the place. A place unused for its retention period is forgotten by the sweep.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { knownPlaces } from "../db/schema";
import type { ClientContext } from "../request-context/client-context";

export type Place = { country: string | null; asn: number | null; asOrganization: string | null; city: string | null };

export function placeOf(client: Pick<ClientContext, "country" | "asn" | "asOrganization" | "city">): Place {
  return { country: client.country, asn: client.asn, asOrganization: client.asOrganization, city: client.city };
}

/** One spelling per place; an unknown country or ASN is a value too ("-"). */
export function placeKey(place: Pick<Place, "country" | "asn">): string {
  return `${place.country ?? "-"}:${place.asn ?? "-"}`;
}

/** "São Paulo, BR · AS28573 (Claro)": what mails and pages show; null when nothing is known. */
export function describePlace(place: Partial<Place>): string | null {
  const where = [place.city, place.country].filter(Boolean).join(", ");
  const operator = place.asn !== null && place.asn !== undefined ? `AS${place.asn}${place.asOrganization ? ` (${place.asOrganization})` : ""}` : "";
  return [where, operator].filter(Boolean).join(" · ") || null;
}

export async function isKnownPlace(db: MainDb, input: { accountId: number; place: Place }): Promise<boolean> {
  const row = await db.query.knownPlaces.findFirst({
    columns: { id: true },
    where: and(eq(knownPlaces.accountId, input.accountId), eq(knownPlaces.placeKey, placeKey(input.place))),
  });
  return row !== undefined;
}

/** Adds the place, or marks it used now (one upsert: a statement for a batch). */
export function rememberPlaceStatement(db: MainDb, input: { accountId: number; place: Place }, now: number) {
  const { accountId, place } = input;
  return db
    .insert(knownPlaces)
    .values({ accountId, placeKey: placeKey(place), country: place.country, asn: place.asn, asOrganization: place.asOrganization, city: place.city, firstSeenAt: now, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [knownPlaces.accountId, knownPlaces.placeKey],
      set: { lastSeenAt: now, city: sql`coalesce(excluded.city, ${knownPlaces.city})`, asOrganization: sql`coalesce(excluded.as_organization, ${knownPlaces.asOrganization})` },
    });
}

/** Marks a place used now if it is known (never adds one): sessions in use keep their place alive. */
export function touchKnownPlaceStatement(db: MainDb, input: { accountId: number; place: Place }, now: number) {
  return db
    .update(knownPlaces)
    .set({ lastSeenAt: now })
    .where(and(eq(knownPlaces.accountId, input.accountId), eq(knownPlaces.placeKey, placeKey(input.place))));
}

export type KnownPlace = Omit<typeof knownPlaces.$inferSelect, "placeKey">;

/** An account's known places, most recently used first. */
export async function listKnownPlaces(db: MainDb, input: { accountId: number }): Promise<KnownPlace[]> {
  return db
    .select({
      id: knownPlaces.id, accountId: knownPlaces.accountId, country: knownPlaces.country, asn: knownPlaces.asn, asOrganization: knownPlaces.asOrganization,
      city: knownPlaces.city, firstSeenAt: knownPlaces.firstSeenAt, lastSeenAt: knownPlaces.lastSeenAt,
    })
    .from(knownPlaces)
    .where(eq(knownPlaces.accountId, input.accountId))
    .orderBy(desc(knownPlaces.lastSeenAt));
}

/** Forgets one of the account's places (the next sign-in from there needs the code); false when it has no such place. */
export async function removeKnownPlace(db: MainDb, input: { accountId: number; placeId: number }): Promise<boolean> {
  const deleted = await db.delete(knownPlaces).where(and(eq(knownPlaces.id, input.placeId), eq(knownPlaces.accountId, input.accountId))).returning({ id: knownPlaces.id });
  return deleted.length > 0;
}
