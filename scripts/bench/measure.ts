/** Measuring helpers for the benchmarks. */

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
