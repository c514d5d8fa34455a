/** The Worker: HTTP requests go to the Hono app, Cron Triggers to the retention sweeps. */
import { createApp } from "./app";
import { applyVerbOverride } from "./http/verb-override";
import { scheduled } from "./scheduled";

const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(applyVerbOverride(request), env, ctx),
  scheduled,
} satisfies ExportedHandler<Env>;
