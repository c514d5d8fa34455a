import { mainDb } from "../../../src/db/client";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findDownload, insertDownload, listDownloads } from "../../../src/downloads/records";
import { linkDeletionDeadline } from "../../../src/downloads/link-crypto";
import { DAY_MS, utcDayStart } from "../../../src/lib/time";
import { api, originFile } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { dumpAllStorage, fireCron } from "../../helpers/storage";

function record(accountId: number, id: string, generatedAt: number) {
  return {
    id, accountId, adapterId: "direct", host: "files.example.com", link: `https://files.example.com/${id}.mkv`, filename: `${id}.mkv`,
    download: `http://127.0.0.1:8787/d/${id}/${id}.mkv`, filesize: 1, mimeType: "video/x-matroska", chunks: 16, remote: false,
    generatedAt, expiresAt: generatedAt + 7 * DAY_MS, requester: { ip: "192.0.2.1", country: "FR", city: null, asn: null }, declaredIp: null,
  };
}

describe("retention of recorded links", () => {
  it("keeps a link generated 29 days ago and sweeps one generated 31 days ago", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 30 });
    const now = Date.now();
    await insertDownload(mainDb(env.DB), { kv: env.KV, download: record(accountId, "YOUNG29DAYSAGOAAAAAAAAAAAAAAAAAA", now - 29 * DAY_MS) });
    // Its day key is long gone, so this row can only be a leftover: written as raw ciphertext.
    await env.DB.prepare(
      "INSERT INTO downloads (id, account_id, adapter_id, host, key_id, link_encrypted, filename_encrypted, download_encrypted, filesize, mime_type, chunks, generated_at, expires_at) VALUES (?, ?, 'direct', 'files.example.com', 'old:key', 'x', 'x', 'x', 1, 'x', 16, ?, ?)",
    ).bind("OLD31DAYSAGOAAAAAAAAAAAAAAAAAAAA", accountId, now - 31 * DAY_MS, now - 24 * DAY_MS).run();
    expect(await fireCron(new Date(now))).toMatchObject({ outcome: "ok" });
    const { results } = await env.DB.prepare("SELECT id FROM downloads ORDER BY id").all<{ id: string }>();
    expect(results.map((r) => r.id)).toEqual(["YOUNG29DAYSAGOAAAAAAAAAAAAAAAAAA"]);
    const runs = await env.DB.prepare("SELECT category, rows_deleted FROM retention_runs WHERE category = 'download_links'").all();
    expect(runs.results).toEqual([{ category: "download_links", rows_deleted: 1 }]);
  });

  it("stores links, names and generated links only encrypted, under a day key that expires at the day's deadline", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const file = originFile(10, "très-secret-nom.bin", 2);
    const made = (await (await api("unrestrict/link", { token, form: { link: file.url } })).json()) as { download: string };
    const storage = await dumpAllStorage();
    for (const plaintext of ["très-secret-nom", encodeURIComponent("très-secret-nom"), made.download, new URL(file.url).pathname]) {
      expect(storage).not.toContain(plaintext);
    }
    const keys = await env.KV.list({ prefix: "link-key:" });
    expect(keys.keys.length).toBeGreaterThan(0);
    for (const key of keys.keys) {
      const day = key.name.slice("link-key:".length, "link-key:".length + 10);
      expect(key.expiration).toBe(linkDeletionDeadline(Date.parse(`${day}T00:00:00Z`)) / 1000);
    }
  });

  it("makes a record unreadable once its day key is past its deadline, even if the row came back", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 30 });
    const now = Date.now();
    await insertDownload(mainDb(env.DB), { kv: env.KV, download: record(accountId, "RESTOREDFROMBACKUPAAAAAAAAAAAAAA", now) });
    expect(await findDownload(mainDb(env.DB), { kv: env.KV, id: "RESTOREDFROMBACKUPAAAAAAAAAAAAAA" }, now)).not.toBeNull();
    const afterDeadline = utcDayStart(now) + 30 * DAY_MS;
    expect(await findDownload(mainDb(env.DB), { kv: env.KV, id: "RESTOREDFROMBACKUPAAAAAAAAAAAAAA" }, afterDeadline)).toBeNull();
    expect((await listDownloads(mainDb(env.DB), { kv: env.KV, accountId, offset: 0, limit: 100 }, afterDeadline)).items).toEqual([]);
    // Within the deadline the history shows when the entry will be deleted.
    const { items } = await listDownloads(mainDb(env.DB), { kv: env.KV, accountId, offset: 0, limit: 100 }, now);
    expect(items[0]!.deletionAt).toBe(afterDeadline);
  });
});
