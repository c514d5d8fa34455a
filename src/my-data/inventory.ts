/**
 * The inventory of one account's data, derived from the retention policy: for every category that
 * can hold an account's records, a section that reads them (only the account's, never a secret) and
 * gives each the instant it will be gone by, from the policy's own `deletionDeadline`. The my-data
 * page, the export (file and GET /api/me/data) and account deletion all walk this one list; a test
 * fails when a category of the policy has no section and no reason to be outside it.
 */
import { and, eq, getTableName, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { accountRateLimitCondition } from "../accounts/rate-limits";
import type { JournalDb, MainDb } from "../db/client";
import { requestJournal } from "../db/journal-schema";
import {
  accounts,
  accountSettings,
  activeTransfers,
  apiRateWindows,
  apiTokens,
  avatars,
  closedAccounts,
  deviceCodes,
  downloadNetworks,
  downloads,
  emailTokens,
  knownPlaces,
  loginChallenges,
  loginEvents,
  oauthClients,
  payments,
  rateLimits,
  remoteTrafficDaily,
  securityEvents,
  sessions,
  trafficDaily,
  trustedNetworks,
} from "../db/schema";
import { readAccountDownloadsPage } from "../downloads/records";
import { toBase64 } from "../lib/crypto";
import { readAvatar } from "../settings";
import { deletionDeadline, findRetentionCategory, RETENTION_CATEGORIES, type RetentionCategory, type RetentionCategoryId, type Store } from "../retention/policy";

/** What the export says in place of a secret: we keep a hash of it, and never hand it out. */
export const HASH_KEPT = "(only a hash is kept; never exported)";
/** In place of a secret kept encrypted with a link (a file's password at its hoster). */
export const SECRET_KEPT = "(kept encrypted with the link; never exported)";

export type ExportValue = string | number | boolean | null | ExportValue[] | { [key: string]: ExportValue };
export type ExportItem = { [key: string]: ExportValue };

export type InventoryContext = {
  db: MainDb;
  journal: JournalDb;
  kv: KVNamespace;
  accountId: number;
  /** The rate-limit counters that name the account (accounts/rate-limits.ts), built once. */
  ownRateLimits: SQL;
  now: number;
};

/** Builds the context of one account's inventory. */
export async function inventoryContext(input: { db: MainDb; journal: JournalDb; kv: KVNamespace; accountId: number; emailNormalized: string }, now: number): Promise<InventoryContext> {
  const ownRateLimits = await accountRateLimitCondition({ accountId: input.accountId, emailNormalized: input.emailNormalized });
  return { db: input.db, journal: input.journal, kv: input.kv, accountId: input.accountId, ownRateLimits, now };
}

type Cursor = { time: number | null; rowid: number | string } | null;
export type SectionPage = { items: ExportItem[]; next: Cursor };

export type Section = {
  category: RetentionCategory;
  store: Store;
  /** The table read (and, for deletion, emptied of the account's rows). */
  table: SQLiteTable;
  tableName: string;
  /** Every column of the table, said once: exported, kept only as a hash (or encrypted), or left out and why. */
  columns: { exported: string[]; hashed: string[]; omitted: Record<string, string> };
  /** "This row is the account's." */
  owned(ctx: Pick<InventoryContext, "accountId" | "ownRateLimits">): SQL;
  readPage(ctx: InventoryContext, cursor: Cursor, limit: number): Promise<SectionPage>;
};

const OWNER = "the account's id, given once under accounts";

/** Instants are milliseconds in storage and ISO 8601 (UTC) in the export: columns named `at`, `…_at`, `…_until`, `premium_from`. */
const INSTANT = /^at$|_at$|_until$|^premium_from$/;
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** An exported item: instants in ISO form, secrets replaced by a marker, and when the sweeps will have deleted it. */
function toItem(category: RetentionCategory, row: Record<string, unknown>, hashed: readonly string[]): ExportItem {
  const item: ExportItem = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith("__")) continue;
    item[key] = INSTANT.test(key) && typeof value === "number" ? isoInstant(value) : (value as ExportValue);
  }
  for (const name of hashed) item[name] = row[`__has_${name}`] ? HASH_KEPT : null;
  const time = category.sweep?.timeColumn;
  const at = time ? (row[time] as number | null) : null;
  const deadline = deletionDeadline(category, at);
  item.deleted_by = deadline === null ? null : isoInstant(deadline);
  return item;
}

