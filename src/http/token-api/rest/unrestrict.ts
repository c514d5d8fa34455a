/** `/rest/1.0/unrestrict/*`: check (public), link, folder. */
import { Hono } from "hono";
import * as v from "valibot";
import { LINK_CHECKS_PER_MINUTE } from "../../../config";
import { unrestrictLink } from "../../../downloads/unrestrict";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { checkHosterLink, listFolderLinks } from "../../../hosters/lookups";
import { countLinkCheck } from "../../../rate-limit/link-checks";
import { isPublicIpAddress } from "../../../fetching/ip-ranges";
import { parseIpAddress } from "../../../request-context/client-context";
import { requireApiAccount } from "../api-token";
import { tokenApiInput } from "../input";
import { unrestrictedJson } from "./download-json";

export const unrestrictApi = new Hono<AppEnv>();

// Long links are refused by the URL policy (link_refused, reason too_long), like every other bad link; the body limit bounds them.
const Link = v.string();
const Password = v.pipe(v.string(), v.maxLength(1024));

/** Public: ignores any Authorization header, as clients send it everywhere. Throttled per network (it fetches). */
unrestrictApi.post("/check", tokenApiInput("form", v.object({ link: Link, password: v.optional(Password) })), async (c) => {
  const decision = await countLinkCheck(c.var.db, { ip: c.var.client.ip }, Date.now());
  if (!decision.allowed) {
    throw new AppError("too_many_requests", { retryAfterSeconds: decision.retryAfterSeconds, details: { limit: LINK_CHECKS_PER_MINUTE, period_seconds: 60 } });
  }
  const { link, password } = c.req.valid("form");
  try {
    const { host, info } = await checkHosterLink(c.var.db, { env: c.env, link, password, defer: (write) => c.executionCtx.waitUntil(write) }, Date.now());
    return c.json({ host, link, filename: info.filename, filesize: info.filesize, supported: 1 });
  } catch (error) {
    if (error instanceof AppError && error.key === "hoster_unsupported") return c.json({ host: "", link, filename: "", filesize: 0, supported: 0 });
    throw error;
  }
});

const LinkForm = v.object({
  link: Link,
  password: v.optional(Password),
  remote: v.optional(v.picklist(["0", "1"])),
  // The end user's IP a server-side client declares: the link is bound to its network, so it must be
  // exactly one public unicast address (a private or malformed one would make a link nobody can use).
  // A client declaring someone else's address only binds its own links.
  ip: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(45),
      v.check((value) => parseIpAddress(value) === value.toLowerCase() && isPublicIpAddress(value), "not_a_public_ip"),
      v.transform((value) => value.toLowerCase()),
    ),
  ),
});

unrestrictApi.post("/link", requireApiAccount(), tokenApiInput("form", LinkForm), async (c) => {
  const form = c.req.valid("form");
  const record = await unrestrictLink(
    c.var.db,
    {
      env: c.env, accountId: c.var.credential!.accountId, link: form.link, password: form.password, remote: form.remote === "1", declaredIp: form.ip ?? null, client: c.var.client,
      defer: (write) => c.executionCtx.waitUntil(write),
    },
    Date.now(),
  );
  return c.json(unrestrictedJson(record));
});

/** The file links of a folder (pixeldrain lists, gofile, MEGA, MediaFire and 1fichier folders), at most MAX_FOLDER_LINKS; [] for other links. */
unrestrictApi.post("/folder", requireApiAccount(), tokenApiInput("form", v.object({ link: Link, password: v.optional(Password) })), async (c) => {
  const { link, password } = c.req.valid("form");
  return c.json(await listFolderLinks(c.var.db, { env: c.env, link, password, defer: (write) => c.executionCtx.waitUntil(write) }, Date.now()));
});
