/** The /device approval of the OAuth device flow, for a logged-in user. Mounted at /device, behind requireAccount(). */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { createLoginChallenge, findAccount, verifyLoginCode } from "../../../accounts";
import { isKnownPlace } from "../../../account-security";
import { admitWindowStatement, combineDecisions, refusal, uncountEvent } from "../../../accounts/rate-limits";
import { PasswordInput } from "../../../accounts/validation";
import { DEVICE_CODE_GUESS_WINDOW_MS, DEVICE_CODE_GUESSES_PER_WINDOW } from "../../../config";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { networkOf } from "../../../lib/network";
import { createOutbox } from "../../../mail/outbox";
import { newDeviceMail } from "../../../mail/templates";
import { approveDevice, findPendingDevice, normalizeUserCode, type PendingDevice } from "../../../oauth";
import { hasRecentPassword } from "../../../sessions";
import { DEVICE_TEXT, DeviceApprovePage, DeviceCodePage } from "../../../views/device-page";
import { LOGIN_CODE_TEXT, LoginCodePage } from "../../../views/login-code-page";
import { accountRequest } from "../../account-request";
import { CodeForm, ResendCodeForm, resendCodeStep, retryCodeStep, type CodeStepProps } from "../code-step";
import { formValidator, pageQuery } from "../input";
import { requireAccount } from "../guards";
import { confirmRecentPassword } from "../recent-password";
import { tooManyPage } from "../too-many-page";

export const devicePages = new Hono<AppEnv>();
devicePages.use(requireAccount());

const TEXT = {
  fr: { badCode: "Ce code est inconnu ou expiré.", approved: "Appareil autorisé : l'application peut continuer.", confirmPassword: "Confirmez avec votre mot de passe." },
  en: { badCode: "This code is unknown or expired.", approved: "Device authorized: the app can go on.", confirmPassword: "Confirm with your password." },
} as const;

const frame = (c: Context<AppEnv>) => ({ title: DEVICE_TEXT[c.var.language].title, currentPath: "/device" });

function placeOf(device: { city: string | null; country: string | null }): string | null {
  return [device.city, device.country].filter(Boolean).join(", ") || null;
}

const CodeQuery = v.object({ code: v.optional(v.fallback(v.pipe(v.string(), v.maxLength(16)), ""), "") });
const DeviceForm = v.object({ user_code: v.pipe(v.string(), v.maxLength(64)), current_password: v.optional(PasswordInput) });

devicePages.get("/", pageQuery("query", CodeQuery), (c) => c.render(<DeviceCodePage language={c.var.language} code={c.req.valid("query").code} />, frame(c)));

/**
 * Wrong codes are counted per session and per network: DEVICE_CODE_GUESSES_PER_WINDOW per window.
 * Each try is counted before the lookup (one atomic upsert per counter, so parallel guesses cannot
 * pass the limit); a right code takes its count back.
 */
async function findDeviceOrCount(c: Context<AppEnv>, rawCode: string): Promise<{ device: PendingDevice } | { response: Response | Promise<Response> }> {
  const now = Date.now();
  const db = c.var.db;
  const keys = [`device-guess:session:${c.var.session!.id}`, `device-guess:network:${networkOf(c.var.client.ip)}`] as const;
  const render = (status: 400 | 429, message: string) => {
    c.status(status);
    return c.render(<DeviceCodePage language={c.var.language} code={rawCode.slice(0, 16)} message={message} />, frame(c));
  };
  const admitted = await db.batch([
    admitWindowStatement(db, keys[0], DEVICE_CODE_GUESSES_PER_WINDOW, DEVICE_CODE_GUESS_WINDOW_MS, now),
    admitWindowStatement(db, keys[1], DEVICE_CODE_GUESSES_PER_WINDOW, DEVICE_CODE_GUESS_WINDOW_MS, now),
  ]);
  const refused = keys.filter((_, i) => !admitted[i]![0]);
  if (refused.length > 0) {
    const decision = combineDecisions(await Promise.all(refused.map((key) => refusal(db, key, DEVICE_CODE_GUESSES_PER_WINDOW, DEVICE_CODE_GUESS_WINDOW_MS, now))));
    return { response: tooManyPage(c, decision.allowed ? 1000 : decision.retryAfterMs, (message) => render(429, message)) };
  }
  const userCode = normalizeUserCode(rawCode);
  const device = userCode ? await findPendingDevice(db, { userCode }, now) : null;
  if (!device) return { response: render(400, TEXT[c.var.language].badCode) };
  await db.batch([uncountEvent(db, keys[0], now), uncountEvent(db, keys[1], now)]);
  return { device };
}

