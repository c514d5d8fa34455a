/** Checking and unrestricting links: from a user's link to a recorded, generated download link. */
import { AppError } from "../errors";
import { fetchDepsFromEnv, type FetchDeps } from "../fetching/safe-fetch";
import { checkUrlSyntax } from "../fetching/url-policy";
import { findAdapterForLink } from "../hosters/registry";
import type { FileInfo, HosterAdapter, HosterContext } from "../hosters/types";
import { randomToken } from "../lib/crypto";
import { assertHosterUp, assertHosterUsable, assertUnrestrictAllowed, capsFor, limitError, limitPassedBy, unrestrictingPlan } from "../quotas/enforce";
import { GENERATED_LINK_TTL_MS } from "../quotas/plans";
import type { ClientContext } from "../request-context/client-context";
import type { Plan } from "../quotas/plans";
import { MAX_ACTIVE_TRANSFERS } from "../quotas/active-transfers";
import type { HostUsage } from "../traffic/counters";
import { chooseDownloadOrigin, generatedLinkFor } from "./download-host";
import { linkDeletionDeadline } from "./link-crypto";
import { insertDownload, type DownloadRecord } from "./records";

export type DownloadEnv = Env & { ONEFICHIER_API_KEY?: string };

export type CheckedLink = { adapter: HosterAdapter; link: URL; host: string; info: FileInfo };

export function hosterContext(env: DownloadEnv, password?: string, deps?: FetchDeps): HosterContext {
  return { deps: deps ?? fetchDepsFromEnv(env), env, password: password || undefined };
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Parses the link (SSRF syntax rules first: nothing leaves for a refused link) and finds its
 * adapter. A link of another scheme (magnet:, ftp:…) names no hoster we support: hoster_unsupported.
 */
export function matchLink(env: DownloadEnv, raw: string): { adapter: HosterAdapter; link: URL; host: string } {
  const scheme = SCHEME.exec(raw.trim())?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") throw new AppError("hoster_unsupported", { details: { reason: "scheme" } });
  const { url } = checkUrlSyntax(raw, fetchDepsFromEnv(env).policy);
  const adapter = findAdapterForLink(url);
  if (!adapter) throw new AppError("hoster_unsupported");
  return { adapter, link: url, host: adapter.hostOf(url) };
}

/** Checks a link with its hoster: name, size, type. Throws link_refused, hoster_*, file_unavailable. */
export async function checkLink(env: DownloadEnv, raw: string, password?: string): Promise<CheckedLink> {
  const { adapter, link, host } = matchLink(env, raw);
  const ctx = hosterContext(env, password);
  assertHosterUp(adapter, ctx);
  return { adapter, link, host, info: await adapter.check(link, ctx) };
}

export type UnrestrictInput = {
  accountId: number;
  link: string;
  password?: string;
  remote: boolean;
  declaredIp: string | null;
  client: ClientContext | null;
  now: number;
  /** The plan and the day's use, when the caller read them once for several links. */
  known?: { plan: Plan; usage: HostUsage[] };
};

/**
 * Unrestricts a link for an account: quota checks, hoster check, then one batch recording the
 * download (encrypted) and counting the link. Nothing is written when anything fails.
 */
export async function unrestrictLink(env: DownloadEnv, input: UnrestrictInput): Promise<DownloadRecord> {
  const { adapter, link, host } = matchLink(env, input.link);
  const ctx = hosterContext(env, input.password);
  const plan = input.known?.plan ?? (await unrestrictingPlan(env.DB, input.accountId, input.now));
  assertHosterUsable(plan, adapter, ctx);
  await assertUnrestrictAllowed(env.DB, input.accountId, plan, adapter, host, input.now, input.known?.usage);
  const info = await adapter.check(link, ctx);
  // 160 random bits: the id is the capability that authorises the download.
  const id = randomToken(20);
  const download = generatedLinkFor(chooseDownloadOrigin(env, input.client), id, info.filename);
  const record: DownloadRecord = {
    id,
    accountId: input.accountId,
    adapterId: adapter.id,
    host,
    link: link.href,
    filename: info.filename,
    download,
    filesize: info.filesize,
    mimeType: info.mimeType,
    // A free account may not open more connections than its parallel-downloads limit.
    chunks: Math.min(adapter.limits.maxChunks, MAX_ACTIVE_TRANSFERS[plan]),
    remote: input.remote,
    generatedAt: input.now,
    expiresAt: input.now + GENERATED_LINK_TTL_MS,
    deletionAt: linkDeletionDeadline(input.now),
    acceptRanges: info.acceptRanges ?? false,
    // A protected file needs its password again at download time: sealed with the link, same day key.
    password: input.password || undefined,
  };
  const linkCaps = capsFor(plan, adapter, host, "links");
  const written = await insertDownload(env, {
    ...record,
    requester: { ip: input.client?.ip ?? null, country: input.client?.country ?? null, city: input.client?.city ?? null, asn: input.client?.asn ?? null },
    declaredIp: input.declaredIp,
  }, linkCaps.caps);
  // Another request took the last link of the day meanwhile.
  if (!written) throw limitError(plan, await limitPassedBy(env.DB, input.accountId, plan, adapter, host, "links", 1, input.now), input.now);
  return record;
}
