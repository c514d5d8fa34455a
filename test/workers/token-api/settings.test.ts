import { countRows } from "../../helpers/storage";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AVATAR_MAX_BYTES } from "../../../src/config";
import { api, SITE } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { HTML_PAGE, IMAGES } from "../../helpers/images";
import { tokenFromMail, waitForMail } from "../../helpers/web-client";

/** PUT settings/avatarFile as real-debrid-api sends it: the raw file, no Content-Type. */
function uploadAvatar(token: string, body: Uint8Array) {
  return exports.default.fetch(`${SITE}/rest/1.0/settings/avatarFile`, { method: "PUT", headers: { authorization: `Bearer ${token}` }, body });
}

describe("GET /settings", () => {
  it("answers Real-Debrid's documented shape, with our download nodes, whatever the points", async () => {
    const { token, accountId } = await createTestAccount();
    await env.DB.prepare("UPDATE accounts SET points = 1234 WHERE id = ?").bind(accountId).run();
    const response = await api("settings", { token });
    expect(response.status).toBe(200);
    const settings = (await response.json()) as Record<string, unknown>;
    expect(settings).toEqual({
      download_ports: ["secured"], download_port: "secured",
      locales: { fr: "Français", en: "English" }, locale: "fr",
      streaming_qualities: ["original", "high", "medium", "low"], streaming_quality: "original", mobile_streaming_quality: "original",
      streaming_languages: { fre: "Français", eng: "English", ita: "Italiano", esp: "Español" }, streaming_language_preference: "fre",
      streaming_cast_audio: ["aac", "dolby"], streaming_cast_audio_preference: "aac",
      download_nodes: { auto: "Le plus proche", main: "main" }, download_node: "auto",
    });
  });

  it("needs a token (401 code 8)", async () => {
    const response = await api("settings");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "bad_token", error_code: 8 });
  });
});

describe("POST /settings/update", () => {
  it("sets each setting to one of the values GET lists, then GET shows it (204, as upstream)", async () => {
    const { token } = await createTestAccount();
    const changes: [string, string][] = [
      ["locale", "en"], ["streaming_quality", "low"], ["mobile_streaming_quality", "medium"], ["streaming_language_preference", "ita"],
      ["streaming_cast_audio_preference", "dolby"], ["download_port", "secured"], ["download_node", "main"],
    ];
    for (const [setting_name, setting_value] of changes) {
      const response = await api("settings/update", { token, form: { setting_name, setting_value } });
      expect(response.status, setting_name).toBe(204);
      expect(await response.text()).toBe("");
    }
    expect(await (await api("settings", { token })).json()).toMatchObject(Object.fromEntries(changes));
    expect(await (await api("user", { token })).json()).toMatchObject({ locale: "en" });
  });

  it.each([
    [{ setting_name: "points", setting_value: "1" }, "bad_parameter", 2, "setting_name"],
    [{ setting_name: "locale", setting_value: "de" }, "bad_parameter", 2, "setting_value"],
    [{ setting_name: "download_node", setting_value: "nowhere" }, "bad_parameter", 2, "setting_value"],
    [{ setting_name: "download_port", setting_value: "normal" }, "bad_parameter", 2, "setting_value"],
    [{ setting_name: "locale" }, "missing_parameter", 1, "setting_value"],
    [{ setting_value: "en" }, "missing_parameter", 1, "setting_name"],
  ])("refuses %j with 400 and changes nothing", async (form, error, code, parameter) => {
    const { token } = await createTestAccount();
    const before = await (await api("settings", { token })).json();
    const response = await api("settings/update", { token, form: form as Record<string, string> });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error, error_code: code, parameter });
    expect(await (await api("settings", { token })).json()).toEqual(before);
  });
});

