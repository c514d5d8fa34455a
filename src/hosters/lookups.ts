/** Asking hosters for the API and pages: a link's check, a folder's links (each answer counted in the hoster's health), every hoster's state. */
import type { MainDb } from "../db/client";
import { readHosterHealth, reportHoster, withHosterOutcome, type HosterReport } from "./health";
import { assertHosterUp, HOSTER_ADAPTERS, hosterContext, hosterStatus, matchFolderLink, matchLink, type CheckedLink } from "./registry";
import type { HosterAdapter, HosterEnv } from "./types";

export type LookupInput = { env: HosterEnv; link: string; password?: string; defer?: (write: Promise<void>) => void };

/** Checks a link: matched, hoster up, file described. Throws link_refused, hoster_*, file_unavailable, file_password_wrong. */
export async function checkHosterLink(db: MainDb, input: LookupInput, now: number): Promise<CheckedLink> {
  const ctx = hosterContext(input.env, input.password, undefined, now);
  const matched = matchLink(ctx, input.link);
  assertHosterUp(matched.adapter, ctx);
  const info = await withHosterOutcome(db, { hosterId: matched.adapter.id, kind: "check", defer: input.defer }, now, () => matched.adapter.check(matched.link, ctx));
  return { ...matched, info };
}

/** The file links of a folder link (at most MAX_FOLDER_LINKS); [] when the link is no folder of a hoster with folders. */
export async function listFolderLinks(db: MainDb, input: LookupInput, now: number): Promise<string[]> {
  const ctx = hosterContext(input.env, input.password, undefined, now);
  const folder = matchFolderLink(ctx, input.link);
  if (!folder) {
    // Not a folder we list, but still a link we refuse or take: refused links and foreign schemes say so.
    matchLink(ctx, input.link);
    return [];
  }
  assertHosterUp(folder.adapter, ctx);
  return withHosterOutcome(db, { hosterId: folder.adapter.id, kind: "check", defer: input.defer }, now, () => folder.adapter.listFolder(folder.link, ctx));
}

export type HosterRow = { adapter: HosterAdapter; report: HosterReport };

/** Every adapter (named hosters, then direct links) with its state: operator maintenance, missing keys, then the last hour's outcomes. */
export async function reportHosters(db: MainDb, input: { env: HosterEnv }, now: number): Promise<HosterRow[]> {
  const ctx = hosterContext(input.env, undefined, undefined, now);
  const health = await readHosterHealth(db, now);
  return HOSTER_ADAPTERS.map((adapter) => ({ adapter, report: reportHoster(hosterStatus(adapter, ctx), health.get(adapter.id)) }));
}
