/**
 * End to end through the real Worker (wrangler dev, port 8789) against a real local origin:
 * a 1 GiB file arrives byte-identical, resumes after an interruption, and reassembles from 4
 * parallel ranged connections.
 */
import { createHash } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentChunks } from "../servers/content.ts";
import { startOriginServer, type StartedServer } from "../servers/origin-server.ts";
import { generateLink, startDevWorker, type DevWorker } from "./dev-worker.ts";

const SIZE = 1024 ** 3;
const SEED = 42;
let origin: StartedServer;
let worker: DevWorker;
let download: string;
let expectedSha256: string;

function expectedHash(start: number, end: number): string {
  const hash = createHash("sha256");
  for (const chunk of contentChunks(SEED, start, end)) hash.update(chunk);
  return hash.digest("hex");
}

/** Streams a response body into a hash (and optionally stops after `limit` bytes). */
async function consume(response: Response, onChunk: (chunk: Uint8Array) => void, limit = Infinity): Promise<number> {
  const reader = response.body!.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return received;
    const take = Math.min(value.byteLength, limit - received);
    onChunk(value.subarray(0, take));
    received += take;
    if (received >= limit) {
      await reader.cancel();
      return received;
    }
  }
}

beforeAll(async () => {
  origin = await startOriginServer();
  worker = await startDevWorker([`127.0.0.1:${origin.port}`]);
  download = await generateLink(worker, `${origin.url}/files/${SIZE}/big.bin?seed=${SEED}`);
  expectedSha256 = expectedHash(0, SIZE);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  origin?.server.closeAllConnections();
  origin?.server.close();
});

describe("a 1 GiB download through a generated link", () => {
  it("arrives byte-identical", async () => {
    const response = await fetch(download);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(SIZE));
    const hash = createHash("sha256");
    expect(await consume(response, (chunk) => hash.update(chunk))).toBe(SIZE);
    expect(hash.digest("hex")).toBe(expectedSha256);
  }, 180_000);

  it("resumes with Range after an interruption halfway and completes byte-identical", async () => {
    const hash = createHash("sha256");
    const first = await consume(await fetch(download), (chunk) => hash.update(chunk), SIZE / 2);
    expect(first).toBe(SIZE / 2);
    const rest = await fetch(download, { headers: { range: `bytes=${first}-` } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get("content-range")).toBe(`bytes ${first}-${SIZE - 1}/${SIZE}`);
    expect(await consume(rest, (chunk) => hash.update(chunk))).toBe(SIZE - first);
    expect(hash.digest("hex")).toBe(expectedSha256);
  }, 180_000);

  it("reassembles from 4 parallel ranged connections", async () => {
    const dir = await mkdtemp(join(tmpdir(), "relais-parts-"));
    const file = await open(join(dir, "big.bin"), "w+");
    try {
      const quarter = SIZE / 4;
      await Promise.all(
        [0, 1, 2, 3].map(async (i) => {
          const response = await fetch(download, { headers: { range: `bytes=${i * quarter}-${(i + 1) * quarter - 1}` } });
          expect(response.status).toBe(206);
          let position = i * quarter;
          const reader = response.body!.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await file.write(value, 0, value.byteLength, position);
            position += value.byteLength;
          }
          expect(position).toBe((i + 1) * quarter);
        }),
      );
      const hash = createHash("sha256");
      for await (const chunk of file.createReadStream({ start: 0, autoClose: false })) hash.update(chunk as Buffer);
      expect(hash.digest("hex")).toBe(expectedSha256);
    } finally {
      await file.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
