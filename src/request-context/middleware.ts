/** Sets, once per request, the request id and what the metadata says about the client. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { readClientContext } from "./client-context";

export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function requestContext(c, next) {
    const requestId = crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("client", readClientContext(c.req.raw));
    c.set("accountId", null);
    await next();
    c.header("X-Request-Id", requestId);
  };
}
