import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isCommonPassword, COMMON_PASSWORD_COUNT } from "../../../src/accounts/common-passwords";
import { hashPassword, PBKDF2_ITERATIONS_PER_CALL, verifyPassword } from "../../../src/accounts/password-hash";
import { checkNewPassword } from "../../../src/accounts/validation";
import { PASSWORD_MAX_LENGTH } from "../../../src/config";
import { mainDb } from "../../../src/db/client";
import { createOutbox } from "../../../src/mail/outbox";
import { registeredClient, WebClient } from "../../helpers/web-client";

afterEach(() => vi.restoreAllMocks());

describe("password hashing", () => {
  it("never asks WebCrypto for more than 100,000 PBKDF2 iterations in one call, and totals 600,000", async () => {
    const deriveBits = vi.spyOn(crypto.subtle, "deriveBits");
    const stored = await hashPassword("correct horse battery staple", "pepper");
    await verifyPassword("correct horse battery staple", stored, "pepper");
    const pbkdf2Calls = deriveBits.mock.calls.filter(([algorithm]) => (algorithm as { name: string }).name === "PBKDF2");
    expect(pbkdf2Calls).toHaveLength(12);
    for (const [algorithm] of pbkdf2Calls) expect((algorithm as { iterations: number }).iterations).toBeLessThanOrEqual(PBKDF2_ITERATIONS_PER_CALL);
    expect(pbkdf2Calls.slice(0, 6).reduce((sum, [a]) => sum + (a as { iterations: number }).iterations, 0)).toBe(600_000);
  });

  it("stores a versioned string with a per-user salt, and depends on the pepper", async () => {
    const a = await hashPassword("correct horse battery staple", "pepper");
    const b = await hashPassword("correct horse battery staple", "pepper");
    expect(a).toMatch(/^pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect((await verifyPassword("correct horse battery staple", a, "pepper")).valid).toBe(true);
    expect((await verifyPassword("correct horse battery staplE", a, "pepper")).valid).toBe(false);
    expect((await verifyPassword("correct horse battery staple", a, "other pepper")).valid).toBe(false);
  });

  it("is the same password however its characters were typed (NFKC): composed, decomposed, full-width", async () => {
    const stored = await hashPassword("Crème brûlée au café", "pepper");
    for (const typed of ["Cre\u0300me bru\u0302le\u0301e au cafe\u0301", "Ｃrème brûlée au café"]) {
      expect(typed).not.toBe("Crème brûlée au café");
      expect((await verifyPassword(typed, stored, "pepper")).valid).toBe(true);
    }
    expect((await verifyPassword("Creme brulee au cafe", stored, "pepper")).valid).toBe(false);
  });

  it("refuses malformed stored values and iteration counts above the limit", async () => {
    for (const stored of ["", "bcrypt$10$x$y", "pbkdf2-sha256$99999999$AAAA$AAAA", "pbkdf2-sha256$abc$AAAA$AAAA", "pbkdf2-sha256$100000$!!$??"]) {
      expect((await verifyPassword("anything at all", stored, "pepper")).valid).toBe(false);
    }
  });

  it("upgrades an older hash at the next login", async () => {
    const { email, password } = await registeredClient();
    // A hash made with yesterday's parameters (200,000 iterations) still verifies, then gets rehashed.
    const old = (await hashPassword(password, "test-pepper-not-a-secret")).replace("$600000$", "$200000$");
    const salt = old.split("$")[2]!;
    const legacy = await legacyHash(password, salt);
    await env.DB.prepare("UPDATE accounts SET password_hash = ? WHERE email_normalized = ?").bind(legacy, email).run();
    expect((await new WebClient("192.0.2.240").post("/login", { email, password })).status).toBe(303);
    const row = await env.DB.prepare("SELECT password_hash FROM accounts WHERE email_normalized = ?").bind(email).first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$600000\$/);
    expect((await new WebClient("192.0.2.241").post("/login", { email, password })).status).toBe(303);
  });
});

