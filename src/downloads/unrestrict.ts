/**
 * Unrestricting a link, in three steps: the hoster check (hosters: which adapter, is it up, then the
 * file itself), one quota admission (quotas), one sealed insert whose batch also counts the link
 * (downloads, with traffic's counter statement). The file is checked only once the account is
 * admitted, so a refused account costs the hoster nothing. Nothing is written when any step fails.
 * The generated link names its node (nearest, or pinned) and carries a ticket binding it to the
 * generating network, or to none with remote traffic (link-tickets.ts).
 */
import { GENERATED_LINK_TTL_MS } from "../config";
import type { MainDb } from "../db/client";
import { withHosterOutcome } from "../hosters/health";
import { assertHosterUp, hosterContext, matchLink } from "../hosters/registry";
import type { HosterEnv } from "../hosters/types";
import { randomToken } from "../lib/crypto";
import { admitUnrestrict, type DayUse } from "../quotas";
import type { ClientContext } from "../request-context/client-context";
import { pinnedDownloadNode } from "../settings";
import { chooseDownloadNode, downloadNodes, generatedLinkFor } from "./download-host";
import { bindingFor, linkSigningKey, signLinkTicket } from "./link-tickets";
import { linkDeletionDeadline } from "./link-crypto";
import { insertDownload, type DownloadRecord } from "./records";

export type UnrestrictInput = {
  env: HosterEnv & { LINK_SIGNING_KEY?: string };
  accountId: number;
  link: string;
  /** The file's password at its hoster, if it has one. */
  password?: string;
  remote: boolean;
  /** The end user's IP a server-side client declared (`ip` form field): the link is bound to its network. */
  declaredIp: string | null;
  client: ClientContext | null;
  /** The plan and the day's use, when the caller read them once for several links. */
  known?: DayUse;
  /** Runs the hoster-health counter write after the answer; absent, it is awaited. */
  defer?: (write: Promise<void>) => void;
};

/** Unrestricts a link for an account; throws link_refused, hoster_*, file_unavailable or the quota refusal. */
export async function unrestrictLink(db: MainDb, input: UnrestrictInput, now: number): Promise<DownloadRecord> {
  const ctx = hosterContext(input.env, input.password, undefined, now);
  const { adapter, link, host } = matchLink(ctx, input.link);
  assertHosterUp(adapter, ctx);
  const admission = await admitUnrestrict(db, { accountId: input.accountId, hoster: adapter.limits, host, remote: input.remote, known: input.known }, now);
  const info = await withHosterOutcome(db, { hosterId: adapter.id, kind: "check", defer: input.defer }, now, () => adapter.check(link, ctx));
  // 160 random bits: the id is the capability that authorises the download.
  const id = randomToken(20);
  const expiresAt = now + GENERATED_LINK_TTL_MS;
  const node = chooseDownloadNode(downloadNodes(input.env), input.client, await pinnedDownloadNode(db, input.accountId));
  const binding = bindingFor({ remote: input.remote, declaredIp: input.declaredIp, requesterIp: input.client?.ip ?? null });
  const ticket = await signLinkTicket(linkSigningKey(input.env), { id, node, binding, expiresAt });
  const record: DownloadRecord = {
    id,
    accountId: input.accountId,
    adapterId: adapter.id,
    host,
    link: link.href,
    filename: info.filename,
    download: generatedLinkFor(node.url, id, ticket, info.filename),
    filesize: info.filesize,
    mimeType: info.mimeType,
    chunks: admission.chunks,
    remote: input.remote,
    generatedAt: now,
    expiresAt,
    deletionAt: linkDeletionDeadline(now),
    acceptRanges: info.acceptRanges ?? false,
    // A protected file needs its password again at download time: sealed with the link, same day key.
    password: input.password || undefined,
  };
  const requester = { ip: input.client?.ip ?? null, country: input.client?.country ?? null, city: input.client?.city ?? null, asn: input.client?.asn ?? null };
  const written = await insertDownload(db, { kv: input.env.KV, download: { ...record, requester, declaredIp: input.declaredIp }, linkCaps: admission.linkCaps });
  // Another request took the last link of the day meanwhile.
  if (!written) throw admission.linksExhausted();
  return record;
}
