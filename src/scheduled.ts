/** Cron Triggers: every hourly run drains parked journal records and runs the retention sweeps, side by side. */
import { drainParkedJournalRecords } from "./request-journal/write";
import { runRetention } from "./retention/run";

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  // The scheduled time is "now": reproducible, and testable by moving it.
  const now = controller.scheduledTime;
  const drained = drainParkedJournalRecords(env);
  ctx.waitUntil(drained);
  // Parked records first, so that an old one is swept in the same run if it is due; a failed drain does not stop the sweeps.
  ctx.waitUntil(drained.catch(() => undefined).then(() => runRetention(env, now)));
}