/** A 200,000-iteration hash in the stored format, built the way older code would have. */
async function legacyHash(password: string, saltB64: string): Promise<string> {
  const salt = Uint8Array.from(atob(saltB64), (c) => c.charCodeAt(0));
  const enc = new TextEncoder();
  const hmacKey = await crypto.subtle.importKey("raw", enc.encode("test-pepper-not-a-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  let material = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, enc.encode(password)));
  for (let i = 0; i < 2; i++) {
    const key = await crypto.subtle.importKey("raw", material, "PBKDF2", false, ["deriveBits"]);
    material = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 100_000 }, key, 256));
  }
  return `pbkdf2-sha256$200000$${saltB64}$${btoa(String.fromCharCode(...material))}`;
}

describe("new passwords", () => {
  it("accepts 12 to 256 characters of anything, never truncated", async () => {
    expect(checkNewPassword("short pass")).toBe("password_too_short");
    expect(checkNewPassword("é".repeat(11) + "x")).toBeNull();
    expect(checkNewPassword("🔑 unicode phrase ok")).toBeNull();
    expect(checkNewPassword("a long phrase ".repeat(18).slice(0, 256))).toBeNull();
    expect(checkNewPassword("x" + "a long phrase ".repeat(19))).toBe("password_too_long");
    // Never truncated: two passwords of the maximum length that differ only in their last character hash differently.
    const longest = "q".repeat(PASSWORD_MAX_LENGTH - 1);
    expect(checkNewPassword(longest + "a")).toBeNull();
    const a = await hashPassword(longest + "a", "p");
    expect((await verifyPassword(longest + "a", a, "p")).valid).toBe(true);
    expect((await verifyPassword(longest + "b", a, "p")).valid).toBe(false);
    // Nor case-folded or normalized into another password.
    expect((await verifyPassword(longest.toUpperCase() + "a", a, "p")).valid).toBe(false);
  });

  it("refuses common passwords and their usual patterns, offline", () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThan(1000);
    for (const common of ["password1234", "Password1234", "123456789012", "qwertyuiop123", "motdepasse123", "iloveyou2024", "aaaaaaaaaaaa", "abcabcabcabc", "abcdefghijklmn", "1234567890123"]) {
      expect(isCommonPassword(common), common).toBe(true);
    }
    for (const fine of ["correct horse battery staple", "Lyon in the rain 1987", "tH8#kq!Zp2@w"]) expect(isCommonPassword(fine), fine).toBe(false);
  });

  it("explains a refused password on the form and keeps the email", async () => {
    const page = await new WebClient("192.0.2.250").post("/register", { email: "keep.me@example.test", password: "password1234" });
    expect(page.status).toBe(400);
    expect(page.html).toContain("too common");
    expect(page.html).toContain('value="keep.me@example.test"');
    expect(page.html).not.toContain("password1234");
  });
});

describe("timing of unknown addresses", () => {
  it("spends exactly one hash on an unknown email, even the first time in an isolate", async () => {
    const { verifyAgainstDummy } = await import("../../../src/accounts/password-hash");
    const deriveBits = vi.spyOn(crypto.subtle, "deriveBits");
    await verifyAgainstDummy("whatever was typed", "pepper");
    expect(deriveBits.mock.calls.filter(([algorithm]) => (algorithm as { name: string }).name === "PBKDF2")).toHaveLength(6);
  });

  it("defers the same work past the response for known and unknown reset addresses", async () => {
    const { requestPasswordReset } = await import("../../../src/accounts");
    const { parseEmail } = await import("../../../src/accounts/validation");
    const { email } = await registeredClient();
    const run = async (address: string, ip: string) => {
      const deferred: Promise<unknown>[] = [];
      const client = { ip, country: null, region: null, regionCode: null, city: null, postalCode: null, continent: null, latitude: null, longitude: null, timezone: null, asn: null, asOrganization: null } as never;
      const db = mainDb(env.DB);
      const request = { client, userAgent: null, language: "en", pepper: "test", siteOrigin: "https://relais.test", outbox: createOutbox(env, db), defer: (work: Promise<unknown>) => deferred.push(work), pause: async () => {} } as const;
      const decision = await requestPasswordReset(db, { address: parseEmail(address)!, request }, Date.now());
      expect(decision.allowed).toBe(true);
      const count = deferred.length;
      await Promise.all(deferred);
      return count;
    };
    expect(await run(email, "192.0.2.90")).toBe(1);
    expect(await run(`nobody-${crypto.randomUUID()}@example.com`, "192.0.2.91")).toBe(1);
  });
});
