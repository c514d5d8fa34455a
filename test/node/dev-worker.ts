/**
 * Runs the real Worker under `wrangler dev` (workerd, local D1/KV in a temporary directory) on
 * port 8789, with one premium account and API token, for Node-side integration tests and the bench.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { startDevServer } from "../../scripts/lib/dev-server.ts";

/** 8789 unless RELAIS_DEV_PORT says otherwise (several harnesses may run side by side on one machine). */
export const DEV_PORT = Number(process.env.RELAIS_DEV_PORT ?? 8789);

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

/** `vars`: more Worker vars (a hoster API base pointing at a local stand-in). */
export async function startDevWorker(allowlist: string[], vars: Record<string, string> = {}): Promise<DevWorker> {
  const token = randomBytes(32).toString("hex");
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const now = Date.now();
  const server = await startDevServer({
    port: DEV_PORT,
    vars: { ...vars, FETCH_ALLOWLIST: allowlist.join(",") },
    seedSql:
      `INSERT INTO accounts (id, email, email_normalized, created_at, email_verified_at, premium_until) VALUES (1, 'bench@example.test', 'bench@example.test', ${now}, ${now}, ${now + 30 * 86_400_000});` +
      `INSERT INTO api_tokens (account_id, kind, token_hash, created_at) VALUES (1, 'private', '${tokenHash}', ${now});`,
  });
  return {
    siteUrl: server.baseUrl,
    token,
    async workerdPids() {
      const pids = await childPids(server.child.pid!);
      const named = await Promise.all(pids.map(async (pid) => ((await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).trim() === "workerd" ? pid : null)));
      return named.filter((pid): pid is number => pid !== null);
    },
    stop: () => server.stop(),
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

/** Peak summed RSS of the workerd processes while `work` runs, sampled every 10 ms. */
export async function peakMemoryDuring(worker: DevWorker, work: () => Promise<unknown>): Promise<number> {
  const pids = await worker.workerdPids();
  const rss = async () => (await Promise.all(pids.map(residentBytes))).reduce((a, b) => a + b, 0);
  let peak = await rss();
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await rss());
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await sampler;
  }
  return Math.max(peak, await rss());
}
