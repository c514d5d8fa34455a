/** `/rest/1.0/hosts*`: supported hosters, their link patterns and status. */
import { Hono } from "hono";
import type { AppEnv } from "../../../env";
import { reportHosters } from "../../../hosters/lookups";
import { delimitedPattern, NAMED_HOSTERS } from "../../../hosters/registry";
import type { HosterAdapter } from "../../../hosters/types";
import { requireApiAccount } from "../api-token";

export const hostsApi = new Hono<AppEnv>();

function describe(adapter: HosterAdapter) {
  return { id: adapter.id, name: adapter.name, image: "" };
}

hostsApi.get("/", (c) => c.json(Object.fromEntries(NAMED_HOSTERS.map((adapter) => [adapter.domains[0], describe(adapter)]))));

/**
 * Real-Debrid's `status` ("up"/"down": degraded hosters still work, so "up"), plus our finer
 * `state` and the last hour's outcomes behind it: the share of successful checks and downloads.
 */
hostsApi.get("/status", requireApiAccount(), async (c) => {
  const now = Date.now();
  const checkTime = new Date(now).toISOString();
  const rows = (await reportHosters(c.var.db, { env: c.env }, now)).filter(({ adapter }) => adapter.domains.length > 0);
  return c.json(
    Object.fromEntries(
      rows.map(({ adapter, report }) => [
        adapter.domains[0],
        {
          ...describe(adapter),
          supported: 1,
          status: report.state === "up" || report.state === "degraded" ? "up" : "down",
          state: report.state,
          success_share: report.successShare,
          outcomes_last_hour: report.outcomes,
          check_time: checkTime,
          competitors_status: {},
        },
      ]),
    ),
  );
});

hostsApi.get("/regex", (c) => c.json(NAMED_HOSTERS.flatMap((adapter) => adapter.linkPatterns.map(delimitedPattern))));
hostsApi.get("/regexFolder", (c) => c.json(NAMED_HOSTERS.flatMap((adapter) => adapter.folderPatterns.map(delimitedPattern))));
hostsApi.get("/domains", (c) => c.json(NAMED_HOSTERS.flatMap((adapter) => [...adapter.domains])));
