import { countRows } from "../../helpers/storage";
import { describe, expect, it } from "vitest";
import { LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP } from "../../../src/config";
import { createTestAccount } from "../../helpers/factories";
import { PLACES, WebClient } from "../../helpers/web-client";

const PASSWORD = "the owner's own long passphrase";

/**
 * An account whose hash has older, cheaper parameters (as accounts from before a parameter change
 * hold), so that hundreds of wrong passwords cost seconds; the throttles are the same.
 */
async function ownerInParis() {
  const account = await createTestAccount({ password: PASSWORD, passwordIterations: 1000, knownPlace: PLACES.paris });
  const home = new WebClient("198.51.100.10", PLACES.paris);
  expect((await home.post("/login", { email: account.email, password: PASSWORD })).status).toBe(303);
  return { account, home };
}

/** Sends `count` wrong passwords, each from its own network, `parallel` at a time; returns the statuses. */
async function wrongFromManyNetworks(email: string, count: number, parallel = 100, place: Record<string, unknown> = PLACES.berlin): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) => {
      const i = start + k;
      return new WebClient(`198.18.${i >> 8}.${i & 255}`, place).post("/login", { email, password: `wrong guess number ${i}` });
    });
    statuses.push(...(await Promise.all(batch)).map((page) => page.status));
  }
  return statuses;
}

describe("throttling without lock-out", () => {
  it("after 300 wrong passwords from 300 networks, the owner gets in from a known session's network and reaches the code step from a new one, never a 429", { timeout: 180_000 }, async () => {
    const { account } = await ownerInParis();
    const statuses = await wrongFromManyNetworks(account.email, 300);
    // One try per network: no network throttle bites, and the account itself refuses no one.
    expect(statuses.every((status) => status === 401)).toBe(true);
    expect(await countRows("login_events", "account_id = ? AND reason = 'wrong_password'", account.accountId)).toBe(300);

    // The network of a live session of the owner: straight in.
    const sameNetwork = await new WebClient("198.51.100.10", PLACES.paris).post("/login", { email: account.email, password: PASSWORD });
    expect(sameNetwork.status).toBe(303);
    // A network the account has not used, though in its known place: the mailed code, not a refusal.
    const newNetwork = await new WebClient("198.51.100.99", PLACES.paris).post("/login", { email: account.email, password: PASSWORD });
    expect(newNetwork.status).toBe(200);
    expect(newNetwork.html).toContain("This account is getting many sign-in attempts");
    expect(newNetwork.setCookies).toHaveLength(0);
  });

  it("an attacker who guesses the password from an unused network of an account under attack gets only the code step", async () => {
    const { account } = await ownerInParis();
    await wrongFromManyNetworks(account.email, LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP, 10, PLACES.paris);
    const guessed = await new WebClient("198.18.200.1", PLACES.paris).post("/login", { email: account.email, password: PASSWORD });
    expect(guessed.status).toBe(200);
    expect(guessed.setCookies).toHaveLength(0);
    expect(await countRows("login_events", "account_id = ? AND result = 'challenge' AND reason = 'unusual_activity'", account.accountId)).toBe(1);
  });

  it("below the step-up threshold, a new network in a known place signs in directly", async () => {
    const { account } = await ownerInParis();
    await wrongFromManyNetworks(account.email, LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP - 1, 9, PLACES.paris);
    expect((await new WebClient("198.51.100.98", PLACES.paris).post("/login", { email: account.email, password: PASSWORD })).status).toBe(303);
  });

  it("wrong re-entries of the password in a stolen session lock only that session's re-entry, never the owner's sign-ins", async () => {
    const { account, home } = await ownerInParis();
    const thief = new WebClient("198.51.100.150", PLACES.paris);
    expect((await thief.post("/login", { email: account.email, password: PASSWORD })).status).toBe(303);
    for (let i = 1; i <= 30; i++) await thief.post("/account/password", { current_password: `wrong current ${i}`, new_password: "a new passphrase of mine" });
    expect((await thief.post("/account/password", { current_password: PASSWORD, new_password: "a new passphrase of mine" })).status).toBe(429);
    // The owner: in from anywhere in the known place, and their own session's re-entry works.
    expect((await new WebClient("198.51.100.151", PLACES.paris).post("/login", { email: account.email, password: PASSWORD })).status).toBe(303);
    const changed = await home.post("/account/password", { current_password: PASSWORD, new_password: "the owner's next passphrase" });
    expect(changed.status).toBe(200);
    // …which revokes the thief's session with everything else.
    expect((await thief.get("/account")).status).toBe(303);
  });
});
