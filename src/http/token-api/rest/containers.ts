/**
 * Link containers: `PUT /unrestrict/containerFile` (the file as the raw body) and
 * `POST /unrestrict/containerLink` (the container's URL). Both answer the links as an array of strings.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { fetchContainer, openContainer } from "../../../containers";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { fetchDepsFromEnv } from "../../../fetching/safe-fetch";
import { requireApiAccount } from "../api-token";
import { tokenApiInput } from "../input";

/**
 * `PUT /rest/1.0/unrestrict/containerFile`: mounted in app.ts as its own token API group (with
 * CONTAINER_MAX_BYTES as its body cap, answering container_too_large), before the REST group whose
 * 64 KiB form cap would refuse a container first. Clients send the file as the body with no
 * Content-Type (debrid-api.md §5); whatever type is declared, the body is read as the file.
 */
export const containerFileRoutes = new Hono<AppEnv>();

containerFileRoutes.put("/", requireApiAccount(), async (c) => {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new AppError("missing_parameter", { details: { parameter: "file" } });
  return c.json(await openContainer(bytes));
});

/** `POST /rest/1.0/unrestrict/containerLink`: mounted under /unrestrict in the REST routes. */
export const containerLinkApi = new Hono<AppEnv>();

containerLinkApi.post("/containerLink", requireApiAccount(), tokenApiInput("form", v.object({ link: v.string() })), async (c) => {
  const bytes = await fetchContainer(fetchDepsFromEnv(c.env), c.req.valid("form").link);
  if (bytes.length === 0) throw new AppError("container_unknown_format");
  return c.json(await openContainer(bytes));
});
