/**
 * Starts the product as `npm run dev` does — `wrangler dev` with local D1 and KV, migrations
 * applied first — on a free port with fresh state. Used by the browser tests and the benchmarks.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type DevServer = {
  baseUrl: string;
  downloadBaseUrl: string;
  /** The local D1/KV state (`--persist-to`), for operator commands run beside the server. */
  stateDir: string;
  child: ChildProcess;
  /** Runs SQL on the server's local database (`DB` or `JOURNAL`) and returns the rows. */
  query(binding: "DB" | "JOURNAL", sql: string): Record<string, unknown>[];
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

async function waitForHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not become healthy:\n${output()}`);
}

/**
 * As in `npm run dev`: wrangler dev's local trace store off (it keeps every request URL, auth_token
 * values and links included, on disk with no expiry), and its data explorer off.
 */
const LOCAL_TRACES_OFF = { X_LOCAL_OBSERVABILITY: "false", X_LOCAL_EXPLORER: "false" };

export type DevServerOptions = {
  /** Replaces wrangler.toml's `main` (benchmarks use their own entry around the app). */
  entry?: string;
  vars?: Record<string, string>;
  /** A fixed port; a free one otherwise. */
  port?: number;
  /** SQL run on the migrated local DB before the server starts (fixtures). */
  seedSql?: string;
};

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const stateDir = mkdtempSync(join(tmpdir(), "relais-dev-"));
  const port = options.port ?? (await freePort());
  const wrangler = join(process.cwd(), "node_modules", ".bin", "wrangler");
  const env = { ...process.env, ...LOCAL_TRACES_OFF, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" };
  for (const binding of ["DB", "JOURNAL"]) {
    execFileSync(wrangler, ["d1", "migrations", "apply", binding, "--local", "--persist-to", stateDir], { env, stdio: "pipe" });
  }
  if (options.seedSql) execFileSync(wrangler, ["d1", "execute", "DB", "--local", "--persist-to", stateDir, "--command", options.seedSql], { env, stdio: "pipe" });
  const baseUrl = `http://localhost:${port}`;
  const downloadBaseUrl = `http://127.0.0.1:${port}`;
  const vars = { SITE_ORIGIN: baseUrl, DOWNLOAD_ORIGIN: downloadBaseUrl, ENVIRONMENT: "development", ...options.vars };
  // An inspector port of its own, so that several dev servers can run side by side.
  const args = ["dev", ...(options.entry ? [options.entry] : []), "--port", String(port), "--inspector-port", String(await freePort()), "--persist-to", stateDir, "--test-scheduled"];
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  let log = "";
  const child = spawn(wrangler, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  await waitForHealthy(`${baseUrl}/healthz`, child, () => log);
  return {
    baseUrl,
    downloadBaseUrl,
    stateDir,
    child,
    query(binding, sql) {
      const out = execFileSync(wrangler, ["d1", "execute", binding, "--local", "--persist-to", stateDir, "--json", "--command", sql], { env, stdio: "pipe" });
      return (JSON.parse(out.toString()) as { results: Record<string, unknown>[] }[])[0]?.results ?? [];
    },
    async stop() {
      if (child.pid && child.exitCode === null) {
        process.kill(-child.pid, "SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
