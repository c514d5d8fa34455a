/**
 * Encryption of recorded links with one AES-GCM key per UTC day, held only in KV and expiring at
 * that day's deletion deadline: once the key is gone, a row restored from a D1 backup is unreadable.
 *
 * Key ids are `YYYY-MM-DD:<random>`. Two locations may each create a key for the same day (KV has
 * no compare-and-set); each row names its own key, so every row stays readable.
 */
import { LINK_KEY_PREFIX, linkKeyDayPrefix, linkKeyKey } from "../lib/kv-keys";
import { randomToken, toBase64 } from "../lib/crypto";
import { DAY_MS, formatUtcDay, utcDayStart } from "../lib/time";
import { DOWNLOAD_LINK_RETENTION_DAYS } from "../retention/policy";

/** KV refuses expirations less than 60 s ahead. */
const KV_MIN_EXPIRATION_S = 60;
/** Per-isolate cache: the key of each day this isolate encrypts with, and keys read back. */
const cache = new Map<string, CryptoKey>();
const currentKeyIdByDay = new Map<string, string>();

/** The instant a day's links and key must be gone: start of the generating UTC day + 30 days. */
export function linkDeletionDeadline(generatedAt: number): number {
  return utcDayStart(generatedAt) + DOWNLOAD_LINK_RETENTION_DAYS * DAY_MS;
}

/** Oldest generation time whose key still exists at `now` (earlier rows are unreadable, hence gone). */
export function oldestReadableGeneratedAt(now: number): number {
  return utcDayStart(now) - (DOWNLOAD_LINK_RETENTION_DAYS - 1) * DAY_MS;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function importKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export type DayKey = { keyId: string; key: CryptoKey };

/** The key to encrypt links generated at `now` with, created (in KV, expiring at the deadline) if needed. */
export async function keyForDay(kv: KVNamespace, now: number): Promise<DayKey> {
  const day = formatUtcDay(now);
  const known = currentKeyIdByDay.get(day);
  if (known && cache.has(known)) return { keyId: known, key: cache.get(known)! };
  const listed = await kv.list({ prefix: linkKeyDayPrefix(day), limit: 1 });
  const existing = listed.keys[0]?.name.slice(LINK_KEY_PREFIX.length);
  if (existing) {
    const key = await readKey(kv, existing, now);
    if (key) {
      currentKeyIdByDay.set(day, existing);
      return { keyId: existing, key };
    }
  }
  const expirationS = Math.floor(linkDeletionDeadline(now) / 1000);
  if (expirationS < Math.floor(now / 1000) + KV_MIN_EXPIRATION_S) throw new Error("link key requested past its day's deadline");
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const keyId = `${day}:${randomToken(8)}`;
  await kv.put(linkKeyKey(keyId), toBase64(raw), { expiration: expirationS });
  const key = await importKey(raw);
  cache.set(keyId, key);
  currentKeyIdByDay.set(day, keyId);
  return { keyId, key };
}

/** A key by id, or null once its day's deadline has passed (whatever KV or the cache still hold). */
export async function readKey(kv: KVNamespace, keyId: string, now: number): Promise<CryptoKey | null> {
  const dayAt = Date.parse(`${keyId.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(dayAt) || linkDeletionDeadline(dayAt) <= now) return null;
  const cached = cache.get(keyId);
  if (cached) return cached;
  const stored = await kv.get(linkKeyKey(keyId));
  if (!stored) return null;
  const key = await importKey(fromBase64(stored));
  cache.set(keyId, key);
  return key;
}

/** KV's bulk get takes at most 100 keys, and counts as one operation. */
const KV_BULK_GET_MAX = 100;

/**
 * Several keys at once (a listing's rows): each distinct id is resolved once, those not cached in
 * bulk reads of up to 100, so a page of thousands of rows stays far below KV's 1,000 operations
 * per invocation. Ids past their deadline or gone from KV map to null.
 */
export async function readKeys(kv: KVNamespace, keyIds: Iterable<string>, now: number): Promise<Map<string, CryptoKey | null>> {
  const found = new Map<string, CryptoKey | null>();
  const missing: string[] = [];
  for (const keyId of new Set(keyIds)) {
    const dayAt = Date.parse(`${keyId.slice(0, 10)}T00:00:00Z`);
    if (!Number.isFinite(dayAt) || linkDeletionDeadline(dayAt) <= now) found.set(keyId, null);
    else if (cache.has(keyId)) found.set(keyId, cache.get(keyId)!);
    else missing.push(keyId);
  }
  for (let i = 0; i < missing.length; i += KV_BULK_GET_MAX) {
    const chunk = missing.slice(i, i + KV_BULK_GET_MAX);
    const stored = await kv.get(chunk.map(linkKeyKey));
    for (const keyId of chunk) {
      const raw = stored.get(linkKeyKey(keyId));
      const key = raw ? await importKey(fromBase64(raw)) : null;
      if (key) cache.set(keyId, key);
      found.set(keyId, key);
    }
  }
  return found;
}

/** Forgets cached keys (tests simulate a key's expiry with it; a real isolate lives far shorter than a day). */
export function forgetCachedLinkKeys(): void {
  cache.clear();
  currentKeyIdByDay.clear();
}

/** base64(iv ‖ ciphertext) of a UTF-8 string. */
export async function encryptText(key: CryptoKey, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

export async function decryptText(key: CryptoKey, sealed: string): Promise<string> {
  const bytes = fromBase64(sealed);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
  return new TextDecoder().decode(plain);
}
