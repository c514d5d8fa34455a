/**
 * The settings page (/account/settings) and the avatar forms (/account/avatar, a group of its own
 * mounted in app.ts with a larger body cap for the picture), behind requireAccount().
 */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { REMOTE_BYTES_PER_DAY } from "../../../config";
import { downloadNodes } from "../../../downloads/download-host";
import type { AppEnv } from "../../../env";
import { AppError, ERRORS } from "../../../errors";
import { accountStatus } from "../../../quotas";
import { avatarPath, deleteAvatar, findAccountAvatar, readSettings, saveAvatar, updateSetting } from "../../../settings";
import { remoteUsageOnDay } from "../../../traffic/remote";
import { SETTINGS_TEXT, SettingsPage } from "../../../views/settings-page";
import { toAppError } from "../../error-rendering";
import { requireAccount } from "../guards";
import { formValidator } from "../input";

export const settingsPages = new Hono<AppEnv>();
settingsPages.use(requireAccount());

const TEXT = {
  fr: { saved: "Réglage enregistré.", badValue: "Cette valeur n'est pas permise.", avatarSaved: "Avatar enregistré.", avatarDeleted: "Avatar supprimé.", noFile: "Choisissez une image." },
  en: { saved: "Setting saved.", badValue: "This value is not allowed.", avatarSaved: "Avatar saved.", avatarDeleted: "Avatar deleted.", noFile: "Choose a picture." },
} as const;

async function renderSettings(c: Context<AppEnv>, extra: { notice?: string; error?: string; status?: 200 | 400 | 413 } = {}) {
  const accountId = c.var.session!.accountId;
  const now = Date.now();
  const db = c.var.db;
  const [settings, avatar, status, remote] = await Promise.all([
    readSettings(db, { accountId, nodes: downloadNodes(c.env) }),
    findAccountAvatar(db, { accountId }),
    accountStatus(db, accountId, now),
    remoteUsageOnDay(db, accountId, now),
  ]);
  if (!settings || !status) throw new AppError("login_required");
  c.status(extra.status ?? 200);
  return c.render(
    <SettingsPage
      language={c.var.language} settings={settings} avatarUrl={avatar ? avatarPath(avatar) : null}
      remote={{ used: remote[0]?.bytes ?? 0, limit: REMOTE_BYTES_PER_DAY[status.plan] }} notice={extra.notice} error={extra.error}
    />,
    { title: SETTINGS_TEXT[c.var.language].title, currentPath: "/account" },
  );
}

settingsPages.get("/", (c) => renderSettings(c));

settingsPages.post("/", formValidator(v.object({ setting_name: v.pipe(v.string(), v.maxLength(64)), setting_value: v.pipe(v.string(), v.maxLength(64)) })), async (c) => {
  const t = TEXT[c.var.language];
  const form = c.req.valid("form");
  if (!form.ok) return renderSettings(c, { error: t.badValue, status: 400 });
  const outcome = await updateSetting(c.var.db, { accountId: c.var.session!.accountId, name: form.value.setting_name, value: form.value.setting_value, nodes: downloadNodes(c.env) }, Date.now());
  if (!outcome.ok) return renderSettings(c, { error: t.badValue, status: 400 });
  // A new locale shows at once: this page in the chosen language.
  if (form.value.setting_name === "locale" && (form.value.setting_value === "fr" || form.value.setting_value === "en")) c.set("language", form.value.setting_value);
  return renderSettings(c, { notice: TEXT[c.var.language].saved });
});

export const avatarPageRoutes = new Hono<AppEnv>();
avatarPageRoutes.use(requireAccount());

/** The picture comes as a multipart file (read from the body limitBody already capped); its bytes decide its type. */
avatarPageRoutes.post("/", async (c) => {
  const t = TEXT[c.var.language];
  let file: unknown;
  try {
    file = (await c.req.formData()).get("avatar");
  } catch {
    file = null;
  }
  if (!(file instanceof File) || file.size === 0) return renderSettings(c, { error: t.noFile, status: 400 });
  try {
    await saveAvatar(c.var.db, { kv: c.env.KV, accountId: c.var.session!.accountId, bytes: new Uint8Array(await file.arrayBuffer()) }, Date.now());
  } catch (error) {
    const refusal = toAppError(error, c.var.requestId);
    if (refusal.status >= 500) throw error;
    return renderSettings(c, { error: ERRORS[refusal.key][c.var.language], status: refusal.status === 413 ? 413 : 400 });
  }
  return renderSettings(c, { notice: t.avatarSaved });
});

avatarPageRoutes.post("/delete", async (c) => {
  await deleteAvatar(c.var.db, { kv: c.env.KV, accountId: c.var.session!.accountId });
  return renderSettings(c, { notice: TEXT[c.var.language].avatarDeleted });
});
