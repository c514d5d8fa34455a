/** Test factories: accounts and API tokens written straight to D1, as the account flows would. */
import { env } from "cloudflare:workers";
import { rememberPlaceStatement } from "../../src/account-security";
import { hashPassword } from "../../src/accounts/password-hash";
import { mainDb } from "../../src/db/client";
import { accounts, apiTokens } from "../../src/db/schema";
import { randomToken, sha256Hex } from "../../src/lib/crypto";
import { DAY_MS } from "../../src/lib/time";
import { currentPolicyVersion } from "../../src/retention/policy-versions";

export type TestAccount = { accountId: number; email: string; token: string };

let counter = 0;

/**
 * A verified account with a private API token; premium for `premiumDays` when given. With
 * `password`, it can sign in: `passwordIterations` below the current count makes a cheap hash of
 * older parameters (tests of throttles send hundreds of wrong passwords), `knownPlace` (a cf
 * object) is where it signed up.
 */
export async function createTestAccount(
  options: { premiumDays?: number; now?: Date; password?: string; passwordIterations?: number; knownPlace?: { country?: string; asn?: number; city?: string } } = {},
): Promise<TestAccount> {
  const now = options.now ?? new Date();
  const email = `user${++counter}-${randomToken(4).toLowerCase()}@example.test`;
  const db = mainDb(env.DB);
  const [account] = await db
    .insert(accounts)
    .values({
      email,
      emailNormalized: email,
      createdAt: now.getTime(),
      emailVerifiedAt: now.getTime(),
      premiumUntil: options.premiumDays ? now.getTime() + options.premiumDays * DAY_MS : null,
      passwordHash: options.password ? await hashPassword(options.password, env.PASSWORD_PEPPER, options.passwordIterations) : null,
      // Signed up under the policy in force (an account from before versions has none: set it to null to see the notice).
      policyVersionAccepted: currentPolicyVersion().number,
    })
    .returning({ id: accounts.id });
  if (options.knownPlace) {
    const place = { country: options.knownPlace.country ?? null, asn: options.knownPlace.asn ?? null, city: options.knownPlace.city ?? null, asOrganization: null };
    await rememberPlaceStatement(db, { accountId: account!.id, place }, now.getTime());
  }
  const token = randomToken();
  await db.insert(apiTokens).values({ accountId: account!.id, kind: "private", tokenHash: await sha256Hex(token), createdAt: now.getTime() });
  return { accountId: account!.id, email, token };
}
