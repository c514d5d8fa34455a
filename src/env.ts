/** Types of the Hono app: the Worker's bindings and secrets, and the per-request variables. */
import type { ApiCredential } from "./api-auth";
import type { MainDb } from "./db/client";
import type { HosterSecrets } from "./hosters/types";
import type { Language } from "./lib/language";
import type { ClientContext } from "./request-context/client-context";
import type { PolicyVersion } from "./retention/policy-versions";
import type { Session } from "./sessions";

export type Variables = {
  requestId: string;
  client: ClientContext;
  /** The main database's drizzle client, built once per request. */
  db: MainDb;
  /** The account the request acts for, once the session (site) or the token (token API) named one; the journal records it (it stays when the request ends that session). */
  accountId: number | null;
  /** Site: the browser session, when the session cookie names a live one. */
  session: Session | null;
  /** Token API: the credential a valid token names. */
  credential: ApiCredential | null;
  /** Staff pages: the staff member acting, once requireRole() admitted them. */
  staff?: { accountId: number; role: "user" | "legal" | "admin" };
  /** Site: the page language, from the path or Accept-Language (never a cookie). */
  language: Language;
  /** Site: the privacy policy's versions (retention/policy-versions.ts; tests inject others through createApp). */
  policyVersions?: readonly PolicyVersion[];
  /** Resolves to the body bytes actually sent, for responses streamed without a known length. */
  bytesSent?: Promise<number>;
};

/** Secrets (`.dev.vars` locally, Worker secrets in production); see .dev.vars.example. */
export type Secrets = {
  PASSWORD_PEPPER?: string;
  /** The key that download links are signed with (a fixed value under ENVIRONMENT=development). */
  LINK_SIGNING_KEY?: string;
  RESEND_API_KEY?: string;
  MAIL_FROM?: string;
  ONEFICHIER_API_KEY?: string;
  /** Stripe's secret API key; without it, plans show as unavailable. */
  STRIPE_SECRET_KEY?: string;
  /** The signing secret of the /webhooks/stripe endpoint (a fixed value under ENVIRONMENT=development). */
  STRIPE_WEBHOOK_SECRET?: string;
} & HosterSecrets;

export type AppEnv = { Bindings: Env & Secrets; Variables: Variables };
