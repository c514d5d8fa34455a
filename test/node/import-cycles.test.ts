/** The folder-level import-cycle check (`npm run check:cycles`), on small fixture trees on disk. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findCycles, unitEdges } from "../../scripts/lib/import-cycles.ts";

const trees: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "relais-cycles-"));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, "src", path)), { recursive: true });
    writeFileSync(join(root, "src", path), text);
  }
  return join(root, "src");
}

function check(root: string): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(process.execPath, ["scripts/check-import-cycles.ts", root], { encoding: "utf8" }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, output: failed.stdout };
  }
}

afterAll(() => {
  for (const root of trees) rmSync(root, { recursive: true, force: true });
});

describe("folder import cycles", () => {
  it("finds cycles through folders, files directly in the root (with or without extension), folder indexes, re-exports, side-effect and dynamic imports", () => {
    const root = tree({
      "downloads/unrestrict.ts": `import { admit } from "../quotas/enforce";\nexport const a = admit;`,
      "quotas/enforce.ts": `import type { Day } from "../downloads/link-crypto.ts";\nexport function admit(d: Day) { return d; }`,
      "downloads/link-crypto.ts": `import { DAY_MS } from "../config";\nexport type Day = typeof DAY_MS;`,
      "config.ts": `import type { Day } from "./downloads/link-crypto";\nexport const DAY_MS = 86_400_000;\nexport type Days = Day[];`,
      "env.ts": `import {\n  clientContext,\n} from "./request-context/client";\nexport type Env = typeof clientContext;`,
      "request-context/client.ts": `export * from "../env.ts";\nexport const clientContext = 1;`,
      "retention/run.ts": `export async function run() { return (await import("../journal")).drain(); }`,
      "journal/index.ts": `import "../retention/run.ts";\nexport const drain = () => 0;`,
    });
    expect(findCycles(unitEdges(root)).map((cycle) => cycle.join(" -> "))).toEqual([
      "config -> downloads -> config",
      "downloads -> quotas -> downloads",
      "env -> request-context -> env",
      "journal -> retention -> journal",
    ]);
    const { status, output } = check(root);
    expect(status).toBe(1);
    expect(output).toContain("downloads -> quotas -> downloads\n  downloads -> quotas:");
    expect(output).toContain('quotas -> downloads: ');
    expect(output).toContain('src/quotas/enforce.ts imports "../downloads/link-crypto.ts"');
    expect(output).toContain("4 folder import cycle(s)");
  });

  it("finds a cycle through three folders once, whichever folder the walk starts from", () => {
    const root = tree({
      "b/one.ts": `import { c } from "../c/one";\nexport const b = c;`,
      "c/one.ts": `import { a } from "../a/one";\nexport const c = a;`,
      "a/one.ts": `import { b } from "../b/one";\nexport const a = b;`,
    });
    expect(findCycles(unitEdges(root))).toEqual([["a", "b", "c", "a"]]);
  });

  it("passes a tree whose folders import one way only", () => {
    const root = tree({
      "app.ts": `import { route } from "./http/routes";\nimport { env } from "./env";\nexport default { route, env };`,
      "env.ts": "export const env = {};",
      // A cycle inside one folder is not a folder cycle.
      "http/routes.ts": `import { helper } from "./helper";\nimport { day } from "../lib/time";\nexport const route = helper + day;`,
      "http/helper.ts": `import { route } from "./routes";\nexport const helper = 1; export const again = () => route;`,
      "lib/time.ts": `import { tooling } from "../../scripts/outside";\nexport const day = 86_400_000;`,
      // Declaration files are not source.
      "lib/globals.d.ts": `import type { route } from "../http/routes";`,
    });
    expect(findCycles(unitEdges(root))).toEqual([]);
    expect(check(root)).toEqual({ status: 0, output: `no folder import cycles under ${root}/\n` });
  });
});
