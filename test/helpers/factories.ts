/** Test factories: accounts and API tokens written straight to D1, as the account flows would. */
import { env } from "cloudflare:workers";
import { mainDb } from "../../src/db/client";
import { accounts, apiTokens } from "../../src/db/schema";
import { randomToken, sha256Hex } from "../../src/lib/crypto";
import { DAY_MS } from "../../src/lib/time";

export type TestAccount = { accountId: number; email: string; token: string };

let counter = 0;

/** A verified account with a private API token; premium for `premiumDays` when given. */
export async function createTestAccount(options: { premiumDays?: number; now?: Date } = {}): Promise<TestAccount> {
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
    })
    .returning({ id: accounts.id });
  const token = randomToken();
  await db.insert(apiTokens).values({ accountId: account!.id, kind: "private", tokenHash: await sha256Hex(token), createdAt: now.getTime() });
  return { accountId: account!.id, email, token };
}
