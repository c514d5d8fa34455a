/**
 * A 1 GiB MEGA file end to end through the real Worker (wrangler dev) against the MEGA stand-in:
 * decrypted at the edge while it streams, byte-identical, resumable from an unaligned offset, and
 * with workerd's memory flat: serving 1 GiB costs about what serving 10 MiB costs.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentChunks } from "../servers/content.ts";
import { megaBase64, megaKey } from "../servers/hoster-fixtures.ts";
import { startMegaServer } from "../servers/mega-server.ts";
import type { StartedServer } from "../servers/origin-server.ts";
import { generateLink, peakMemoryDuring, startDevWorker, type DevWorker } from "./dev-worker.ts";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const BIG = { handle: "GiBfile1", seed: 42, size: GIB };
const SMALL = { handle: "TenMiB01", seed: 43, size: 10 * MIB };
/** What "flat" allows: GC slack and buffers (about 40 MiB measured), a tenth of the file at most. */
const MAX_GROWTH_BYTES = 96 * MIB;

let mega: StartedServer;
let worker: DevWorker;
let bigLink: string;
let smallLink: string;

const linkOf = (file: { handle: string; seed: number }) => `https://mega.nz/file/${file.handle}#${megaBase64(megaKey(file.seed))}`;

function expectedHash(seed: number, start: number, end: number): string {
  const hash = createHash("sha256");
  for (const chunk of contentChunks(seed, start, end)) hash.update(chunk);
  return hash.digest("hex");
}

async function hashOf(response: Response): Promise<{ bytes: number; hash: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of response.body! as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { bytes, hash: hash.digest("hex") };
}

beforeAll(async () => {
  mega = await startMegaServer({
    [BIG.handle]: { name: "one-gibibyte.bin", size: BIG.size, seed: BIG.seed },
    [SMALL.handle]: { name: "ten-mebibytes.bin", size: SMALL.size, seed: SMALL.seed },
  });
  worker = await startDevWorker([`127.0.0.1:${mega.port}`], { MEGA_API_URL: mega.url });
  bigLink = await generateLink(worker, linkOf(BIG));
  smallLink = await generateLink(worker, linkOf(SMALL));
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  mega?.server.closeAllConnections();
  mega?.server.close();
});

describe("a 1 GiB MEGA file decrypted at the edge", () => {
  it("arrives byte-identical with workerd's memory flat (1 GiB costs about what 10 MiB costs)", async () => {
    // A 10 MiB download lasts moments: repeated, so that the sampler sees it in flight.
    const smallPeak = await peakMemoryDuring(worker, async () => {
      for (let i = 0; i < 5; i++) expect((await hashOf(await fetch(smallLink))).bytes).toBe(SMALL.size);
    });
    let received = { bytes: 0, hash: "" };
    const bigPeak = await peakMemoryDuring(worker, async () => {
      const response = await fetch(bigLink);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(BIG.size));
      received = await hashOf(response);
    });
    expect(received.bytes).toBe(BIG.size);
    expect(received.hash).toBe(expectedHash(BIG.seed, 0, BIG.size));
    console.log(`MEGA 1 GiB: workerd peak ${(bigPeak / MIB).toFixed(1)} MiB vs ${(smallPeak / MIB).toFixed(1)} MiB for 10 MiB`);
    expect(bigPeak - smallPeak).toBeLessThan(MAX_GROWTH_BYTES);
  }, 600_000);

  it("resumes from an unaligned offset past the middle, byte-identical", async () => {
    const start = GIB / 2 + 12_345;
    const response = await fetch(bigLink, { headers: { range: `bytes=${start}-` } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${start}-${GIB - 1}/${GIB}`);
    const received = await hashOf(response);
    expect(received.bytes).toBe(GIB - start);
    expect(received.hash).toBe(expectedHash(BIG.seed, start, GIB));
  }, 600_000);
});
