/**
 * The account-sharing rule: downloads from more than SHARING_MAX_NETWORKS distinct networks
 * (LINK_BINDING_PREFIX_BITS prefixes) within SHARING_WINDOW_MS are refused, the account's trusted
 * networks counting together as one. Each refused network makes one security event per window and
 * a mail to the owner; SHARING_EVENTS_BEFORE_LOCK events within SHARING_LOCK_WINDOW_MS (since the
 * last unlock) lock the account until its owner unlocks it by the mailed link. Remote links are
 * exempt (remote traffic is what the rule leaves for sharing).
 */
import { accountLanguage, findAccount, lockAccount, type LockMailer } from "../accounts";
import { describePlace, sharingNetworkOf } from "../account-security";
import { SHARING_EVENTS_BEFORE_LOCK, SHARING_LOCK_WINDOW_MS, SHARING_MAX_NETWORKS, SHARING_WINDOW_MS } from "../config";
import type { MainDb } from "../db/client";
import { AppError } from "../errors";
import { sharingRefusedMail } from "../mail/templates";
import { MINUTE_MS } from "../lib/time";
import type { ClientContext } from "../request-context/client-context";

const TRUSTED_GROUP = "*trusted";
/** A network's row is rewritten at most this often: the many connections of one download cost reads, not writes. */
const NETWORK_TOUCH_INTERVAL_MS = MINUTE_MS;

/**
 * Admits a download from `client`'s network, or throws too_many_networks (403, code 22).
 * One statement decides, so parallel downloads from new networks cannot all slip in: the network's
 * row is written only if its group (the network, or the trusted group) is already among the
 * window's groups, or if there is room for one more. Raw SQL: a CTE-gated upsert.
 */
export async function admitDownloadNetwork(
  db: MainDb,
  input: { accountId: number; client: ClientContext; mailer: LockMailer; defer(work: Promise<unknown>): void },
  now: number,
): Promise<void> {
  const { accountId, client } = input;
  const network = sharingNetworkOf(client.ip);
  const since = now - SHARING_WINDOW_MS;
  const group = `CASE WHEN network IN (SELECT network FROM trusted_networks WHERE account_id = ?1) THEN '${TRUSTED_GROUP}' ELSE network END`;
  const candidate = `CASE WHEN ?2 IN (SELECT network FROM trusted_networks WHERE account_id = ?1) THEN '${TRUSTED_GROUP}' ELSE ?2 END`;
  const { meta } = await db.$client
    .prepare(
      `WITH recent AS (SELECT ${group} AS grp FROM download_networks WHERE account_id = ?1 AND last_seen_at > ?4)
       INSERT INTO download_networks (account_id, network, last_seen_at)
       SELECT ?1, ?2, ?3 WHERE ${candidate} IN (SELECT grp FROM recent) OR (SELECT count(DISTINCT grp) FROM recent) < ?5
       ON CONFLICT (account_id, network) DO UPDATE SET last_seen_at = excluded.last_seen_at WHERE last_seen_at <= ?6`,
    )
    .bind(accountId, network, now, since, SHARING_MAX_NETWORKS, now - NETWORK_TOUCH_INTERVAL_MS)
    .run();
  if (meta.changes === 1) return;
  // No write also when the network was seen within the last minute (a downloader's parallel
  // connections): then it is admitted, and a read says so.
  const fresh = await db.$client
    .prepare("SELECT 1 AS fresh FROM download_networks WHERE account_id = ?1 AND network = ?2 AND last_seen_at > ?3")
    .bind(accountId, network, now - NETWORK_TOUCH_INTERVAL_MS)
    .first<{ fresh: number }>();
  if (fresh) return;

  const window = await db.$client
    .prepare(`SELECT count(DISTINCT ${group}) AS groups, min(last_seen_at) AS oldest FROM download_networks WHERE account_id = ?1 AND last_seen_at > ?3`)
    .bind(accountId, network, since)
    .first<{ groups: number; oldest: number | null }>();
  const networks = (window?.groups ?? SHARING_MAX_NETWORKS) + 1;
  // One event (and one mail) per refused network and window, however many connections its downloader opens.
  const recorded = await db.$client
    .prepare(
      `INSERT INTO security_events (account_id, at, kind, action, ip, country, city, asn, network, detail)
       SELECT ?1, ?2, 'sharing_refused', 'download_refused', ?3, ?4, ?5, ?6, ?7, ?8
       WHERE NOT EXISTS (SELECT 1 FROM security_events WHERE account_id = ?1 AND kind = 'sharing_refused' AND network = ?7 AND at > ?9)
       RETURNING id`,
    )
    .bind(accountId, now, client.ip, client.country, client.city, client.asn, network, JSON.stringify({ networks, max_networks: SHARING_MAX_NETWORKS, window_seconds: SHARING_WINDOW_MS / 1000 }), since)
    .first<{ id: number }>();
  if (recorded) await afterSharingEvent(db, { ...input, eventId: recorded.id, networks }, now);
  const retryAfterMs = window?.oldest ? window.oldest + SHARING_WINDOW_MS - now : SHARING_WINDOW_MS;
  throw new AppError("too_many_networks", {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    details: { networks, max_networks: SHARING_MAX_NETWORKS, window_seconds: SHARING_WINDOW_MS / 1000, remote_allowed: true },
  });
}

/** Mails the owner about a sharing event, and locks the account when events repeat. */
async function afterSharingEvent(db: MainDb, input: { accountId: number; client: ClientContext; mailer: LockMailer; defer(work: Promise<unknown>): void; eventId: number; networks: number }, now: number): Promise<void> {
  const { accountId, mailer } = input;
  const account = await findAccount(db, accountId);
  if (!account) return;
  const securityLink = new URL("/account/security", mailer.siteOrigin).toString();
  input.defer(mailer.outbox.send(sharingRefusedMail(accountLanguage(account), account.email, { networks: input.networks, place: describePlace(input.client), securityLink })));
  // Events since the lock window began, or since the last unlock if later: an unlock starts afresh.
  const counted = await db.$client
    .prepare(
      `SELECT count(*) AS n FROM security_events WHERE account_id = ?1 AND kind = 'sharing_refused'
         AND at > max(?2, coalesce((SELECT max(at) FROM security_events WHERE account_id = ?1 AND kind = 'account_unlocked'), 0))`,
    )
    .bind(accountId, now - SHARING_LOCK_WINDOW_MS)
    .first<{ n: number }>();
  const events = counted?.n ?? 0;
  if (events >= SHARING_EVENTS_BEFORE_LOCK) {
    await lockAccount(db, { accountId, reason: "account_sharing", causedBy: input.eventId, mailer, detail: { networks: input.networks, events } }, now);
  }
}