devicePages.post("/", formValidator(DeviceForm), async (c) => {
  const form = c.req.valid("form");
  const found = await findDeviceOrCount(c, form.ok ? form.value.user_code : "");
  if ("response" in found) return found.response;
  const { device } = found;
  return c.render(
    <DeviceApprovePage language={c.var.language} userCode={device.userCode} appName={device.clientName} place={placeOf(device)} needsPassword={!hasRecentPassword(c.var.session!, Date.now())} />,
    frame(c),
  );
});

devicePages.post("/approve", formValidator(DeviceForm), async (c) => {
  const form = c.req.valid("form");
  const found = await findDeviceOrCount(c, form.ok ? form.value.user_code : "");
  if ("response" in found) return found.response;
  const { device } = found;
  const language = c.var.language;
  const now = Date.now();
  const approvePage = (message: string) =>
    c.render(<DeviceApprovePage language={language} userCode={device.userCode} appName={device.clientName} place={placeOf(device)} needsPassword message={message} />, frame(c));
  const check = await confirmRecentPassword(c, form.ok ? form.value.current_password : undefined, now);
  if (check.kind === "throttled") return tooManyPage(c, check.retryAfterMs, approvePage);
  if (check.kind !== "success") {
    c.status(401);
    return approvePage(TEXT[language].confirmPassword);
  }
  const accountId = c.var.session!.accountId;
  const account = await findAccount(c.var.db, accountId);
  if (!account) throw new AppError("login_required");
  // A device in a place the account has not used: the approval waits for the code mailed to the owner.
  const devicePlace = { country: device.country, asn: device.asn, city: device.city, asOrganization: null };
  if (!(await isKnownPlace(c.var.db, { accountId, place: devicePlace }))) {
    const held = await createLoginChallenge(
      c.var.db,
      { account, purpose: "device", reason: "new_place", request: accountRequest(c), deviceUserCode: device.userCode, sessionId: c.var.session!.id, place: devicePlace },
      now,
    );
    if (held.kind === "throttled") return tooManyPage(c, held.retryAfterMs, approvePage);
    return renderDeviceCodeStep(c, { challenge: held.token });
  }
  if (!(await approveDevice(c.var.db, { userCode: device.userCode, accountId }, now))) {
    c.status(400);
    return c.render(<DeviceCodePage language={language} message={TEXT[language].badCode} />, frame(c));
  }
  c.executionCtx.waitUntil(createOutbox(c.env, c.var.db).send(newDeviceMail(language, account.email, device.clientName, placeOf(device))));
  return c.render(<DeviceCodePage language={language} notice={TEXT[language].approved} />, frame(c));
});

function renderDeviceCodeStep(c: Context<AppEnv>, props: CodeStepProps) {
  return c.render(<LoginCodePage language={c.var.language} purpose="device" action="/device/code" {...props} />, { title: LOGIN_CODE_TEXT[c.var.language].deviceTitle, currentPath: "/device" });
}

/** The code step of a device approval held for its place: only in the session that asked. */
devicePages.post("/code", formValidator(CodeForm), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const challenge = form.ok ? form.value.challenge : "";
  const db = c.var.db;
  const deviceName = async (userCode: string) => (await findPendingDevice(db, { userCode }, Date.now()))?.clientName ?? null;
  const check = form.ok
    ? await verifyLoginCode(db, { token: challenge, code: form.value.code ?? "", purpose: "device", sessionId: c.var.session!.id, request: accountRequest(c), deviceName }, Date.now())
    : ({ kind: "dead" } as const);
  if (check.kind === "device_approved" && check.approved) return c.render(<DeviceCodePage language={language} notice={TEXT[language].approved} />, frame(c));
  if (check.kind === "wrong" || check.kind === "exhausted") return retryCodeStep(c, challenge, check, (props) => renderDeviceCodeStep(c, props));
  c.status(400);
  return deadDeviceCode(c);
});

function deadDeviceCode(c: Context<AppEnv>) {
  return c.render(<DeviceCodePage language={c.var.language} message={TEXT[c.var.language].badCode} />, frame(c));
}

devicePages.post("/code/resend", formValidator(ResendCodeForm), (c) =>
  resendCodeStep(c, c.req.valid("form"), { purpose: "device", sessionId: c.var.session!.id, render: (props) => renderDeviceCodeStep(c, props), dead: () => deadDeviceCode(c) }),
);
