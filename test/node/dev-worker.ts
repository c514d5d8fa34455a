/**
 * Runs the real Worker under `wrangler dev` (workerd, local D1/KV in a temporary directory) on
 * port 8789, with one premium account and API token, for Node-side integration tests and the bench.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const DEV_PORT = 8789;
const WRANGLER = join(process.cwd(), "node_modules", ".bin", "wrangler");

export type DevWorker = {
  siteUrl: string;
  token: string;
  /** Process ids of the workerd processes serving the Worker (for memory sampling). */
  workerdPids(): Promise<number[]>;
  stop(): Promise<void>;
};

/** Every descendant process of `pid` (Linux /proc). */
export async function childPids(pid: number): Promise<number[]> {
  try {
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8")).trim().split(/\s+/).filter(Boolean).map(Number);
    return [...children, ...(await Promise.all(children.map(childPids))).flat()];
  } catch {
    return [];
  }
}

export async function startDevWorker(allowlist: string[]): Promise<DevWorker> {
  const persist = await mkdtemp(join(tmpdir(), "relais-dev-"));
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_D1_WARNING: "true" };
  await run(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { env });
  const token = randomBytes(32).toString("hex");
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const now = Date.now();
  await run(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", persist, "--command",
    `INSERT INTO accounts (id, email, email_normalized, created_at, email_verified_at, premium_until) VALUES (1, 'bench@example.test', 'bench@example.test', ${now}, ${now}, ${now + 30 * 86_400_000});` +
    `INSERT INTO api_tokens (account_id, kind, token_hash, created_at) VALUES (1, 'private', '${tokenHash}', ${now});`], { env });
  const siteUrl = `http://localhost:${DEV_PORT}`;
  const child: ChildProcess = spawn(WRANGLER, [
    "dev", "--port", String(DEV_PORT), "--ip", "127.0.0.1", "--inspector-port", "9329", "--persist-to", persist,
    "--show-interactive-dev-session=false", "--log-level", "warn",
    "--var", `SITE_ORIGIN:${siteUrl}`, "--var", `DOWNLOAD_ORIGIN:http://127.0.0.1:${DEV_PORT}`, "--var", `FETCH_ALLOWLIST:${allowlist.join(",")}`,
  ], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${DEV_PORT}/d/none/x`, { headers: { host: `127.0.0.1:${DEV_PORT}` } });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`wrangler dev did not start:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    siteUrl,
    token,
    async workerdPids() {
      const pids = await childPids(child.pid!);
      const named = await Promise.all(pids.map(async (pid) => ((await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).trim() === "workerd" ? pid : null)));
      return named.filter((pid): pid is number => pid !== null);
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(persist, { recursive: true, force: true });
    },
  };
}

/** Resident memory (VmRSS) of a process in bytes; 0 when it is gone. */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Unrestricts a link through the API and returns the generated download URL. */
export async function generateLink(worker: DevWorker, link: string): Promise<string> {
  const response = await fetch(`${worker.siteUrl}/rest/1.0/unrestrict/link`, {
    method: "POST",
    headers: { authorization: `Bearer ${worker.token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ link }).toString(),
  });
  const body = (await response.json()) as { download?: string };
  if (!response.ok || !body.download) throw new Error(`unrestrict failed: ${response.status} ${JSON.stringify(body)}`);
  return body.download;
}
