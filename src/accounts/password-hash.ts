/**
 * Password hashing: PBKDF2-HMAC-SHA-256, 600,000 iterations as 6 chained WebCrypto calls of
 * 100,000 (production Workers refuse more per call), over an HMAC of the password with a secret
 * pepper. Stored as `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`, so parameters can change.
 */
// No imports: `npm run bench` loads this module in Node to time one hash.

export const PBKDF2_ITERATIONS_PER_CALL = 100_000;
export const PASSWORD_HASH_ITERATIONS = 600_000;
const ALGORITHM = "pbkdf2-sha256";
/** Stored values above this are refused (a tampered row must not buy an attacker a CPU-time bomb). */
const MAX_STORED_ITERATIONS = 2_000_000;
const SALT_BYTES = 16;
const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(value: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * NFKC first (NIST SP 800-63B §5.1.1.2): "é" typed as one character or as "e" and an accent, or a
 * full-width letter, is the same password on every keyboard and system.
 */
async function pepperPassword(password: string, pepper: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(pepper), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(password.normalize("NFKC"))));
}

async function derive(password: string, pepper: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  let material = await pepperPassword(password, pepper);
  for (let done = 0; done < iterations; done += PBKDF2_ITERATIONS_PER_CALL) {
    const key = await crypto.subtle.importKey("raw", material, "PBKDF2", false, ["deriveBits"]);
    const round = Math.min(PBKDF2_ITERATIONS_PER_CALL, iterations - done);
    material = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: round }, key, 256));
  }
  return material;
}

/**
 * Hashes a password with a fresh salt and the current parameters. (`iterations` other than the
 * current count make a hash of older parameters, as accounts from before a change hold; verifying
 * it upgrades it.)
 */
export async function hashPassword(password: string, pepper: string, iterations = PASSWORD_HASH_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, pepper, salt, iterations);
  return `${ALGORITHM}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

export type PasswordCheck = { valid: boolean; needsRehash: boolean };

/** Checks a password against a stored hash in constant time; malformed or out-of-range hashes never match. */
export async function verifyPassword(password: string, stored: string, pepper: string): Promise<PasswordCheck> {
  const [algorithm, iterationsText, saltText, hashText] = stored.split("$");
  const iterations = Number(iterationsText);
  const salt = saltText ? fromBase64(saltText) : null;
  const expected = hashText ? fromBase64(hashText) : null;
  if (algorithm !== ALGORITHM || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_STORED_ITERATIONS || !salt || !expected) {
    return { valid: false, needsRehash: false };
  }
  const actual = await derive(password, pepper, salt, iterations);
  const valid = constantTimeEqual(actual, expected);
  return { valid, needsRehash: valid && iterations !== PASSWORD_HASH_ITERATIONS };
}

/** Compares two digests without an early exit (portable: Node lacks crypto.subtle.timingSafeEqual). */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/**
 * A fixed hash with the current parameters (computed once, offline: Workers allow no random values
 * in global scope, and a lazily built one would cost the first unknown email two hashes).
 */
export const DUMMY_HASH = "pbkdf2-sha256$600000$njjbbIq3gCqK3kOIXNJ+vg==$kWEZLkj9WuhHexSUUO6D76q6eF86ucPSneP2Lea7gIA=";

/** Spends the time of a real verification, so that unknown emails answer as slowly as known ones. */
export async function verifyAgainstDummy(password: string, pepper: string): Promise<void> {
  await verifyPassword(password, DUMMY_HASH, pepper);
}

/** The pepper secret; a missing one fails loudly, except in local development, which gets a fixed one. */
export function passwordPepper(env: { PASSWORD_PEPPER?: string; ENVIRONMENT?: string }): string {
  if (env.PASSWORD_PEPPER) return env.PASSWORD_PEPPER;
  if (env.ENVIRONMENT === "development") return "development-only-pepper-never-used-in-production";
  throw new Error("PASSWORD_PEPPER secret is not set");
}
