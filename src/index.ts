/** The Worker: HTTP requests go to the Hono app, Cron Triggers to the retention sweeps. */
import { createApp } from "./app";
import { scheduled } from "./scheduled";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