describe("avatars", () => {
  it.each(Object.entries({ png: ["png", "image/png"], jpeg: ["jpg", "image/jpeg"], gif: ["gif", "image/gif"], webp: ["webp", "image/webp"], webpLossless: ["webp", "image/webp"] }))(
    "takes a %s by its bytes and serves it from the site with its type and nosniff",
    async (name, [extension, type]) => {
      const { token } = await createTestAccount();
      const bytes = IMAGES[name as keyof typeof IMAGES];
      expect((await uploadAvatar(token, bytes)).status).toBe(204);
      const { avatar } = (await (await api("user", { token })).json()) as { avatar: string };
      expect(avatar).toMatch(new RegExp(`^http://localhost:8787/avatars/[a-z2-7]{32}\\.${extension}$`));
      const served = await exports.default.fetch(avatar);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe(type);
      expect(served.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    },
  );

  it("refuses a 300 KiB file (413 code 26) and an HTML file renamed .png (400 code 28), keeping the old avatar", async () => {
    const { token } = await createTestAccount();
    expect((await uploadAvatar(token, IMAGES.png)).status).toBe(204);
    const before = ((await (await api("user", { token })).json()) as { avatar: string }).avatar;
    const big = new Uint8Array(300 * 1024);
    big.set(IMAGES.png);
    const tooBig = await uploadAvatar(token, big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: "upload_too_big", error_code: 26, max_bytes: AVATAR_MAX_BYTES });
    const html = await uploadAvatar(token, HTML_PAGE);
    expect(html.status).toBe(400);
    expect(await html.json()).toMatchObject({ error: "file_not_allowed", error_code: 28 });
    const wide = await uploadAvatar(token, IMAGES.tooWide);
    expect(wide.status).toBe(400);
    expect(await wide.json()).toMatchObject({ error: "image_resolution", error_code: 32, width: 3000 });
    // A PNG cut short (no IEND) is not a whole picture either.
    expect((await uploadAvatar(token, IMAGES.png.subarray(0, IMAGES.png.length - 12))).status).toBe(400);
    expect(((await (await api("user", { token })).json()) as { avatar: string }).avatar).toBe(before);
    expect(await countRows("avatars")).toBeGreaterThanOrEqual(1);
  });

  it("replaces and deletes: the old picture stops being served, the default comes back", async () => {
    const { token } = await createTestAccount();
    await uploadAvatar(token, IMAGES.png);
    const first = ((await (await api("user", { token })).json()) as { avatar: string }).avatar;
    await uploadAvatar(token, IMAGES.gif);
    const second = ((await (await api("user", { token })).json()) as { avatar: string }).avatar;
    expect(second).not.toBe(first);
    expect((await exports.default.fetch(first)).status).toBe(404);
    expect((await api("settings/avatarDelete", { token, method: "DELETE" })).status).toBe(204);
    expect((await exports.default.fetch(second)).status).toBe(404);
    expect(((await (await api("user", { token })).json()) as { avatar: string }).avatar).toBe("http://localhost:8787/assets/avatar.svg");
    const keys = await env.KV.list({ prefix: "avatar:" });
    expect(keys.keys.filter((k) => k.name.endsWith(new URL(second).pathname.split("/").pop()!))).toEqual([]);
  });

  it("keeps the picture in KV no longer than its retention period", async () => {
    const { token } = await createTestAccount();
    await uploadAvatar(token, IMAGES.png);
    const { avatar } = (await (await api("user", { token })).json()) as { avatar: string };
    const { keys } = await env.KV.list({ prefix: "avatar:" });
    const key = keys.find((k) => avatar.endsWith(k.name.slice("avatar:".length)))!;
    expect(key.expiration).toBeGreaterThan(Date.now() / 1000 + 364 * 86_400);
    expect(key.expiration).toBeLessThanOrEqual(Date.now() / 1000 + 365 * 86_400 + 60);
  });
});

describe("POST /settings/changePassword", () => {
  it("mails the owner a link to choose a new password (204), a few times an hour at most", async () => {
    const { token, email } = await createTestAccount();
    expect((await api("settings/changePassword", { token, method: "POST" })).status).toBe(204);
    // The account speaks French (its locale), so does the mail.
    expect(tokenFromMail((await waitForMail(email, "Changer votre mot de passe")).body)).toMatch(/^[A-Z2-7]{52}$/);
    for (let i = 0; i < 2; i++) expect((await api("settings/changePassword", { token, method: "POST" })).status).toBe(204);
    const capped = await api("settings/changePassword", { token, method: "POST" });
    expect(capped.status).toBe(429);
    expect(await capped.json()).toMatchObject({ error: "too_many_requests", error_code: 34 });
  });
});
