/** The answer to a throttled form: 429 with Retry-After, and the form again with a message saying how long to wait. */
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { AUTH_MESSAGES } from "../../views/auth-pages";

/** Answers 429 with Retry-After and the page `render` draws with the message. */
export function tooManyPage(c: Context<AppEnv>, retryAfterMs: number, render: (message: string) => Response | Promise<Response>): Response | Promise<Response> {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  c.header("Retry-After", String(seconds));
  c.status(429);
  return render(AUTH_MESSAGES[c.var.language].tooMany(Math.ceil(seconds / 60)));
}
