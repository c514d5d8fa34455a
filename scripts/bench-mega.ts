/**
 * MEGA bench: a MEGA file decrypted at the edge (AES-128-CTR on WebCrypto while it streams) against
 * the plain relay of a same-sized file, through the same Worker (Miniflare, one workerd), side by
 * side in alternating rounds; and workerd's peak memory while decrypting. Run alone with
 * `node scripts/bench-mega.ts [MiB]`, or as part of `npm run bench` (`npm run bench -- mega`).
 */
import { pathToFileURL } from "node:url";
import { megaBase64, megaKey } from "../test/servers/hoster-fixtures.ts";
import { startMegaServer } from "../test/servers/mega-server.ts";
import { startOriginServer } from "../test/servers/origin-server.ts";
import { generateLink, peakMemoryDuring, residentBytes } from "../test/node/dev-worker.ts";
import { startMiniflareWorker } from "../test/node/miniflare-worker.ts";
import { median } from "./bench/measure.ts";

const MIB = 1024 ** 2;
const ROUNDS = 3;

export type MegaBenchResult = { bytes: number; plainMiBps: number; megaMiBps: number; ratio: number; ratios: number[]; idleMiB: number; peakMegaMiB: number };

async function drain(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET failed: ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body! as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  if (bytes !== Number(response.headers.get("content-length"))) throw new Error("incomplete download");
  return (performance.now() - started) / 1000;
}

export async function runMegaBench(size = 256 * MIB): Promise<MegaBenchResult> {
  const origin = await startOriginServer();
  const mega = await startMegaServer({ BenchMeg: { name: "bench.bin", size, seed: 5 } });
  const worker = await startMiniflareWorker([`127.0.0.1:${origin.port}`, `127.0.0.1:${mega.port}`], undefined, { MEGA_API_URL: mega.url });
  try {
    const plainLink = await generateLink(worker, `${origin.url}/files/${size}/bench.bin?seed=5`);
    const megaLink = await generateLink(worker, `https://mega.nz/file/BenchMeg#${megaBase64(megaKey(5))}`);
    // Warm both paths (JIT, connections, WebCrypto) before measuring.
    await drain(plainLink);
    await drain(megaLink);
    const pids = await worker.workerdPids();
    const idle = (await Promise.all(pids.map(residentBytes))).reduce((a, b) => a + b, 0);
    const plain: number[] = [];
    const decrypted: number[] = [];
    let peak = 0;
    for (let round = 0; round < ROUNDS; round++) {
      plain.push(size / MIB / (await drain(plainLink)));
      let seconds = 0;
      peak = Math.max(peak, await peakMemoryDuring(worker, async () => (seconds = await drain(megaLink))));
      decrypted.push(size / MIB / seconds);
    }
    const ratios = decrypted.map((value, i) => value / plain[i]!);
    return { bytes: size, plainMiBps: median(plain), megaMiBps: median(decrypted), ratio: median(ratios), ratios, idleMiB: idle / MIB, peakMegaMiB: peak / MIB };
  } finally {
    await worker.stop();
    for (const server of [origin, mega]) {
      server.server.closeAllConnections();
      server.server.close();
    }
  }
}

export function formatMegaBench(r: MegaBenchResult): string {
  const f = (n: number) => n.toFixed(1);
  return [
    `mega     ${f(r.bytes / MIB)} MiB, median of ${r.ratios.length} alternating rounds: plain relay ${f(r.plainMiBps)} MiB/s, MEGA decrypted at the edge ${f(r.megaMiBps)} MiB/s`,
    `mega     throughput ratio decrypt/plain = ${r.ratio.toFixed(2)} (rounds ${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)})`,
    `mega     workerd memory: idle ${f(r.idleMiB)} MiB, peak while decrypting ${f(r.peakMegaMiB)} MiB`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const mib = Number(process.argv[2] ?? 256);
  console.log(formatMegaBench(await runMegaBench(mib * MIB)));
}