type TableSpec = {
  category: RetentionCategoryId;
  store?: Store;
  table: SQLiteTable;
  columns: Record<string, SQLiteColumn>;
  hashed?: Record<string, SQLiteColumn>;
  omitted?: Record<string, string>;
  /** The column holding the account's id: its rows are the account's (left out of the items unless exported: the id is given once, under accounts). */
  owner?: SQLiteColumn;
  /** Which rows are the account's, where no owner column says it. */
  owned?(ctx: Pick<InventoryContext, "accountId" | "ownRateLimits">): SQL;
  /** Rows of the table that belong to another category of the same table. */
  filter?: SQL;
  /** Adds what is not in the row (an avatar's picture, kept in KV). */
  enrich?(ctx: InventoryContext, items: ExportItem[]): Promise<void>;
};

/**
 * A section reading a table: the account's rows, in the order of the category's time column (the
 * sweep's), then rowid; for a swept category only the rows its sweep will delete (its `where`, a
 * set time), so each row's date is that sweep's.
 */
function tableSection(spec: TableSpec): Section {
  const category = findRetentionCategory(spec.category);
  const tableName = getTableName(spec.table);
  const { owner } = spec;
  const owned = owner ? byAccount(owner) : spec.owned;
  if (!owned) throw new Error(`section ${spec.category} says neither its owner column nor which rows are the account's`);
  const omitted = owner && !Object.values(spec.columns).includes(owner) ? { [owner.name]: OWNER, ...spec.omitted } : (spec.omitted ?? {});
  const sweep = category.sweep;
  const time = sweep ? spec.columns[sweep.timeColumn] : undefined;
  if (sweep && !time) throw new Error(`section ${spec.category} does not export its time column ${sweep.timeColumn}`);
  if (sweep && sweep.table !== tableName) throw new Error(`section ${spec.category} reads ${tableName}, its sweep ${sweep.table}`);
  const hashed = Object.keys(spec.hashed ?? {});
  const rowid = sql<number>`rowid`;
  return {
    category,
    store: spec.store ?? "DB",
    table: spec.table,
    tableName,
    columns: { exported: Object.keys(spec.columns), hashed, omitted },
    owned,
    async readPage(ctx, cursor, limit) {
      const db = (spec.store === "JOURNAL" ? ctx.journal : ctx.db) as unknown as MainDb;
      const flags = Object.fromEntries(Object.entries(spec.hashed ?? {}).map(([name, column]) => [`__has_${name}`, sql<number>`${column} IS NOT NULL`]));
      const after =
        cursor === null ? undefined
        : time ? or(sql`${time} > ${cursor.time}`, and(sql`${time} = ${cursor.time}`, sql`rowid > ${cursor.rowid}`))
        : sql`rowid > ${cursor.rowid}`;
      const where = and(owned(ctx), spec.filter, sweep?.where ? sql.raw(`(${sweep.where})`) : undefined, time ? isNotNull(time) : undefined, after);
      const rows = (await db
        .select({ ...spec.columns, ...flags, __rowid: rowid })
        .from(spec.table)
        .where(where)
        .orderBy(...(time ? [time, rowid] : [rowid]))
        .limit(limit)) as Record<string, unknown>[];
      const items = rows.map((row) => toItem(category, row, hashed));
      if (spec.enrich) await spec.enrich(ctx, items);
      const last = rows[rows.length - 1];
      const next = rows.length === limit && last ? { time: time && sweep ? (last[sweep.timeColumn] as number) : null, rowid: last.__rowid as number } : null;
      return { items, next };
    },
  };
}

const byAccount = (column: SQLiteColumn) => (ctx: Pick<InventoryContext, "accountId">) => eq(column, ctx.accountId);

