/**
 * `npm run bench`: figures measured side by side in one run and reported as ratios (machines are
 * shared and noisy, so absolute numbers mean little). Drives the real Worker in workerd.
 */
import { benchAccounts } from "./bench-accounts.ts";
import { formatDownloadBench, runDownloadBench } from "./bench-downloads.ts";
import { benchMedia } from "./bench-media.ts";
import { formatMegaBench, runMegaBench } from "./bench-mega.ts";
import { startMiniflareWorker } from "../test/node/miniflare-worker.ts";
import { cpuSeconds, measureThroughput, median } from "./bench/measure.ts";

const DAY_MS = 86_400_000;
const ROUNDS = 9;
const REQUESTS_PER_ROUND = 2000;
const CONCURRENCY = 8;
const SWEEP_ROWS = 50_000;

async function benchJournal(): Promise<void> {
  // One workerd driven by Miniflare, no dev proxy in front: the steadiest local stand-in for the edge.
  const worker = await startMiniflareWorker([], "scripts/bench/bench-worker.ts");
  const server = { baseUrl: worker.siteUrl, stop: () => worker.stop() };
  try {
    type Variant = "off" | "on" | "sink";
    const send = (variant: Variant) => () =>
      fetch(`${server.baseUrl}/healthz?bench=1`, { headers: { "x-bench-journal": variant, "cf-connecting-ip": "2001:db8::7" } });
    for (const variant of ["off", "on", "sink"] as const) await measureThroughput(send(variant), 200, CONCURRENCY); // warm-up
    const workerd = await worker.workerdPids();
    const rates: Record<Variant, number[]> = { off: [], on: [], sink: [] };
    const cpuMicros: Record<Variant, number[]> = { off: [], on: [], sink: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Each round runs the three variants in a rotated order, so that drift in machine load hits all alike.
      const order: Variant[] = (["off", "on", "sink"] as const).map((_, i, all) => all[(i + round) % 3]!);
      for (const variant of order) {
        const cpuBefore = cpuSeconds(workerd);
        rates[variant].push(await measureThroughput(send(variant), REQUESTS_PER_ROUND, CONCURRENCY));
        cpuMicros[variant].push(((cpuSeconds(workerd) - cpuBefore) * 1e6) / REQUESTS_PER_ROUND);
      }
    }
    await new Promise((r) => setTimeout(r, 500)); // the last batches land
    const { records, sunk } = (await (await fetch(`${server.baseUrl}/__bench/journal-count`)).json()) as { records: number; sunk: number };
    const sent = 200 + ROUNDS * REQUESTS_PER_ROUND;
    // A batch left open when the variant changes is written by the next variant's binding: count both together.
    if (records + sunk !== 2 * sent) throw new Error(`journal has ${records} records and the sink ${sunk} for ${2 * sent} requests`);
    const ratioTo = (variant: Variant) => {
      const ratios = rates[variant].map((value, i) => value / rates.off[i]!);
      return `${median(ratios).toFixed(3)} (overhead ${((1 - median(ratios)) * 100).toFixed(1)}%; rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
    };
    console.log(`journal  trivial route, median of ${ROUNDS} rounds: ${median(rates.off).toFixed(0)} req/s without the journal, ${median(rates.on).toFixed(0)} with it, ${median(rates.sink).toFixed(0)} with it writing to a sink`);
    console.log(`journal  every request recorded: ${records + sunk} records (D1 and sink) for ${2 * sent} requests with the journal on`);
    console.log(`journal  throughput ratio on/off, the Worker's own cost (sink; at the edge D1 writes run on D1's servers) = ${ratioTo("sink")}; target < 10%`);
    console.log(`journal  throughput ratio on/off, local D1 simulated in the same workerd on the same cores = ${ratioTo("on")}`);
    // workerd's CPU per request, steadier than throughput when other work shares the cores: off/sink is the throughput ratio a CPU-bound Worker would see.
    const cpuRatios = cpuMicros.sink.map((value, i) => cpuMicros.off[i]! / value);
    console.log(`journal  workerd CPU per request, median of ${ROUNDS} rounds: ${median(cpuMicros.off).toFixed(0)} µs without the journal, ${median(cpuMicros.on).toFixed(0)} with it, ${median(cpuMicros.sink).toFixed(0)} with it writing to a sink; ratio off/sink = ${median(cpuRatios).toFixed(3)} (rounds ${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)})`);

    const now = Date.UTC(2027, 5, 15);
    for (let seeded = 0; seeded < SWEEP_ROWS; seeded += 10_000) {
      await fetch(`${server.baseUrl}/__bench/seed-journal?rows=10000&at=${now - 400 * DAY_MS + seeded}`);
    }
    const started = performance.now();
    const result = (await (await fetch(`${server.baseUrl}/__bench/sweep?now=${now}`)).json()) as { rowsDeleted: number };
    const seconds = (performance.now() - started) / 1000;
    console.log(`sweep    deleted ${result.rowsDeleted} expired journal rows in ${seconds.toFixed(2)} s = ${(result.rowsDeleted / seconds).toFixed(0)} rows/s`);
  } finally {
    await server.stop();
  }
}

// `npm run bench -- journal` (or accounts, downloads, media, mega) runs one part; no argument runs them all.
const parts = process.argv.slice(2);
const wanted = (part: string) => parts.length === 0 || parts.includes(part);
if (wanted("journal")) await benchJournal();
if (wanted("accounts")) await benchAccounts();
if (wanted("downloads")) console.log(formatDownloadBench(await runDownloadBench()));
if (wanted("media")) await benchMedia();
if (wanted("mega")) console.log(formatMegaBench(await runMegaBench()));
