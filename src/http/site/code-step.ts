/**
 * What the steps that wait for a code mailed to the owner share (a sign-in, a device approval or an
 * account deletion from a place the account has not used): their forms, "send a new code", and the
 * answer to a wrong or spent code. Each step draws its own page (`render`).
 */
import type { Context } from "hono";
import * as v from "valibot";
import { resendLoginCode, type ChallengePurpose } from "../../accounts";
import type { AppEnv } from "../../env";
import { LOGIN_CODE_MESSAGES } from "../../views/login-code-page";
import { accountRequest } from "../account-request";
import type { FormResult } from "../input";
import { tooManyPage } from "./too-many-page";

const ChallengeToken = v.pipe(v.string(), v.maxLength(64));
export const CodeForm = v.object({ challenge: ChallengeToken, code: v.optional(v.pipe(v.string(), v.maxLength(16))) });
export const ResendCodeForm = v.object({ challenge: ChallengeToken });

export type CodeStepProps = { challenge: string; message?: string; notice?: string; exhausted?: boolean };
type Page = Response | Promise<Response>;

/** A wrong code (the tries left) or the last wrong one (ask for a new code): the step again, 400. */
export function retryCodeStep(c: Context<AppEnv>, challenge: string, check: { kind: "wrong"; attemptsLeft: number } | { kind: "exhausted" }, render: (props: CodeStepProps) => Page): Page {
  const messages = LOGIN_CODE_MESSAGES[c.var.language];
  c.status(400);
  return check.kind === "wrong" ? render({ challenge, message: messages.wrong(check.attemptsLeft) }) : render({ challenge, message: messages.exhausted(), exhausted: true });
}

/** "Send a new code": the step again with a notice, 429 when throttled, `dead()` (400) when the request is gone. */
export async function resendCodeStep(
  c: Context<AppEnv>,
  form: FormResult<v.InferOutput<typeof ResendCodeForm>>,
  input: { purpose: ChallengePurpose; sessionId?: number; render: (props: CodeStepProps) => Page; dead: () => Page },
): Promise<Response> {
  const challenge = form.ok ? form.value.challenge : "";
  const sent = form.ok ? await resendLoginCode(c.var.db, { token: challenge, purpose: input.purpose, sessionId: input.sessionId, request: accountRequest(c) }, Date.now()) : ({ kind: "dead" } as const);
  if (sent.kind === "sent") return input.render({ challenge, notice: LOGIN_CODE_MESSAGES[c.var.language].resent });
  if (sent.kind === "throttled") return tooManyPage(c, sent.retryAfterMs, (message) => input.render({ challenge, message }));
  c.status(400);
  return input.dead();
}
