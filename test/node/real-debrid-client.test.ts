/**
 * The published `real-debrid-api` client (1.2.1), unchanged but for its base URL, against the real
 * Worker under `wrangler dev`: its settings calls get Real-Debrid's answers, and its avatar upload
 * (a raw file stream, no Content-Type) is checked by the picture's bytes.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import RealDebridClient from "real-debrid-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { HTML_PAGE, IMAGES } from "../helpers/images.ts";

let server: DevServer;
let files: string;
let client: RealDebridClient;

beforeAll(async () => {
  const token = randomBytes(32).toString("hex");
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const now = Date.now();
  server = await startDevServer({
    seedSql:
      `INSERT INTO accounts (id, email, email_normalized, locale, created_at, email_verified_at) VALUES (1, 'client@example.test', 'client@example.test', 'en', ${now}, ${now});` +
      `INSERT INTO api_tokens (account_id, kind, token_hash, created_at) VALUES (1, 'private', '${tokenHash}', ${now});`,
  });
  files = await mkdtemp(join(tmpdir(), "relais-rd-client-"));
  client = new RealDebridClient(token);
  client.base_url = `${server.baseUrl}/rest/1.0/`;
});

afterAll(async () => {
  await server?.stop();
  if (files) await rm(files, { recursive: true, force: true });
});

describe("real-debrid-api@1.2.1 against Relais", () => {
  it("settings.get receives the documented shape", async () => {
    const settings = await client.settings.get();
    expect(settings).toMatchObject({
      download_ports: expect.arrayContaining(["secured"]),
      download_port: "secured",
      locales: expect.objectContaining({ en: "English", fr: "Français" }),
      locale: "en",
      streaming_qualities: expect.any(Array),
      streaming_quality: expect.any(String),
      mobile_streaming_quality: expect.any(String),
      streaming_languages: expect.any(Object),
      streaming_language_preference: "eng",
      streaming_cast_audio: expect.any(Array),
      streaming_cast_audio_preference: expect.any(String),
    });
    for (const [list, current] of [["download_ports", "download_port"], ["streaming_qualities", "streaming_quality"], ["streaming_cast_audio", "streaming_cast_audio_preference"]] as const) {
      expect(settings[list] as string[]).toContain(settings[current]);
    }
    expect(Object.keys(settings.streaming_languages as object)).toContain(settings.streaming_language_preference);
  });

  it("settings.update changes a setting (empty answer), and a bad value comes back as the client's error 2", async () => {
    expect(await client.settings.update("streaming_quality", "low")).toBeUndefined();
    expect(await client.settings.get()).toMatchObject({ streaming_quality: "low" });
    await expect(client.settings.update("streaming_quality", "8k")).rejects.toMatchObject({ code: 2 });
  });

  it("settings.avatarFile uploads a picture, refuses a 300 KiB file and an HTML file renamed .png", async () => {
    const picture = join(files, "me.png");
    await writeFile(picture, IMAGES.png);
    expect(await client.settings.avatarFile(picture)).toBeUndefined();
    const { avatar } = await client.user.get();
    const served = await fetch(String(avatar));
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(IMAGES.png);

    const big = join(files, "big.png");
    await writeFile(big, Buffer.concat([IMAGES.png, Buffer.alloc(300 * 1024)]));
    await expect(client.settings.avatarFile(big)).rejects.toMatchObject({ code: 26 });
    const html = join(files, "renamed.png");
    await writeFile(html, HTML_PAGE);
    await expect(client.settings.avatarFile(html)).rejects.toMatchObject({ code: 28 });
    expect((await client.user.get()).avatar).toBe(avatar);

    expect(await client.settings.deleteAvatar()).toBeUndefined();
    expect((await client.user.get()).avatar).toBe(`${server.baseUrl}/assets/avatar.svg`);
  });

  it("settings.changePassword answers with an empty body", async () => {
    expect(await client.settings.changePassword()).toBeUndefined();
  });
});
