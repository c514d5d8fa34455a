import { sha256Hex } from "../../../src/lib/crypto";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchDepsFromEnv } from "../../../src/fetching/safe-fetch";
import { onefichierAdapter } from "../../../src/hosters/onefichier";
import { contentBytes } from "../../servers/content";
import { api, onefichierRequests } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { dumpAllStorage } from "../../helpers/storage";

describe("1fichier adapter against a stand-in of its premium API", () => {
  it("checks a link through file/info.cgi", async () => {
    const before = await onefichierRequests();
    const response = await api("unrestrict/check", { form: { link: "https://1fichier.com/?relais1test" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ host: "1fichier.com", link: "https://1fichier.com/?relais1test", filename: "Vacances d'été 2026.mkv", filesize: 3_000_000, supported: 1 });
    expect(await onefichierRequests()).toBe(before + 1);
  });

  it("unrestricts for premium accounts and streams through a fresh download token", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const response = await api("unrestrict/link", { token, form: { link: "https://relais1test.1fichier.com/", remote: "0" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { host: string; chunks: number; download: string; filename: string; mimeType: string };
    expect(body).toMatchObject({ host: "1fichier.com", chunks: 4, filename: "Vacances d'été 2026.mkv", mimeType: "video/x-matroska" });
    const download = await exports.default.fetch(body.download, { headers: { range: "bytes=2000000-" } });
    expect(download.status).toBe(206);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(await sha256Hex(bytes)).toBe(await sha256Hex(contentBytes(7, 2_000_000, 3_000_000)));
  });

  it("passes the file password and reports a wrong one as file_unavailable", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const wrong = await api("unrestrict/link", { token, form: { link: "https://1fichier.com/?protected01", password: "nope" } });
    expect(wrong.status).toBe(503);
    expect(await wrong.json()).toMatchObject({ error: "file_unavailable", error_code: 24 });
    const right = await api("unrestrict/link", { token, form: { link: "https://1fichier.com/?protected01", password: "sesame" } });
    expect(right.status).toBe(200);
  });

  it("downloads a password-protected file: the password is kept only encrypted with the link", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const response = await api("unrestrict/link", { token, form: { link: "https://1fichier.com/?protected01", password: "sesame" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(JSON.stringify(body)).not.toContain("sesame");
    const download = await exports.default.fetch(body.download as string);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(contentBytes(8, 0, 1000));
    expect(await dumpAllStorage()).not.toContain("sesame");
  });

  it("is for premium accounts only (403 code 20)", async () => {
    const { token } = await createTestAccount();
    const before = await onefichierRequests();
    const response = await api("unrestrict/link", { token, form: { link: "https://1fichier.com/?relais1test" } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "hoster_not_free", error_code: 20, premium_required: true });
    expect(await onefichierRequests()).toBe(before);
  });

  it("reports the hoster down without its API key", async () => {
    const ctx = { deps: fetchDepsFromEnv(env), env: { ...env, ONEFICHIER_API_KEY: "" } };
    expect(onefichierAdapter.status(ctx)).toBe("down");
    await expect(onefichierAdapter.check(new URL("https://1fichier.com/?relais1test"), ctx)).rejects.toMatchObject({ key: "hoster_unavailable" });
  });
});
