/** What every account operation shares: the request it serves, account lookups, mailed links, login events. */
import { eq } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { accounts, loginEvents } from "../db/schema";
import type { Language } from "../lib/language";
import { networkOf } from "../lib/network";
import { truncateText } from "../lib/text";
import type { Outbox } from "../mail/outbox";
import type { ClientContext } from "../request-context/client-context";

/** The request an account operation serves: where it came from, how to talk back, and the services it uses. */
export type AccountRequest = {
  client: ClientContext;
  userAgent: string | null;
  language: Language;
  /** The secret mixed into every password hash. */
  pepper: string;
  /** Origin of the links that mails carry. */
  siteOrigin: string;
  outbox: Outbox;
  /** Runs work after the response (mails, token writes), so known and unknown addresses take the same time. */
  defer(work: Promise<unknown>): void;
  /** Waits (wall-clock time, no CPU) before answering: how an account under attack slows its guessers. */
  pause(ms: number): Promise<void>;
};

export type Account = typeof accounts.$inferSelect;

export function mailLink(siteOrigin: string, path: string, token?: string): string {
  const url = new URL(path, siteOrigin);
  if (token) url.searchParams.set("token", token);
  return url.toString();
}

export async function findAccount(db: MainDb, accountId: number): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
}

export async function findAccountByEmail(db: MainDb, normalized: string): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.emailNormalized, normalized) });
}

/** Mails about an account speak its language (the one it signed up or chose in its settings). */
export function accountLanguage(account: Pick<Account, "locale">): Language {
  return account.locale === "en" ? "en" : "fr";
}

export type LoginResult = "success" | "failure" | "challenge";

/** Records one login attempt (a statement for a batch): where from, with what, never the typed address or password. */
export function loginEventStatement(db: MainDb, input: { accountId: number | null; result: LoginResult; reason: string; request: Pick<AccountRequest, "client" | "userAgent"> }, now: number) {
  const { client, userAgent } = input.request;
  return db.insert(loginEvents).values({
    accountId: input.accountId, at: now, result: input.result, reason: input.reason, ip: client.ip, country: client.country,
    city: client.city, asn: client.asn, userAgent: userAgent === null ? null : truncateText(userAgent, 512), network: networkOf(client.ip),
  });
}