/** The download records, decrypted through downloads/records.ts (a link whose day key is gone stays listed, unreadable). */
function downloadSection(): Section {
  const category = findRetentionCategory("download_links");
  return {
    category,
    store: "DB",
    table: downloads,
    tableName: "downloads",
    columns: {
      exported: [
        "id", "adapter_id", "host", "link_encrypted", "filename_encrypted", "download_encrypted", "filesize", "mime_type", "chunks", "remote", "generated_at", "expires_at",
        "requester_ip", "requester_country", "requester_city", "requester_asn", "declared_ip",
      ],
      hashed: [],
      omitted: { account_id: OWNER, key_id: "the id of the day's encryption key, which is no data about you" },
    },
    owned: byAccount(downloads.accountId),
    async readPage(ctx, cursor, limit) {
      const after = cursor && cursor.time !== null ? { generatedAt: cursor.time, id: String(cursor.rowid) } : null;
      const records = await readAccountDownloadsPage(ctx.db, { kv: ctx.kv, accountId: ctx.accountId, after, limit }, ctx.now);
      const items = records.map((r) =>
        toItem(
          category,
          {
            id: r.id, adapter_id: r.adapterId, host: r.host,
            // Decrypted: the link, the file name and the generated link (null once the day's key is destroyed).
            link: r.readable?.link ?? null, filename: r.readable?.filename ?? null, download: r.readable?.download ?? null,
            readable: r.readable !== null, file_password: r.readable?.hasPassword ? SECRET_KEPT : null,
            filesize: r.filesize, mime_type: r.mimeType, chunks: r.chunks, remote: r.remote, generated_at: r.generatedAt, expires_at: r.expiresAt,
            requester_ip: r.requesterIp, requester_country: r.requesterCountry, requester_city: r.requesterCity, requester_asn: r.requesterAsn, declared_ip: r.declaredIp,
          },
          [],
        ),
      );
      const last = records[records.length - 1];
      return { items, next: records.length === limit && last ? { time: last.generatedAt, rowid: last.id } : null };
    },
  };
}

/** api_tokens holds two categories (tokens without expiry, and the rest until they expire), read alike. */
const API_TOKEN_TABLE = {
  table: apiTokens,
  columns: { id: apiTokens.id, kind: apiTokens.kind, client_id: apiTokens.clientId, created_at: apiTokens.createdAt, expires_at: apiTokens.expiresAt, last_used_at: apiTokens.lastUsedAt, family_id: apiTokens.familyId, used_at: apiTokens.usedAt },
  hashed: { token_hash: apiTokens.tokenHash },
  owner: apiTokens.accountId,
} satisfies Partial<TableSpec>;

