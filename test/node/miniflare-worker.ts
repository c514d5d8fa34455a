/**
 * Runs the bundled Worker in Miniflare (one workerd, no wrangler dev proxy in front) on port 8789,
 * with migrated in-memory D1 and one premium account: the closest local stand-in for the edge,
 * used by the download bench.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { childPids, DEV_PORT, type DevWorker } from "./dev-worker.ts";

const run = promisify(execFile);

type Sql = { prepare(query: string): { bind(...values: unknown[]): { run(): Promise<unknown> }; run(): Promise<unknown> } };

async function applyMigrations(db: Sql, dir: string): Promise<void> {
  for (const file of (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort()) {
    for (const statement of (await readFile(join(dir, file), "utf8")).split("--> statement-breakpoint")) {
      if (statement.trim()) await db.prepare(statement).run();
    }
  }
}

/** `entry` replaces wrangler.toml's `main` (the journal bench wraps the app in its own entry); `vars`: more Worker vars; `port`, DEV_PORT's. */
export async function startMiniflareWorker(allowlist: string[], entry?: string, vars: Record<string, string> = {}, port = DEV_PORT): Promise<DevWorker> {
  const out = await mkdtemp(join(tmpdir(), "relais-bundle-"));
  await run(join(process.cwd(), "node_modules", ".bin", "wrangler"), ["deploy", ...(entry ? [entry] : []), "--dry-run", "--outdir", out], { env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  const siteUrl = `http://localhost:${port}`;
  const mf = new Miniflare(convertV4MiniflareOptions({
    modules: true,
    scriptPath: join(out, entry ? basename(entry).replace(/\.ts$/, ".js") : "index.js"),
    modulesRoot: out,
    compatibilityDate: "2026-11-01",
    host: "127.0.0.1",
    port,
    // Miniflare driven directly reads no X_LOCAL_* variable: these options are its switches (off by default, kept off).
    unsafeObservability: false,
    unsafeLocalExplorer: false,
    d1Databases: { DB: "bench-db", JOURNAL: "bench-journal" },
    kvNamespaces: { KV: "bench-kv" },
    bindings: {
      SITE_ORIGIN: siteUrl,
      DOWNLOAD_ORIGIN: `http://127.0.0.1:${port}`,
      ENVIRONMENT: "development",
      FETCH_ALLOWLIST: allowlist.join(","),
      DOH_URL: "https://cloudflare-dns.com/dns-query",
      ONEFICHIER_API_URL: "https://api.1fichier.com",
      ...vars,
    },
  }));
  await mf.ready;
  const db = (await mf.getD1Database("DB")) as unknown as Sql;
  await applyMigrations(db, "migrations/main");
  await applyMigrations((await mf.getD1Database("JOURNAL")) as unknown as Sql, "migrations/journal");
  const token = randomBytes(32).toString("hex");
  const now = Date.now();
  await db.prepare("INSERT INTO accounts (id, email, email_normalized, created_at, email_verified_at, premium_until) VALUES (1, 'bench@example.test', 'bench@example.test', ?, ?, ?)").bind(now, now, now + 30 * 86_400_000).run();
  await db.prepare("INSERT INTO api_tokens (account_id, kind, token_hash, created_at) VALUES (1, 'private', ?, ?)").bind(createHash("sha256").update(token).digest("hex"), now).run();
  return {
    siteUrl,
    token,
    async workerdPids() {
      const pids = await childPids(process.pid);
      const named = await Promise.all(pids.map(async (pid) => ((await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).trim() === "workerd" ? pid : null)));
      return named.filter((pid): pid is number => pid !== null);
    },
    async stop() {
      await mf.dispose();
      await rm(out, { recursive: true, force: true });
    },
  };
}
