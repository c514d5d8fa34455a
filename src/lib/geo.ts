/** Distances on the Earth, for choosing the download node nearest a requester. */

const EARTH_RADIUS_KM = 6371.0088;

export type Coordinates = { latitude: number; longitude: number };

/** Great-circle distance in kilometres (haversine formula). */
export function greatCircleKm(a: Coordinates, b: Coordinates): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
