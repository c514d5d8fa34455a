/** Types of the Hono app: the Worker's bindings and the per-request variables. */
import type { ClientContext } from "./request-context/client-context";
import type { Session } from "./sessions";

export type Variables = {
  requestId: string;
  client: ClientContext;
  /** The signed-in account, once the session or token middleware found one. */
  accountId: string | null;
  /** The browser session, when the session cookie names a live one. */
  session: Session | null;
  /** Replaces the path in the journal where the real path would name a file. */
  journalPath?: string;
  /** Resolves to the body bytes actually sent, for responses streamed without a known length. */
  bytesSent?: Promise<number>;
};

/** Secrets (`.dev.vars` locally, Worker secrets in production); see .dev.vars.example. */
export type Secrets = { PASSWORD_PEPPER?: string; RESEND_API_KEY?: string; MAIL_FROM?: string };

export type AppEnv = { Bindings: Env & Secrets; Variables: Variables };
