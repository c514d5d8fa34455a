import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { logIn, stepUpDelayMs, type AccountRequest } from "../../../src/accounts";
import { parseEmail } from "../../../src/accounts/validation";
import { LOGIN_ACCOUNT_DELAY_STEP_MS, LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP, LOGIN_ACCOUNT_MAX_DELAY_MS } from "../../../src/config";
import { mainDb } from "../../../src/db/client";
import { createOutbox } from "../../../src/mail/outbox";
import { readClientContext } from "../../../src/request-context/client-context";
import { createTestAccount } from "../../helpers/factories";
import { PLACES } from "../../helpers/web-client";

/** A request from `ip` in Berlin whose pauses are recorded instead of waited. */
function requestFrom(ip: string, pauses: number[]): AccountRequest {
  const db = mainDb(env.DB);
  return {
    client: readClientContext(new Request("https://relais.test/", { headers: { "cf-connecting-ip": ip }, cf: PLACES.berlin as never })),
    userAgent: null, language: "en", pepper: env.PASSWORD_PEPPER, siteOrigin: "https://relais.test", outbox: createOutbox(env, db),
    defer: () => {}, pause: async (ms) => void pauses.push(ms),
  };
}

describe("per-account slowing", () => {
  it("grows the wait before checking a password from an unused network as the account's failures grow, up to its maximum", { timeout: 60_000 }, async () => {
    const account = await createTestAccount({ password: "the right passphrase here", passwordIterations: 1000, knownPlace: PLACES.paris });
    const db = mainDb(env.DB);
    const pauses: number[] = [];
    const now = Date.now();
    for (let i = 0; i < 100; i++) {
      const outcome = await logIn(db, { address: parseEmail(account.email), password: `wrong ${i}`, request: requestFrom(`198.18.9.${i}`, pauses) }, now + i);
      expect(outcome.kind).toBe("invalid");
    }
    // No wait below the threshold, then one step per threshold's worth of failures, capped.
    expect(pauses).toHaveLength(100 - LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP);
    expect(pauses[0]).toBe(LOGIN_ACCOUNT_DELAY_STEP_MS);
    expect(pauses.every((ms, i) => i === 0 || ms >= pauses[i - 1]!)).toBe(true);
    expect(Math.max(...pauses)).toBe(LOGIN_ACCOUNT_MAX_DELAY_MS);
    expect(stepUpDelayMs(LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP - 1)).toBe(0);
    // The right password from an unused network: slowed too, then held for the code, never refused.
    const right = await logIn(db, { address: parseEmail(account.email), password: "the right passphrase here", request: requestFrom("198.18.10.1", pauses) }, now + 200);
    expect(right).toMatchObject({ kind: "challenge", reason: "new_place" });
    expect(pauses.at(-1)).toBe(LOGIN_ACCOUNT_MAX_DELAY_MS);
  });

  it("slows an unknown email exactly like an account, so the wait reveals nothing", { timeout: 60_000 }, async () => {
    const db = mainDb(env.DB);
    const pauses: number[] = [];
    const tries = LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP + 2;
    for (let i = 0; i < tries; i++) await logIn(db, { address: parseEmail("nobody@example.test"), password: `wrong ${i}`, request: requestFrom(`198.18.11.${i}`, pauses) }, Date.now());
    expect(pauses).toHaveLength(2);
    expect(pauses[0]).toBe(LOGIN_ACCOUNT_DELAY_STEP_MS);
  });
});
