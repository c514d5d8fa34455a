/** Sets, once per request, the request id, what the metadata says about the client, and the database client. */
import type { MiddlewareHandler } from "hono";
import { mainDb } from "../db/client";
import type { AppEnv } from "../env";
import { readClientContext } from "../request-context/client-context";

export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function requestContext(c, next) {
    const requestId = crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("client", readClientContext(c.req.raw));
    c.set("db", mainDb(c.env.DB));
    c.set("accountId", null);
    await next();
    c.header("X-Request-Id", requestId);
  };
}
