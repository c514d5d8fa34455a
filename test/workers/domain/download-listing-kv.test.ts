import { mainDb } from "../../../src/db/client";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { forgetCachedLinkKeys } from "../../../src/downloads/link-crypto";
import { insertDownload, listDownloads } from "../../../src/downloads/records";
import { DAY_MS } from "../../../src/lib/time";
import { createTestAccount } from "../../helpers/factories";

/** env.KV with its get calls counted (a bulk get counts as one KV operation). */
function countingKv(): { kv: KVNamespace; gets: () => number } {
  let gets = 0;
  const kv = new Proxy(env.KV, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === "get") return (...args: unknown[]) => (gets++, (value as (...a: unknown[]) => unknown).apply(target, args));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { kv, gets: () => gets };
}

describe("listing downloads", () => {
  it("reads each day key once, however many rows share it", async () => {
    const { accountId } = await createTestAccount({ premiumDays: 30 });
    const now = Date.now();
    for (let i = 0; i < 20; i++) {
      const id = `LISTKV${String(i).padStart(2, "0")}${"A".repeat(24)}`;
      await insertDownload(mainDb(env.DB), { kv: env.KV, download: {
        id, accountId, adapterId: "direct", host: "direct", link: `https://files.example.com/${i}.bin`, filename: `${i}.bin`,
        download: `http://127.0.0.1:8787/d/${id}/${i}.bin`, filesize: 1, mimeType: "application/octet-stream", chunks: 4, remote: false,
        generatedAt: now - i, expiresAt: now + DAY_MS, requester: { ip: null, country: null, city: null, asn: null }, declaredIp: null,
      } });
    }
    forgetCachedLinkKeys();
    const { kv, gets } = countingKv();
    const { total, items } = await listDownloads(mainDb(env.DB), { kv, accountId, offset: 0, limit: 5000 }, now);
    expect(total).toBe(20);
    expect(items.map((item) => item.filename)).toEqual(Array.from({ length: 20 }, (_, i) => `${i}.bin`));
    expect(gets()).toBe(1);
  });
});
