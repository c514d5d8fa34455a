/**
 * What adapters remember between requests in this isolate's memory only (never stored): resolved
 * download URLs for the next range requests of a download, hoster API sessions. Bounded; the
 * oldest entry goes first; every entry has a deadline.
 */
import { RESOLVED_URL_CACHE_ENTRIES } from "../config";

type Entry = { value: unknown; expiresAt: number };
const entries = new Map<string, Entry>();

/** The value remembered under `key`, or null when there is none or its deadline has passed. */
export function recall<T>(key: string, now: number): T | null {
  const entry = entries.get(key);
  if (!entry) return null;
  if (entry.expiresAt <= now) {
    entries.delete(key);
    return null;
  }
  return entry.value as T;
}

export function remember(key: string, value: unknown, expiresAt: number): void {
  entries.delete(key);
  entries.set(key, { value, expiresAt });
  // Map keeps insertion order: the first key is the oldest.
  while (entries.size > RESOLVED_URL_CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function forget(key: string): void {
  entries.delete(key);
}

/** The value remembered under `key`, or the one `obtain` gives, then remembered for `ttlMs` (an API session, a guest account). */
export async function rememberedOr<T>(key: string, now: number, ttlMs: number, obtain: () => Promise<T>): Promise<T> {
  const known = recall<T>(key, now);
  if (known !== null) return known;
  const value = await obtain();
  remember(key, value, now + ttlMs);
  return value;
}
