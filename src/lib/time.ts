/** Time units in milliseconds, so that periods read as what they are. */
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Formats a date as `YYYY-MM-DD` in UTC. */
export function formatUtcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}
