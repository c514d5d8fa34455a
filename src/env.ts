/** Types of the Hono app: the Worker's bindings and the per-request variables. */
import type { ClientContext } from "./request-context/client-context";

export type Variables = {
  requestId: string;
  client: ClientContext;
  /** The signed-in account, once the session or token middleware found one. */
  accountId: string | null;
  /** Replaces the path in the journal where the real path would name a file. */
  journalPath?: string;
  /** Resolves to the body bytes actually sent, for responses streamed without a known length. */
  bytesSent?: Promise<number>;
};

export type AppEnv = { Bindings: Env; Variables: Variables };
