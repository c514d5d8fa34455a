/**
 * Each user's rights over their data, on the site: the my-data page (/account/data), the export
 * (one file, streamed), account deletion (/account/delete, with the mailed code from a new place)
 * and the acknowledgement of a privacy policy change. Mounted before /account, whose guard would
 * otherwise answer a replayed deletion with a redirect instead of a clear 401.
 */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { PasswordInput } from "../../../accounts/validation";
import { MY_DATA_ITEMS_SHOWN } from "../../../config";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { accountDeletedMail } from "../../../mail/templates";
import { createOutbox } from "../../../mail/outbox";
import {
  acknowledgePolicyVersion,
  confirmAccountDeletion,
  ERASED_AT_CLOSURE,
  KEPT_AFTER_CLOSURE,
  readDataOverview,
  readPolicyRecord,
  requestAccountDeletion,
  type ClosureOutcome,
} from "../../../my-data";
import { AccountDeletedPage, DELETE_ACCOUNT_TEXT, DeleteAccountPage, keptLines, SignedOutPage } from "../../../views/delete-account-page";
import { LoginCodePage, LOGIN_CODE_TEXT } from "../../../views/login-code-page";
import { MY_DATA_TEXT, MyDataPage } from "../../../views/my-data-page";
import { accountRequest } from "../../account-request";
import { currentInventory, exportResponse } from "../my-data-export";
import { clearSessionCookie } from "../cookies";
import { requireAccount } from "../guards";
import { CodeForm, ResendCodeForm, resendCodeStep, retryCodeStep, type CodeStepProps } from "../code-step";
import { formValidator } from "../input";
import { policyVersionsOf } from "../policy";
import { tooManyPage } from "../too-many-page";
import { safeNext } from "./auth";

export const myDataPages = new Hono<AppEnv>();

myDataPages.get("/account/data", requireAccount(), async (c) => {
  const now = Date.now();
  const inventory = await currentInventory(c, now);
  const [overview, policy] = await Promise.all([readDataOverview(inventory, MY_DATA_ITEMS_SHOWN), readPolicyRecord(c.var.db, { accountId: inventory.accountId })]);
  return c.render(<MyDataPage language={c.var.language} overview={overview} policy={policy} versions={policyVersionsOf(c)} />, {
    title: MY_DATA_TEXT[c.var.language].title,
    currentPath: "/account",
  });
});

/**
 * The one-click download: a form POST (it records an event, so it is no link a page elsewhere could
 * make a browser follow). Without a session: 401, nothing is recorded.
 */
myDataPages.post("/account/data/export", (c) => (c.var.session ? exportResponse(c, { attachment: true }) : signedOut(c)));

const AcknowledgeForm = v.object({ version: v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,5}$/), v.transform(Number)), return_to: v.optional(v.pipe(v.string(), v.maxLength(512))) });

/** "I have read it" on the policy change notice: a version that does not exist is refused, and nothing is written. */
myDataPages.post("/privacy/acknowledge", requireAccount(), formValidator(AcknowledgeForm), async (c) => {
  const form = c.req.valid("form");
  if (!form.ok) throw new AppError("bad_request");
  const recorded = await acknowledgePolicyVersion(c.var.db, { accountId: c.var.session!.accountId, version: form.value.version, versions: policyVersionsOf(c) }, Date.now());
  if (!recorded) throw new AppError("page_not_found");
  return c.redirect(safeNext(form.value.return_to) ?? "/account/data", 303);
});

function renderDeletePage(c: Context<AppEnv>, extra: { error?: string; status?: 200 | 400 | 401 | 429 } = {}) {
  c.status(extra.status ?? 200);
  return c.render(<DeleteAccountPage language={c.var.language} erased={ERASED_AT_CLOSURE} kept={KEPT_AFTER_CLOSURE} error={extra.error} />, { title: DELETE_ACCOUNT_TEXT[c.var.language].title, currentPath: "/account" });
}

