/**
 * Cron Triggers: the hourly run drains parked journal records and runs the retention sweeps, side
 * by side; the daily run checks the audit chain and records its head outside D1.
 */
import { checkAuditChainDaily } from "./audit/daily-check";
import { mainDb } from "./db/client";
import { drainParkedJournalRecords } from "./request-journal/write";
import { runRetention } from "./retention/run";

/** The daily audit check's expression (wrangler.toml has it beside the hourly sweeps'). */
export const DAILY_AUDIT_CRON = "17 3 * * *";

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  // The scheduled time is "now": reproducible, and testable by moving it.
  const now = controller.scheduledTime;
  if (controller.cron === DAILY_AUDIT_CRON) {
    // A broken chain is logged and recorded; the run itself fails too, so the Cron dashboard shows it.
    ctx.waitUntil(
      checkAuditChainDaily(mainDb(env.DB), { kv: env.KV }, now).then((record) => {
        if (!record.valid) throw new Error(`audit chain broken at row ${record.badSeq}`);
      }),
    );
    return;
  }
  const drained = drainParkedJournalRecords(env);
  ctx.waitUntil(drained);
  // Parked records first, so that an old one is swept in the same run if it is due; a failed drain does not stop the sweeps.
  ctx.waitUntil(drained.catch(() => undefined).then(() => runRetention(env, now)));
}
