/**
 * `npm run dev` leaves no secret on disk: after it served requests carrying an `auth_token` and a
 * user link, neither value is found in any file it wrote (`.wrangler/`, wrangler's logs), while a
 * harmless value from the same run is (the app's own journal), which shows the walk sees the run.
 *
 * Runs the real script of package.json in a copy of the project (its own `.wrangler/`, free ports),
 * so a developer's running dev server and local state are left alone.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/dev-server.ts";

/** Top-level entries left out of the copy: installed or generated ones, and a developer's own secrets. */
const NOT_COPIED = /^(node_modules|\.wrangler|\.git|dist|\.dev\.vars(?!\.example$).*|\.env.*)$/;

let project: string;
let child: ChildProcess | undefined;
let output = "";

/** Every regular file under `dir`, symbolic links (node_modules) not followed. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

function filesContaining(dir: string, value: string): string[] {
  const needle = Buffer.from(value);
  return filesUnder(dir).filter((file) => readFileSync(file).includes(needle));
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child!.exitCode !== null || child!.signalCode !== null) throw new Error(`npm run dev exited early:\n${output}`);
    if (await condition().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}:\n${output}`);
}

/** Signals every process of the group; false when none is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Ctrl-C, as a developer stops it: SIGINT to the whole group (npm, wrangler, workerd), then waits until all are gone. */
async function stopDevServer(): Promise<void> {
  const pid = child?.pid;
  if (!pid || !signalGroup(pid, "SIGINT")) return;
  const killAt = Date.now() + 15_000;
  while (signalGroup(pid, Date.now() > killAt ? "SIGKILL" : 0)) await new Promise((r) => setTimeout(r, 100));
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "relais-traces-"));
  cpSync(process.cwd(), project, { recursive: true, filter: (source) => !NOT_COPIED.test(source.slice(process.cwd().length + 1)) });
  symlinkSync(join(process.cwd(), "node_modules"), join(project, "node_modules"));
});

afterAll(async () => {
  await stopDevServer();
  rmSync(project, { recursive: true, force: true });
});

describe("npm run dev", () => {
  it("keeps no auth_token value or user link in any file it writes", async () => {
    const token = randomBytes(24).toString("hex");
    const linkName = randomBytes(12).toString("hex");
    const harmless = randomBytes(12).toString("hex");
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Its own log and dev-registry paths inside the copy: walked below, and nothing shared touched.
      WRANGLER_LOG_PATH: join(project, "logs"),
      WRANGLER_REGISTRY_PATH: join(project, "registry"),
      WRANGLER_SEND_METRICS: "false",
    };
    // The script alone must turn the trace store off, whatever the caller's environment (CI exports them).
    delete env.X_LOCAL_OBSERVABILITY;
    delete env.X_LOCAL_EXPLORER;
    child = spawn("npm", ["run", "dev", "--", "--port", String(port), "--inspector-port", String(await freePort())], {
      cwd: project,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    const base = `http://localhost:${port}`;
    await waitFor(async () => (await fetch(`${base}/healthz`)).ok, "the dev server");

    const user = await fetch(`${base}/rest/1.0/user?auth_token=${token}`);
    expect(user.status).toBe(401);
    const link = encodeURIComponent(`http://127.0.0.1:8790/files/1024/${linkName}.bin`);
    const unrestrict = await fetch(`${base}/rest/1.0/unrestrict/link?auth_token=${token}&link=${link}`, { method: "POST" });
    expect(unrestrict.status).toBe(401);
    expect((await fetch(`${base}/healthz?probe=${harmless}`)).status).toBe(200);
    // The journal keeps the harmless query: once it is on disk, the run's writes have landed.
    await waitFor(async () => filesContaining(join(project, ".wrangler"), harmless).length > 0, "the journal record on disk", 30_000);
    await new Promise((r) => setTimeout(r, 2_000));
    await stopDevServer();

    expect(filesUnder(join(project, ".wrangler")).length).toBeGreaterThan(0);
    expect({ token: filesContaining(project, token), link: filesContaining(project, linkName) }).toEqual({ token: [], link: [] });
  });
});
