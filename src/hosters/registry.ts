/** The registry of hoster adapters: which adapter takes a link, and what /hosts* report. */
import { directHttpAdapter } from "./direct-http";
import { onefichierAdapter } from "./onefichier";
import type { HosterAdapter, HosterContext, HosterStatus } from "./types";

/** Hoster-specific adapters first; the direct-link adapter takes whatever http(s) link is left. */
export const HOSTER_ADAPTERS: readonly HosterAdapter[] = [onefichierAdapter, directHttpAdapter];

/** Adapters of named hosters (the ones /hosts, /hosts/regex and /hosts/domains list). */
export const NAMED_HOSTERS = HOSTER_ADAPTERS.filter((adapter) => adapter.domains.length > 0);

export function findAdapterForLink(link: URL): HosterAdapter | null {
  return HOSTER_ADAPTERS.find((adapter) => adapter.accepts(link)) ?? null;
}

export function findAdapterById(id: string): HosterAdapter | null {
  return HOSTER_ADAPTERS.find((adapter) => adapter.id === id) ?? null;
}

/** A RegExp as the delimited string clients expect: `/…/` with forward slashes escaped. */
export function delimitedPattern(pattern: RegExp): string {
  return `/${pattern.source.replace(/(?<!\\)\//g, "\\/")}/`;
}

/** A hoster's status: "maintenance" when the operator lists its id in HOSTERS_IN_MAINTENANCE, else what the adapter says. */
export function hosterStatus(adapter: HosterAdapter, ctx: HosterContext): HosterStatus {
  const listed = (ctx.env.HOSTERS_IN_MAINTENANCE ?? "").split(",").map((id) => id.trim());
  return listed.includes(adapter.id) ? "maintenance" : adapter.status(ctx);
}
