/** `/rest/1.0/hosts*`: supported hosters, their link patterns and status. */
import { Hono } from "hono";
import type { AppEnv } from "../../../env";
import { delimitedPattern, hosterContext, hosterStatus, NAMED_HOSTERS } from "../../../hosters/registry";
import type { HosterAdapter } from "../../../hosters/types";
import { requireApiAccount } from "../api-token";

export const hostsApi = new Hono<AppEnv>();

function describe(adapter: HosterAdapter) {
  return { id: adapter.id, name: adapter.name, image: "" };
}

hostsApi.get("/", (c) => c.json(Object.fromEntries(NAMED_HOSTERS.map((adapter) => [adapter.domains[0], describe(adapter)]))));

hostsApi.get("/status", requireApiAccount(), (c) => {
  const ctx = hosterContext(c.env);
  const checkTime = new Date().toISOString();
  return c.json(
    Object.fromEntries(
      NAMED_HOSTERS.map((adapter) => {
        const status = hosterStatus(adapter, ctx);
        return [adapter.domains[0], { ...describe(adapter), supported: 1, status: status === "up" ? "up" : "down", check_time: checkTime, competitors_status: {} }];
      }),
    ),
  );
});

hostsApi.get("/regex", (c) => c.json(NAMED_HOSTERS.flatMap((adapter) => adapter.linkPatterns.map(delimitedPattern))));
hostsApi.get("/regexFolder", (c) => c.json(NAMED_HOSTERS.flatMap((adapter) => adapter.folderPatterns.map(delimitedPattern))));
hostsApi.get("/domains", (c) => c.json(NAMED_HOSTERS.flatMap((adapter) => [...adapter.domains])));