/** Every section, in the policy's order of categories. */
export const INVENTORY: readonly Section[] = [
  tableSection({
    category: "accounts",
    table: accounts,
    columns: {
      id: accounts.id, email: accounts.email, role: accounts.role, locale: accounts.locale, created_at: accounts.createdAt, email_verified_at: accounts.emailVerifiedAt,
      premium_until: accounts.premiumUntil, points: accounts.points, signup_ip: accounts.signupIp, signup_country: accounts.signupCountry, signup_region: accounts.signupRegion,
      signup_city: accounts.signupCity, signup_latitude: accounts.signupLatitude, signup_longitude: accounts.signupLongitude, signup_asn: accounts.signupAsn,
      signup_as_organization: accounts.signupAsOrganization, locked_at: accounts.lockedAt, lock_reason: accounts.lockReason,
      policy_version_accepted: accounts.policyVersionAccepted, policy_notice_version: accounts.policyNoticeVersion, policy_notice_shown_at: accounts.policyNoticeShownAt,
      policy_acknowledged_version: accounts.policyAcknowledgedVersion, policy_acknowledged_at: accounts.policyAcknowledgedAt,
    },
    hashed: { password_hash: accounts.passwordHash },
    omitted: { email_normalized: "the address in lower case, the unique key (the address itself is exported)" },
    owner: accounts.id,
  }),
  tableSection({
    category: "api_tokens",
    ...API_TOKEN_TABLE,
    // Tokens with an expiry are the expired_api_tokens category's: its sweep deletes them.
    filter: isNull(apiTokens.expiresAt),
  }),
  tableSection({
    category: "unverified_accounts",
    table: accounts,
    columns: { id: accounts.id, email: accounts.email, created_at: accounts.createdAt, email_verified_at: accounts.emailVerifiedAt },
    owner: accounts.id,
  }),
  tableSection({
    category: "closed_accounts",
    table: closedAccounts,
    columns: { account_id: closedAccounts.accountId, email: closedAccounts.email, signed_up_at: closedAccounts.signedUpAt, signup_ip: closedAccounts.signupIp, closed_at: closedAccounts.closedAt },
    hashed: { password_hash: closedAccounts.passwordHash },
    omitted: { email_normalized: "the address in lower case (the address itself is exported)" },
    owner: closedAccounts.accountId,
  }),
  tableSection({
    category: "sessions",
    table: sessions,
    columns: {
      id: sessions.id, created_at: sessions.createdAt, expires_at: sessions.expiresAt, absolute_expires_at: sessions.absoluteExpiresAt, reauthenticated_at: sessions.reauthenticatedAt,
      user_agent: sessions.userAgent, ip: sessions.ip, country: sessions.country, city: sessions.city, asn: sessions.asn, last_seen_at: sessions.lastSeenAt,
      last_ip: sessions.lastIp, last_country: sessions.lastCountry, last_city: sessions.lastCity,
    },
    hashed: { token_hash: sessions.tokenHash, revoke_token_hash: sessions.revokeTokenHash },
    owner: sessions.accountId,
  }),
  tableSection({
    category: "expired_api_tokens",
    ...API_TOKEN_TABLE,
  }),
  tableSection({
    category: "oauth_clients",
    table: oauthClients,
    columns: { client_id: oauthClients.clientId, name: oauthClients.name, created_at: oauthClients.createdAt },
    hashed: { client_secret_hash: oauthClients.clientSecretHash },
    owner: oauthClients.accountId,
  }),
  tableSection({
    category: "email_tokens",
    table: emailTokens,
    columns: { id: emailTokens.id, purpose: emailTokens.purpose, new_email: emailTokens.newEmail, code_attempts: emailTokens.codeAttempts, created_at: emailTokens.createdAt, expires_at: emailTokens.expiresAt },
    hashed: { token_hash: emailTokens.tokenHash, code_hash: emailTokens.codeHash },
    owner: emailTokens.accountId,
  }),
  tableSection({
    category: "device_codes",
    table: deviceCodes,
    columns: {
      id: deviceCodes.id, user_code: deviceCodes.userCode, client_id: deviceCodes.clientId, new_credentials: deviceCodes.newCredentials, created_at: deviceCodes.createdAt,
      expires_at: deviceCodes.expiresAt, interval_seconds: deviceCodes.intervalSeconds, last_polled_at: deviceCodes.lastPolledAt, device_country: deviceCodes.deviceCountry,
      device_city: deviceCodes.deviceCity, device_asn: deviceCodes.deviceAsn, issued_client_id: deviceCodes.issuedClientId,
    },
    hashed: { device_code_hash: deviceCodes.deviceCodeHash },
    owner: deviceCodes.approvedAccountId,
  }),
  tableSection({
    category: "login_events",
    table: loginEvents,
    columns: { id: loginEvents.id, at: loginEvents.at, result: loginEvents.result, reason: loginEvents.reason, ip: loginEvents.ip, country: loginEvents.country, city: loginEvents.city, asn: loginEvents.asn, user_agent: loginEvents.userAgent, network: loginEvents.network },
    owner: loginEvents.accountId,
  }),
  tableSection({
    category: "known_places",
    table: knownPlaces,
    columns: { id: knownPlaces.id, country: knownPlaces.country, asn: knownPlaces.asn, as_organization: knownPlaces.asOrganization, city: knownPlaces.city, first_seen_at: knownPlaces.firstSeenAt, last_seen_at: knownPlaces.lastSeenAt },
    owner: knownPlaces.accountId,
    omitted: { place_key: "country and ASN joined, the lookup key (both are exported)" },
  }),
  tableSection({
    category: "login_challenges",
    table: loginChallenges,
    columns: {
      id: loginChallenges.id, purpose: loginChallenges.purpose, reason: loginChallenges.reason, attempts: loginChallenges.attempts, created_at: loginChallenges.createdAt,
      expires_at: loginChallenges.expiresAt, ip: loginChallenges.ip, country: loginChallenges.country, city: loginChallenges.city, asn: loginChallenges.asn,
      as_organization: loginChallenges.asOrganization, user_agent: loginChallenges.userAgent, next: loginChallenges.next, device_user_code: loginChallenges.deviceUserCode,
      session_id: loginChallenges.sessionId,
    },
    hashed: { token_hash: loginChallenges.tokenHash, code_hash: loginChallenges.codeHash },
    owner: loginChallenges.accountId,
  }),
  tableSection({
    category: "security_events",
    table: securityEvents,
    columns: {
      id: securityEvents.id, at: securityEvents.at, kind: securityEvents.kind, action: securityEvents.action, ip: securityEvents.ip, country: securityEvents.country,
      city: securityEvents.city, asn: securityEvents.asn, network: securityEvents.network, detail: securityEvents.detail, caused_by: securityEvents.causedBy,
    },
    owner: securityEvents.accountId,
  }),
  tableSection({
    category: "trusted_networks",
    table: trustedNetworks,
    columns: { id: trustedNetworks.id, network: trustedNetworks.network, label: trustedNetworks.label, created_at: trustedNetworks.createdAt },
    owner: trustedNetworks.accountId,
  }),
  tableSection({
    category: "download_networks",
    table: downloadNetworks,
    columns: { network: downloadNetworks.network, last_seen_at: downloadNetworks.lastSeenAt },
    owner: downloadNetworks.accountId,
  }),
  tableSection({
    category: "account_settings",
    table: accountSettings,
    columns: {
      download_port: accountSettings.downloadPort, download_node: accountSettings.downloadNode, streaming_language_preference: accountSettings.streamingLanguagePreference,
      streaming_quality: accountSettings.streamingQuality, mobile_streaming_quality: accountSettings.mobileStreamingQuality,
      streaming_cast_audio_preference: accountSettings.streamingCastAudioPreference, updated_at: accountSettings.updatedAt,
    },
    owner: accountSettings.accountId,
  }),
  tableSection({
    category: "avatars",
    table: avatars,
    columns: { public_id: avatars.publicId, content_type: avatars.contentType, bytes: avatars.bytes, uploaded_at: avatars.uploadedAt },
    owner: avatars.accountId,
    // The picture itself, from KV, in base64.
    async enrich(ctx, items) {
      for (const item of items) {
        const picture = await readAvatar(ctx.db, { kv: ctx.kv, publicId: String(item.public_id) });
        item.picture_base64 = picture ? toBase64(new Uint8Array(picture.body)) : null;
      }
    },
  }),
  tableSection({
    category: "rate_limits",
    table: rateLimits,
    columns: { key: rateLimits.key, window_started_at: rateLimits.windowStartedAt, window_count: rateLimits.windowCount, consecutive: rateLimits.consecutive, locked_until: rateLimits.lockedUntil, updated_at: rateLimits.updatedAt },
    owned: (ctx) => ctx.ownRateLimits,
  }),
  tableSection({
    category: "request_journal",
    store: "JOURNAL",
    table: requestJournal,
    columns: {
      request_id: requestJournal.requestId, at: requestJournal.at, ip: requestJournal.ip, country: requestJournal.country, region: requestJournal.region, region_code: requestJournal.regionCode,
      city: requestJournal.city, postal_code: requestJournal.postalCode, continent: requestJournal.continent, latitude: requestJournal.latitude, longitude: requestJournal.longitude,
      timezone: requestJournal.timezone, asn: requestJournal.asn, as_organization: requestJournal.asOrganization, colo: requestJournal.colo, is_eu: requestJournal.isEu,
      method: requestJournal.method, host: requestJournal.host, path: requestJournal.path, query: requestJournal.query, status: requestJournal.status,
      duration_ms: requestJournal.durationMs, response_bytes: requestJournal.responseBytes, user_agent: requestJournal.userAgent,
    },
    owner: requestJournal.accountId,
    omitted: { ip_key: "the IP address again, in a sortable form (the address itself is exported)" },
  }),
  downloadSection(),
  tableSection({
    category: "traffic_counters",
    table: trafficDaily,
    columns: { host: trafficDaily.host, day_at: trafficDaily.dayAt, bytes: trafficDaily.bytes, links: trafficDaily.links },
    owner: trafficDaily.accountId,
  }),
  tableSection({
    category: "remote_traffic",
    table: remoteTrafficDaily,
    columns: { day_at: remoteTrafficDaily.dayAt, bytes: remoteTrafficDaily.bytes },
    owner: remoteTrafficDaily.accountId,
  }),
  tableSection({
    category: "active_transfers",
    table: activeTransfers,
    columns: { id: activeTransfers.id, started_at: activeTransfers.startedAt },
    owner: activeTransfers.accountId,
  }),
  tableSection({
    category: "api_rate_windows",
    table: apiRateWindows,
    columns: { token_id: apiRateWindows.tokenId, window_at: apiRateWindows.windowAt, calls: apiRateWindows.calls },
    // Counters per token: the account's are those of its tokens.
    owned: (ctx) => sql`${apiRateWindows.tokenId} IN (SELECT ${apiTokens.id} FROM ${apiTokens} WHERE ${apiTokens.accountId} = ${ctx.accountId})`,
  }),
  tableSection({
    category: "payments",
    table: payments,
    columns: {
      id: payments.id, checkout_session_id: payments.checkoutSessionId, payment_intent_id: payments.paymentIntentId, plan_days: payments.planDays, amount_minor: payments.amountMinor,
      currency: payments.currency, amount_refunded_minor: payments.amountRefundedMinor, status: payments.status, dispute_status: payments.disputeStatus, ip_country: payments.ipCountry,
      billing_country: payments.billingCountry, premium_from: payments.premiumFrom, premium_until: payments.premiumUntil, points_granted: payments.pointsGranted,
      revoked_ms: payments.revokedMs, created_at: payments.createdAt, paid_at: payments.paidAt, reversed_at: payments.reversedAt, updated_at: payments.updatedAt,
      last_event_id: payments.lastEventId, keep_until: payments.keepUntil,
    },
    owner: payments.accountId,
    omitted: { version: "a counter that orders concurrent changes, no data about you" },
  }),
].sort((a, b) => RETENTION_CATEGORIES.findIndex((c) => c.id === a.category.id) - RETENTION_CATEGORIES.findIndex((c) => c.id === b.category.id));

/**
 * Categories of the policy that hold no data of one account's, or that self-service must not show,
 * and why (a test walks the policy: every category is in INVENTORY or here).
 */
export const OUTSIDE_INVENTORY: Partial<Record<RetentionCategoryId, string>> = {
  dev_mailbox: "the local development mailbox: empty in production, where mails are sent, not kept",
  payment_events: "the payment provider's event ids and types: nothing in them names an account",
  hoster_outcomes: "counters per hoster and minute: no account, link or file name",
  retention_runs: "purge reports: no personal data",
  // The legal procedure's records: a user is told of a disclosure unless the authority forbids it
  // (legal/export.ts); self-service never shows them, so that no investigation is tipped off.
  legal_requests: "the legal request register (the user is told of a disclosure unless forbidden)",
  legal_exports: "the disclosures made (the user is told of a disclosure unless forbidden)",
  legal_holds: "legal holds (never shown: showing one would tip off an investigation)",
  audit_log: "staff actions (never shown for the same reason)",
};

export function findSection(category: RetentionCategoryId): Section {
  const section = INVENTORY.find((s) => s.category.id === category);
  if (!section) throw new Error(`no inventory section for ${category}`);
  return section;
}
