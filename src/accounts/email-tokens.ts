/** Single-use mailed tokens (and the short verification code): only their hashes are stored. */
import { and, eq } from "drizzle-orm";
import { VERIFY_CODE_LENGTH } from "../config";
import type { MainDb } from "../db/client";
import { emailTokens } from "../db/schema";
import { isRandomToken, randomHumanCode, randomToken, sha256Hex } from "../lib/crypto";

/** A verification code's stored form: bound to its account, so a code is worth nothing elsewhere. */
export function hashVerifyCode(accountId: number, code: string): Promise<string> {
  return sha256Hex(`${accountId}:${code}`);
}

/**
 * Creates a single-use mailed token, and for email verification a short code to type instead;
 * returns them (only their hashes are stored).
 */
export async function issueEmailToken(
  db: MainDb,
  accountId: number,
  purpose: EmailTokenPurpose,
  lifetimeMs: number,
  now: number,
  newEmail: string | null = null,
): Promise<{ token: string; code: string | null }> {
  const token = randomToken(32);
  const code = purpose === "verify_email" ? randomHumanCode(VERIFY_CODE_LENGTH) : null;
  // One live token per purpose: a new mail makes the previous link useless.
  await db.batch([
    db.delete(emailTokens).where(and(eq(emailTokens.accountId, accountId), eq(emailTokens.purpose, purpose))),
    db.insert(emailTokens).values({
      tokenHash: await sha256Hex(token),
      codeHash: code ? await hashVerifyCode(accountId, code) : null,
      accountId,
      purpose,
      newEmail,
      createdAt: now,
      expiresAt: now + lifetimeMs,
    }),
  ]);
  return { token, code };
}

export type EmailTokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];

/** Deletes and returns a live token of `purpose`; null when unknown, used or expired. */
export async function consumeEmailToken(db: MainDb, token: string, purpose: EmailTokenPurpose, now: number) {
  if (!isRandomToken(token)) return null;
  const [row] = await db.delete(emailTokens).where(and(eq(emailTokens.tokenHash, await sha256Hex(token)), eq(emailTokens.purpose, purpose))).returning();
  if (!row || row.expiresAt <= now) return null;
  return row;
}

