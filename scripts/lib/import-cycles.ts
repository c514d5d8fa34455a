/**
 * Folder-level import cycles: each folder directly under the root is one unit, and each file
 * directly in the root is a unit of its own. An edge is a relative `import … from`, `export … from`,
 * side-effect `import "…"` or dynamic `import("…")` in a .ts/.tsx file (type-only imports included:
 * they tie the folders together as much as any other).
 */
import { readdirSync, readFileSync } from "node:fs";
import { extname, isAbsolute, join, relative, sep } from "node:path";

const RELATIVE_IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]/g;
/** Longest cycle looked for, in units (as the shared python tool). */
const MAX_CYCLE_LENGTH = 12;

export type Edge = { from: string; to: string; file: string; specifier: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The unit of a path under root: its first folder, or its file name without extension. */
function unitOf(root: string, path: string): string {
  const [first, ...rest] = relative(root, path).split(sep);
  return rest.length > 0 ? first! : first!.slice(0, first!.length - extname(first!).length);
}

/** One edge per import that crosses units; imports leaving the root are ignored. */
export function unitEdges(root: string): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(root)) {
    const from = unitOf(root, file);
    for (const match of readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3])!;
      const target = join(file, "..", specifier);
      const fromRoot = relative(root, target);
      if (fromRoot === "" || fromRoot.startsWith("..") || isAbsolute(fromRoot)) continue;
      // `./env` and `./http` (a folder's index) name their unit without an extension.
      const to = unitOf(root, target);
      if (to !== from) edges.push({ from, to, file, specifier });
    }
  }
  return edges;
}

/** Every elementary cycle of the unit graph, each as `[a, b, …, a]` starting at its smallest unit. */
export function findCycles(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const found = new Map<string, string[]>();
  const walk = (path: string[]) => {
    for (const unit of next.get(path.at(-1)!) ?? []) {
      const seen = path.indexOf(unit);
      if (seen >= 0) {
        const cycle = path.slice(seen);
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        found.set(rotated.join(" -> "), [...rotated, rotated[0]!]);
      } else if (path.length < MAX_CYCLE_LENGTH) {
        walk([...path, unit]);
      }
    }
  };
  for (const unit of next.keys()) walk([unit]);
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, cycle]) => cycle);
}
