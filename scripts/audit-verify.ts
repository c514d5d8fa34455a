/**
 * `npm run audit:verify [-- --remote]`: walks the audit chain from its oldest row, recomputing
 * each row's hash; prints the head hash and exits 0, or names the first bad row and exits 1.
 */
import { CHAIN_START, checkAuditRows, type AuditRow } from "../src/audit/chain.ts";
import { executeD1, parseArgs } from "./lib/d1-cli.ts";

const PAGE_ROWS = 1000;
const { target } = parseArgs(process.argv.slice(2));

let state = CHAIN_START;
for (;;) {
  const [page = []] = executeD1(
    target,
    `SELECT seq, at, actor_account_id, actor_role, action, outcome, subject, details, prev_hash, hash FROM audit_log WHERE seq > ${state.headSeq ?? 0} ORDER BY seq LIMIT ${PAGE_ROWS}`,
  );
  const rows: AuditRow[] = page.map((r) => ({
    seq: Number(r.seq),
    at: Number(r.at),
    actorAccountId: r.actor_account_id === null ? null : Number(r.actor_account_id),
    actorRole: String(r.actor_role),
    action: String(r.action),
    outcome: String(r.outcome),
    subject: String(r.subject),
    details: String(r.details),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  }));
  const check = await checkAuditRows(rows, state);
  if (!check.valid) {
    console.error(`Audit chain BROKEN at row ${check.badSeq} (${check.reason}); ${check.rows} rows before it hold.`);
    process.exit(1);
  }
  state = check;
  if (rows.length < PAGE_ROWS) break;
}
if (state.headSeq === null) {
  console.log("Audit chain valid: no rows yet.");
} else {
  const start = state.firstSeq !== null && state.firstSeq > 1 ? ` (rows before ${state.firstSeq} were removed at the end of their retention)` : "";
  console.log(`Audit chain valid: ${state.rows} rows${start}.`);
  console.log(`Head: row ${state.headSeq} ${state.headHash}`);
}
