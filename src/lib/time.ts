/** Time units in milliseconds, and UTC day arithmetic, so that periods read as what they are. */
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Start of the UTC day containing `at` (ms since epoch). */
export function utcDayStart(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/** Formats an instant as `YYYY-MM-DD` in UTC. */
export function formatUtcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The start of a `YYYY-MM-DD` UTC day, or null unless the text names a real day. */
export function parseUtcDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const at = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(at) && formatUtcDay(at) === text ? at : null;
}
