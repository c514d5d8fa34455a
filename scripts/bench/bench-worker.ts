/**
 * The Worker as benchmarked: the real app with the journal on, off, or writing to a sink (a header
 * that only this bench entry reads chooses), plus routes to seed expired journal rows and sweep.
 */
import { createApp } from "../../src/app";
import { findRetentionCategory } from "../../src/retention/policy";
import { sweepCategory } from "../../src/retention/sweep";

const withJournal = createApp();
const withoutJournal = createApp({ journal: { enabled: false } });

/**
 * A JOURNAL binding that accepts every batch at once. Locally D1 is simulated inside the same
 * workerd, on the same cores, while at the edge its writes run on D1's servers: this variant
 * measures what the journal costs the Worker itself. Counts rows, so the bench can check them.
 */
let sunkRows = 0;
const sinkJournal = {
  prepare: () => ({ bind: (json: string) => ({ json }) }),
  batch: async (statements: { json: string }[]) => {
    for (const s of statements) sunkRows += (JSON.parse(s.json) as unknown[]).length;
    return [];
  },
} as unknown as D1Database;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/seed-journal") {
      const rows = Number(url.searchParams.get("rows"));
      const at = Number(url.searchParams.get("at"));
      const statements = [];
      for (let start = 0; start < rows; start += 500) {
        const values = Array.from({ length: Math.min(500, rows - start) }, (_, i) => `('seed-${at}-${start + i}', ${at + start + i}, '192.0.2.1', 'GET', 'relais.test', '/', 200, 1, 1)`);
        statements.push(env.JOURNAL.prepare(`INSERT INTO request_journal (request_id, at, ip, method, host, path, status, duration_ms, response_bytes) VALUES ${values.join(",")}`));
      }
      await env.JOURNAL.batch(statements);
      return Response.json({ seeded: rows });
    }
    if (url.pathname === "/__bench/journal-count") {
      const row = await env.JOURNAL.prepare("SELECT count(*) AS n FROM request_journal WHERE path = '/healthz' AND query = 'bench=1'").first<{ n: number }>();
      return Response.json({ records: row?.n ?? 0, sunk: sunkRows });
    }
    if (url.pathname === "/__bench/sweep") {
      const now = Number(url.searchParams.get("now"));
      const result = await sweepCategory(env, findRetentionCategory("request_journal"), now, { maxChunks: 1_000 });
      return Response.json(result);
    }
    const variant = request.headers.get("x-bench-journal");
    if (variant === "off") return withoutJournal.fetch(request, env, ctx);
    if (variant === "sink") return withJournal.fetch(request, { ...env, JOURNAL: sinkJournal }, ctx);
    return withJournal.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
