/** Our own JSON API for accounts (mounted at /api): registration for programs and scripts. */
import { Hono } from "hono";
import * as v from "valibot";
import { registerAccount } from "../../../accounts";
import { EmailInput, NewPasswordInput } from "../../../accounts/validation";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { accountRequest } from "../../account-request";
import { apiInput } from "../input";
import { currentPolicyOf } from "../policy";

export const accountsApi = new Hono<AppEnv>();

/** `POST /api/register` `{email, password}` → 202, the same for known and unknown addresses. */
accountsApi.post("/register", apiInput("json", v.object({ email: EmailInput, password: NewPasswordInput })), async (c) => {
  const { email, password } = c.req.valid("json");
  const outcome = await registerAccount(c.var.db, { address: email, password, request: accountRequest(c), policyVersion: currentPolicyOf(c).number }, Date.now());
  if (outcome.kind === "rate_limited") throw new AppError("too_many_requests", { retryAfterSeconds: outcome.retryAfterMs / 1000 });
  return c.json({ status: "check_your_mailbox" }, 202);
});
