/** `/rest/1.0/unrestrict/*`: check (public), link, folder. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { checkLink, hosterContext, matchLink, unrestrictLink } from "../../downloads/unrestrict";
import { parseIpAddress } from "../../request-context/client-context";
import { LINK_CHECKS_PER_MINUTE, countLinkCheck } from "../../rate-limit/link-checks";
import { apiRateLimit } from "../middleware/api-rate-limit";
import { requireApiAccount } from "../middleware/api-auth";
import { unrestrictedJson } from "./downloads-json";
import { optionalField, readForm, requiredField } from "./form";

export const unrestrictApi = new Hono<AppEnv>();

/** Public: ignores any Authorization header, as clients send it everywhere. */
unrestrictApi.post("/check", async (c) => {
  // Public and costly (it fetches): a per-network limit, 429 code 34.
  const decision = await countLinkCheck(c.env.DB, c.var.client?.ip ?? null, Date.now());
  if (!decision.allowed) {
    throw new AppError("too_many_requests", { retryAfterSeconds: decision.retryAfterSeconds, details: { limit: LINK_CHECKS_PER_MINUTE, period_seconds: 60 } });
  }
  const form = await readForm(c);
  const link = requiredField(form, "link");
  try {
    const { host, info } = await checkLink(c.env, link, optionalField(form, "password"));
    return c.json({ host, link, filename: info.filename, filesize: info.filesize, supported: 1 });
  } catch (error) {
    if (error instanceof AppError && error.key === "hoster_unsupported") return c.json({ host: "", link, filename: "", filesize: 0, supported: 0 });
    throw error;
  }
});

unrestrictApi.post("/link", requireApiAccount(), apiRateLimit(), async (c) => {
  const form = await readForm(c);
  const link = requiredField(form, "link");
  const remote = optionalField(form, "remote");
  if (remote !== undefined && remote !== "0" && remote !== "1") throw new AppError("bad_parameter", { details: { parameter: "remote" } });
  const declared = optionalField(form, "ip");
  // Clients send the end user's IP; a malformed one is ignored rather than refused, as it is advisory.
  const declaredIp = declared ? parseIpAddress(declared) : null;
  const record = await unrestrictLink(c.env, {
    accountId: Number(c.var.accountId),
    link,
    password: optionalField(form, "password"),
    remote: remote === "1",
    declaredIp,
    client: c.var.client,
    now: Date.now(),
  });
  return c.json(unrestrictedJson(record));
});

unrestrictApi.post("/folder", requireApiAccount(), apiRateLimit(), async (c) => {
  const form = await readForm(c);
  const { adapter, link } = matchLink(c.env, requiredField(form, "link"));
  return c.json(await adapter.listFolder(link, hosterContext(c.env)));
});