/** No session: nothing to export or delete here (a replayed deletion lands here, and changes nothing). */
function signedOut(c: Context<AppEnv>) {
  c.status(401);
  return c.render(<SignedOutPage language={c.var.language} />, { title: DELETE_ACCOUNT_TEXT[c.var.language].signedOutTitle });
}

/** The account is gone: the browser's session ends with it, the owner gets a mail, the page says what was kept. */
function finishClosure(c: Context<AppEnv>, outcome: Extract<ClosureOutcome, { kind: "closed" }>) {
  c.set("session", null);
  clearSessionCookie(c);
  c.header("Clear-Site-Data", '"cookies"');
  c.executionCtx.waitUntil(createOutbox(c.env, c.var.db).send(accountDeletedMail(outcome.language, outcome.email, keptLines(outcome.kept, outcome.language))));
  return c.render(<AccountDeletedPage language={c.var.language} kept={outcome.kept} />, { title: DELETE_ACCOUNT_TEXT[c.var.language].deletedTitle });
}

function renderDeletionCode(c: Context<AppEnv>, props: CodeStepProps) {
  return c.render(<LoginCodePage language={c.var.language} purpose="account_deletion" reason="new_place" action="/account/delete/code" {...props} />, {
    title: LOGIN_CODE_TEXT[c.var.language].deletionTitle,
    currentPath: "/account",
  });
}

myDataPages.get("/account/delete", requireAccount(), (c) => renderDeletePage(c));

const DeleteForm = v.object({ current_password: PasswordInput, confirm: v.literal("1") });

myDataPages.post("/account/delete", formValidator(DeleteForm), async (c) => {
  const t = DELETE_ACCOUNT_TEXT[c.var.language];
  const session = c.var.session;
  if (!session) return signedOut(c);
  const form = c.req.valid("form");
  if (!form.ok) return renderDeletePage(c, { error: form.errors.current_password ? t.wrongPassword : t.confirmNeeded, status: 400 });
  const now = Date.now();
  const outcome = await requestAccountDeletion(c.var.db, { accountId: session.accountId, sessionId: session.id, password: form.value.current_password, request: accountRequest(c), kv: c.env.KV }, now);
  if (outcome.kind === "invalid") return renderDeletePage(c, { error: t.wrongPassword, status: 401 });
  if (outcome.kind === "throttled") return tooManyPage(c, outcome.retryAfterMs, (error) => renderDeletePage(c, { error, status: 429 }));
  if (outcome.kind === "challenge") return renderDeletionCode(c, { challenge: outcome.token });
  if (outcome.kind === "gone") return signedOut(c);
  return finishClosure(c, outcome);
});

/** A deletion request that is gone (used, expired, unknown): the deletion page again, nothing deleted. */
const deadDeletionCode = (c: Context<AppEnv>) => renderDeletePage(c, { error: DELETE_ACCOUNT_TEXT[c.var.language].codeDead, status: 400 });

myDataPages.post("/account/delete/code", formValidator(CodeForm), async (c) => {
  const session = c.var.session;
  if (!session) return signedOut(c);
  const form = c.req.valid("form");
  const challenge = form.ok ? form.value.challenge : "";
  const check = form.ok
    ? await confirmAccountDeletion(c.var.db, { token: challenge, code: form.value.code ?? "", sessionId: session.id, request: accountRequest(c), kv: c.env.KV }, Date.now())
    : ({ kind: "dead" } as const);
  if (check.kind === "closed") return finishClosure(c, check);
  if (check.kind === "gone") return signedOut(c);
  if (check.kind === "wrong" || check.kind === "exhausted") return retryCodeStep(c, challenge, check, (props) => renderDeletionCode(c, props));
  return deadDeletionCode(c);
});

myDataPages.post("/account/delete/code/resend", formValidator(ResendCodeForm), (c) => {
  const session = c.var.session;
  if (!session) return signedOut(c);
  return resendCodeStep(c, c.req.valid("form"), { purpose: "account_deletion", sessionId: session.id, render: (props) => renderDeletionCode(c, props), dead: () => deadDeletionCode(c) });
});
