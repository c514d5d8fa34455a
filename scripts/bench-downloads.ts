/**
 * Download bench: throughput of a large file through the Worker (wrangler dev, workerd) versus
 * straight from the origin, and workerd's peak memory while serving 1 GiB versus 10 MiB.
 * `runDownloadBench()` is for scripts/bench.ts; run this file alone with `node scripts/bench-downloads.ts`.
 */
import { pathToFileURL } from "node:url";
import { startOriginServer } from "../test/servers/origin-server.ts";
import { generateLink, peakMemoryDuring, residentBytes, startDevWorker } from "../test/node/dev-worker.ts";
import { startMiniflareWorker } from "../test/node/miniflare-worker.ts";

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

export type DownloadBenchResult = {
  runner: "miniflare" | "wrangler-dev";
  bytes: number;
  directMiBps: number;
  workerMiBps: number;
  /** Worker throughput / direct throughput (target ≥ 0.8). */
  ratio: number;
  /** workerd resident memory before, and its peak during each download. */
  memory: { idleMiB: number; peak10MiBMiB: number; peak1GiBMiB: number; growthMiB: number };
};

async function drain(url: string): Promise<{ bytes: number; seconds: number }> {
  const started = performance.now();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET failed: ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body! as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return { bytes, seconds: (performance.now() - started) / 1000 };
}

/**
 * `miniflare` (default) runs the bundled Worker in one workerd, as close to the edge as it gets
 * locally; `wrangler-dev` adds wrangler's proxy worker in front.
 */
export async function runDownloadBench(size = GIB, runner: DownloadBenchResult["runner"] = "miniflare"): Promise<DownloadBenchResult> {
  const origin = await startOriginServer();
  const allowlist = [`127.0.0.1:${origin.port}`];
  const worker = runner === "miniflare" ? await startMiniflareWorker(allowlist) : await startDevWorker(allowlist);
  try {
    const bigUrl = `${origin.url}/files/${size}/bench.bin?seed=5`;
    const smallUrl = `${origin.url}/files/${10 * MIB}/small.bin?seed=6`;
    const [bigLink, smallLink] = [await generateLink(worker, bigUrl), await generateLink(worker, smallUrl)];
    // Warm both paths once (JIT, connection set-up) before measuring.
    await drain(smallLink);
    await drain(smallUrl);
    const direct = await drain(bigUrl);
    const pids = await worker.workerdPids();
    const idle = (await Promise.all(pids.map(residentBytes))).reduce((a, b) => a + b, 0);
    // A 10 MiB download lasts milliseconds: repeat it so that the sampler sees it in flight.
    const peakSmall = await peakMemoryDuring(worker, async () => {
      for (let i = 0; i < 30; i++) await drain(smallLink);
    });
    let through = { bytes: 0, seconds: 1 };
    const peakBig = await peakMemoryDuring(worker, async () => (through = await drain(bigLink)));
    if (through.bytes !== size || direct.bytes !== size) throw new Error("incomplete download");
    const directMiBps = size / MIB / direct.seconds;
    const workerMiBps = size / MIB / through.seconds;
    return {
      runner,
      bytes: size,
      directMiBps,
      workerMiBps,
      ratio: workerMiBps / directMiBps,
      memory: { idleMiB: idle / MIB, peak10MiBMiB: peakSmall / MIB, peak1GiBMiB: peakBig / MIB, growthMiB: (peakBig - peakSmall) / MIB },
    };
  } finally {
    await worker.stop();
    origin.server.closeAllConnections();
    origin.server.close();
  }
}

export function formatDownloadBench(r: DownloadBenchResult): string {
  const f = (n: number) => n.toFixed(1);
  return [
    `download ${f(r.bytes / MIB)} MiB (${r.runner}): direct ${f(r.directMiBps)} MiB/s, through the Worker ${f(r.workerMiBps)} MiB/s, ratio ${r.ratio.toFixed(2)} (target ≥ 0.80)`,
    `workerd memory: idle ${f(r.memory.idleMiB)} MiB, peak during 10 MiB ${f(r.memory.peak10MiBMiB)} MiB, during 1 GiB ${f(r.memory.peak1GiBMiB)} MiB, growth ${f(r.memory.growthMiB)} MiB (target: a few MiB)`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const runner = process.argv.includes("--wrangler-dev") ? "wrangler-dev" : "miniflare";
  console.log(formatDownloadBench(await runDownloadBench(GIB, runner)));
}
