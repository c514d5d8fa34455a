/**
 * `npm run check:cycles` (`node scripts/check-import-cycles.ts [root]`, root `src` by default):
 * prints every folder-level import cycle under root with one import that makes each step, and
 * exits 1 when there is any.
 */
import { relative } from "node:path";
import { findCycles, unitEdges } from "./lib/import-cycles.ts";

const root = process.argv[2] ?? "src";
const edges = unitEdges(root);
const cycles = findCycles(edges);
for (const cycle of cycles) {
  console.log(cycle.join(" -> "));
  for (let i = 0; i + 1 < cycle.length; i++) {
    const step = edges.filter((e) => e.from === cycle[i] && e.to === cycle[i + 1]);
    const more = step.length > 1 ? ` and ${step.length - 1} more` : "";
    console.log(`  ${cycle[i]} -> ${cycle[i + 1]}: ${relative(process.cwd(), step[0]!.file)} imports "${step[0]!.specifier}"${more}`);
  }
}
console.log(cycles.length === 0 ? `no folder import cycles under ${root}/` : `${cycles.length} folder import cycle(s) under ${root}/`);
process.exitCode = cycles.length === 0 ? 0 : 1;
