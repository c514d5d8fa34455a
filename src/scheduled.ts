/** Cron Triggers: the hourly run of the retention sweeps. */
import { runRetention } from "./retention/run";

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  // Sweeps take the scheduled time as "now": reproducible, and testable by moving it.
  ctx.waitUntil(runRetention(env, new Date(controller.scheduledTime)));
}
