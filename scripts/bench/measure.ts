/** Measuring helpers for the benchmarks. */
import { readFileSync } from "node:fs";

/** Requests per second for `total` requests sent `concurrency` at a time. */
export async function measureThroughput(send: () => Promise<Response>, total: number, concurrency: number): Promise<number> {
  let remaining = total;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining-- > 0) {
        const response = await send();
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`bench request failed: ${response.status}`);
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * CPU time (user and system) that processes have used so far, in seconds, from Linux's /proc (in
 * ticks of 1/100 s). Unlike throughput, it hardly moves when other work shares the machine's cores.
 */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}
