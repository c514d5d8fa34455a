/** Our own JSON API for accounts (mounted at /api): registration for programs and scripts. */
import { Hono } from "hono";
import { registerAccount } from "../../accounts";
import { checkNewPassword, isAcceptablePasswordInput, parseEmail } from "../../accounts/validation";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { readJsonObject } from "../body";
import { requestInfo } from "../pages/request-info";

export const accountsApi = new Hono<AppEnv>();

/** `POST /api/register` `{email, password}` → 202, the same for known and unknown addresses. */
accountsApi.post("/register", async (c) => {
  const body = await readJsonObject(c);
  const fields: Record<string, string> = {};
  const address = parseEmail(body.email);
  if (body.email === undefined) fields.email = "missing";
  else if (!address) fields.email = "invalid_email";
  const password = body.password;
  if (password === undefined) fields.password = "missing";
  else if (!isAcceptablePasswordInput(password)) fields.password = typeof password === "string" && password.length > 0 ? "password_too_long" : "invalid";
  else {
    const problem = checkNewPassword(password);
    if (problem) fields.password = problem;
  }
  if (Object.keys(fields).length > 0 || !address || !isAcceptablePasswordInput(password)) throw new AppError("validation_failed", { details: { fields } });
  const outcome = await registerAccount(c.env, address, password, requestInfo(c), Date.now());
  if (outcome.kind === "rate_limited") throw new AppError("too_many_requests", { retryAfterSeconds: outcome.retryAfterMs / 1000 });
  return c.json({ status: "check_your_mailbox" }, 202);
});
