/**
 * `npm run bench`: figures measured side by side in one run and reported as ratios (machines are
 * shared and noisy, so absolute numbers mean little). Drives the real Worker under `wrangler dev`.
 */
import { benchAccounts } from "./bench-accounts.ts";
import { formatDownloadBench, runDownloadBench } from "./bench-downloads.ts";
import { startDevServer } from "./lib/dev-server.ts";
import { measureThroughput, median } from "./bench/measure.ts";

const DAY_MS = 86_400_000;
const ROUNDS = 7;
const REQUESTS_PER_ROUND = 300;
const CONCURRENCY = 8;
const SWEEP_ROWS = 50_000;

async function benchJournal(): Promise<void> {
  const server = await startDevServer({ entry: "scripts/bench/bench-worker.ts" });
  try {
    const send = (journal: "on" | "off") => () => fetch(`${server.baseUrl}/healthz?bench=1`, { headers: { "x-bench-journal": journal, "cf-connecting-ip": "2001:db8::7" } });
    await measureThroughput(send("on"), 200, CONCURRENCY); // warm-up
    const on: number[] = [];
    const off: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate so that drift in machine load hits both sides alike.
      off.push(await measureThroughput(send("off"), REQUESTS_PER_ROUND, CONCURRENCY));
      on.push(await measureThroughput(send("on"), REQUESTS_PER_ROUND, CONCURRENCY));
    }
    await new Promise((r) => setTimeout(r, 500)); // the last batches land
    const { records } = (await (await fetch(`${server.baseUrl}/__bench/journal-count`)).json()) as { records: number };
    const sentWithJournal = 200 + ROUNDS * REQUESTS_PER_ROUND;
    if (records !== sentWithJournal) throw new Error(`journal has ${records} records for ${sentWithJournal} requests`);
    const ratio = median(on) / median(off);
    console.log(`journal  trivial route: ${median(off).toFixed(0)} req/s without the journal, ${median(on).toFixed(0)} req/s with it`);
    console.log(`journal  ${records} records written for ${sentWithJournal} requests with the journal on`);
    console.log(`journal  throughput ratio on/off = ${ratio.toFixed(3)} (overhead ${((1 - ratio) * 100).toFixed(1)}%; target < 10%)`);

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

await benchJournal();
await benchAccounts();
console.log(formatDownloadBench(await runDownloadBench()));
