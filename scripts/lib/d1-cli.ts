/**
 * The main D1 database from the command line, through `wrangler d1 execute`: local by default
 * (`.wrangler/state`, or `--persist-to <dir>`), `--remote` for production (`--remote --env production`).
 * No web route is involved: operator commands reach the database only this way.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export type D1Target = { remote: boolean; persistTo: string | null };

/** Reads `--remote` and `--persist-to <dir>` from the arguments; returns them and the other options. */
export function parseArgs(argv: string[]): { target: D1Target; options: Map<string, string> } {
  const options = new Map<string, string>();
  const target: D1Target = { remote: false, persistTo: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--remote") target.remote = true;
    else if (arg === "--persist-to") target.persistTo = argv[++i] ?? null;
    else if (arg.startsWith("--")) options.set(arg.slice(2), argv[++i] ?? "");
  }
  return { target, options };
}

/** SQL text literal: quotes doubled (wrangler d1 execute takes no bound parameters). */
export function sqlText(value: string | null): string {
  return value === null ? "NULL" : `'${value.replaceAll("'", "''")}'`;
}

/** Runs SQL (one or more statements) and returns the rows of each statement's result. Throws with wrangler's output on failure. */
export function executeD1(target: D1Target, sql: string): Record<string, unknown>[][] {
  const wrangler = join(process.cwd(), "node_modules", ".bin", "wrangler");
  const args = ["d1", "execute", "DB", "--json", "--command", sql];
  if (target.remote) args.push("--remote", "--env", "production");
  else args.push("--local", ...(target.persistTo ? ["--persist-to", target.persistTo] : []));
  let output: string;
  try {
    output = execFileSync(wrangler, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`wrangler d1 execute failed: ${(failed.stdout ?? "").trim()} ${(failed.stderr ?? "").trim()}`.trim());
  }
  const parsed = JSON.parse(output) as { results: Record<string, unknown>[] }[];
  return parsed.map((statement) => statement.results ?? []);
}
