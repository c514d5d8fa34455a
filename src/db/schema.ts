/** Tables of the main database (binding DB): accounts, sessions, downloads, operations. */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** One row per retention sweep of one category: what an operator reads to see purges happen. */
export const retentionRuns = sqliteTable(
  "retention_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    category: text("category").notNull(),
    startedAt: integer("started_at").notNull(),
    /** The instant before which records were deleted. */
    cutoffAt: integer("cutoff_at").notNull(),
    rowsDeleted: integer("rows_deleted").notNull(),
    durationMs: integer("duration_ms").notNull(),
    /** 0 when the run stopped at its chunk budget; the next run goes on. */
    complete: integer("complete", { mode: "boolean" }).notNull(),
    error: text("error"),
    /** Expired records kept because a legal hold covers them. */
    rowsHeld: integer("rows_held").notNull().default(0),
    /** JSON array of the ids of the holds that applied to the category during the run. */
    heldBy: text("held_by"),
  },
  (t) => [index("retention_runs_started_at_idx").on(t.startedAt)],
);

/** A user's account. The email is for internal use only; sign-up IP and location are kept with it. */
export const accounts = sqliteTable("accounts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** As typed (trimmed), for display and mail. */
  email: text("email").notNull(),
  /** Lower-cased: the unique key. */
  emailNormalized: text("email_normalized").notNull().unique(),
  /** Versioned hash string, e.g. `pbkdf2-sha256$600000$salt$hash`; null until a password is set. */
  passwordHash: text("password_hash"),
  role: text("role", { enum: ["user", "legal", "admin"] }).notNull().default("user"),
  locale: text("locale").notNull().default("fr"),
  createdAt: integer("created_at").notNull(),
  emailVerifiedAt: integer("email_verified_at"),
  premiumUntil: integer("premium_until"),
  points: integer("points").notNull().default(0),
  signupIp: text("signup_ip"),
  signupCountry: text("signup_country"),
  signupRegion: text("signup_region"),
  signupCity: text("signup_city"),
  signupLatitude: real("signup_latitude"),
  signupLongitude: real("signup_longitude"),
  signupAsn: integer("signup_asn"),
  signupAsOrganization: text("signup_as_organization"),
  /** Set when the account-sharing rule locked the account (error 14) until its owner unlocks it by mail. */
  lockedAt: integer("locked_at"),
  lockReason: text("lock_reason"),
  /** The privacy policy version in force at sign-up (retention/policy-versions.ts); null for accounts older than versioning. */
  policyVersionAccepted: integer("policy_version_accepted"),
  /** The latest version whose change notice was shown, once, and when. */
  policyNoticeVersion: integer("policy_notice_version"),
  policyNoticeShownAt: integer("policy_notice_shown_at"),
  /** The latest version the owner acknowledged ("I have read it"), and when. */
  policyAcknowledgedVersion: integer("policy_acknowledged_version"),
  policyAcknowledgedAt: integer("policy_acknowledged_at"),
});

/**
 * What account deletion keeps, locked away from any use but the legal procedure: the identification
 * data of a closed account (décret 2021-1362), for CLOSED_ACCOUNT_RETENTION_DAYS after closure. No
 * foreign key, and the address is not unique here: the live account is gone, so the address is free
 * for a new sign-up at once.
 */
export const closedAccounts = sqliteTable(
  "closed_accounts",
  {
    /** The closed account's id (accounts ids are AUTOINCREMENT: never given to another account). */
    accountId: integer("account_id").primaryKey(),
    email: text("email").notNull(),
    emailNormalized: text("email_normalized").notNull(),
    /** The last password hash, as the décret asks ("data to verify the password, in its last version"). */
    passwordHash: text("password_hash"),
    signedUpAt: integer("signed_up_at").notNull(),
    signupIp: text("signup_ip"),
    closedAt: integer("closed_at").notNull(),
  },
  (t) => [index("closed_accounts_email_normalized_idx").on(t.emailNormalized), index("closed_accounts_closed_at_idx").on(t.closedAt)],
);

/** API credentials (private tokens, OAuth access and refresh tokens): only a SHA-256 of the token is stored. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["private", "access", "refresh"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The OAuth client, for tokens of connected apps. */
    clientId: text("client_id"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
    /** An app's access and refresh tokens share a family; reusing a spent refresh token revokes the family. */
    familyId: text("family_id"),
    /** When a refresh token was exchanged; a second use is a theft signal. */
    usedAt: integer("used_at"),
  },
  (t) => [index("api_tokens_account_id_idx").on(t.accountId), index("api_tokens_expires_at_idx").on(t.expiresAt), index("api_tokens_family_id_idx").on(t.familyId)],
);


/** Browser sessions: only the SHA-256 of the cookie's token is stored. D1 is the authority (no KV). */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    /** Sliding deadline, pushed back at most once a day while the session is used. */
    expiresAt: integer("expires_at").notNull(),
    /** Hard deadline, whatever the use. */
    absoluteExpiresAt: integer("absolute_expires_at").notNull(),
    /** Last time the password was typed in this session (login or re-entry): sensitive actions need it recent. */
    reauthenticatedAt: integer("reauthenticated_at").notNull(),
    /** Where and with what the session started (shown on the security page). */
    userAgent: text("user_agent"),
    ip: text("ip"),
    country: text("country"),
    city: text("city"),
    asn: integer("asn"),
    /** Where it was last used, written at most every SESSION_TOUCH_INTERVAL_MS. */
    lastSeenAt: integer("last_seen_at"),
    lastIp: text("last_ip"),
    lastCountry: text("last_country"),
    lastCity: text("last_city"),
    /** SHA-256 of the one-click revoke link mailed after a new-place sign-in. */
    revokeTokenHash: text("revoke_token_hash").unique(),
  },
  (t) => [index("sessions_account_id_idx").on(t.accountId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

/** Single-use mailed tokens (verification, password reset, email change); stored hashed. */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["verify_email", "reset_password", "change_email", "unlock_account"] }).notNull(),
    /** The address being confirmed, for change_email. */
    newEmail: text("new_email"),
    /** SHA-256 of the short code typed instead of following the link (verify_email), bound to the account. */
    codeHash: text("code_hash"),
    /** Wrong codes typed so far; the code dies at VERIFY_CODE_MAX_ATTEMPTS. */
    codeAttempts: integer("code_attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("email_tokens_account_id_idx").on(t.accountId), index("email_tokens_expires_at_idx").on(t.expiresAt)],
);

/** Every login attempt, successful or not, with where it came from. The typed email is never stored. */
export const loginEvents = sqliteTable(
  "login_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id"),
    at: integer("at").notNull(),
    /** `challenge`: a right password held until the mailed code is typed. */
    result: text("result", { enum: ["success", "failure", "challenge"] }).notNull(),
    reason: text("reason").notNull(),
    ip: text("ip"),
    country: text("country"),
    city: text("city"),
    asn: integer("asn"),
    userAgent: text("user_agent"),
    /** The throttles' network of the IP (IPv4 address, IPv6 /64): "has the account used this network". */
    network: text("network"),
  },
  (t) => [index("login_events_at_idx").on(t.at), index("login_events_account_id_idx").on(t.accountId, t.at)],
);

/** Counters behind throttles (failed logins, sign-ups, resends, device-code guesses), in D1 because KV is eventually consistent. */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    /** e.g. `login:account:<id>:<network>` (one account from one network), `login:account:<id>`, `login-network:<network>`, `signup:<network>`; networks are an IPv4 address or an IPv6 /64. */
    key: text("key").primaryKey(),
    windowStartedAt: integer("window_started_at").notNull(),
    windowCount: integer("window_count").notNull(),
    /** Failures in a row, reset by a success (login only). */
    consecutive: integer("consecutive").notNull().default(0),
    lockedUntil: integer("locked_until"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("rate_limits_updated_at_idx").on(t.updatedAt)],
);

/** OAuth clients: user-bound credentials handed out by the open-source device flow. The secret is stored hashed. */
export const oauthClients = sqliteTable("oauth_clients", {
  clientId: text("client_id").primaryKey(),
  clientSecretHash: text("client_secret_hash").notNull(),
  accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Pending device authorizations (OAuth device flow): the device code is stored hashed. */
export const deviceCodes = sqliteTable(
  "device_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deviceCodeHash: text("device_code_hash").notNull().unique(),
    userCode: text("user_code").notNull().unique(),
    clientId: text("client_id").notNull(),
    newCredentials: integer("new_credentials", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    intervalSeconds: integer("interval_seconds").notNull(),
    lastPolledAt: integer("last_polled_at"),
    deviceCountry: text("device_country"),
    deviceCity: text("device_city"),
    /** The device's network operator: with its country, the place the new-place check compares. */
    deviceAsn: integer("device_asn"),
    approvedAccountId: integer("approved_account_id").references(() => accounts.id, { onDelete: "cascade" }),
    /** The user-bound client made for this code (open-source flow), once its credentials were handed out. */
    issuedClientId: text("issued_client_id"),
  },
  (t) => [index("device_codes_expires_at_idx").on(t.expiresAt)],
);

/** Mails the local mailbox shows instead of sending them; used only when ENVIRONMENT is development. */
export const devMailbox = sqliteTable(
  "dev_mailbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("dev_mailbox_created_at_idx").on(t.createdAt)],
);

/**
 * One generated download link. The original link, the file name and the generated link are
 * AES-GCM ciphertexts under a per-UTC-day key held in KV (`key_id`), which expires at the day's
 * deletion deadline: once it is gone, no restored backup can reveal them.
 */
export const downloads = sqliteTable(
  "downloads",
  {
    /** Public id, also the capability in the generated link: 160 random bits. */
    id: text("id").primaryKey(),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    /** Hoster adapter that resolves the link at download time. */
    adapterId: text("adapter_id").notNull(),
    /** Main domain of the hoster, as the API reports it and traffic counts it. */
    host: text("host").notNull(),
    keyId: text("key_id").notNull(),
    linkEncrypted: text("link_encrypted").notNull(),
    filenameEncrypted: text("filename_encrypted").notNull(),
    downloadEncrypted: text("download_encrypted").notNull(),
    filesize: integer("filesize").notNull(),
    mimeType: text("mime_type").notNull(),
    chunks: integer("chunks").notNull(),
    /** 1 when the user asked for remote traffic (not bound to the generating network). */
    remote: integer("remote").notNull().default(0),
    generatedAt: integer("generated_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    requesterIp: text("requester_ip"),
    requesterCountry: text("requester_country"),
    requesterCity: text("requester_city"),
    requesterAsn: integer("requester_asn"),
    /** The end user's IP that a server-side client sent in the `ip` form field. */
    declaredIp: text("declared_ip"),
  },
  (t) => [index("downloads_account_id_generated_at_idx").on(t.accountId, t.generatedAt), index("downloads_generated_at_idx").on(t.generatedAt)],
);

/** Daily totals per account and hoster: bytes sent and links generated. Never links or names. */
export const trafficDaily = sqliteTable(
  "traffic_daily",
  {
    /** No foreign key: rows under a legal hold must outlive their account (account deletion removes the others itself). */
    accountId: integer("account_id").notNull(),
    host: text("host").notNull(),
    /** Start of the UTC day, ms since epoch. */
    dayAt: integer("day_at").notNull(),
    bytes: integer("bytes").notNull().default(0),
    links: integer("links").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.dayAt, t.host] }), index("traffic_daily_day_at_idx").on(t.dayAt)],
);

/** API calls per token and minute, for the 250/min limit. */
export const apiRateWindows = sqliteTable(
  "api_rate_windows",
  {
    tokenId: integer("token_id").notNull(),
    /** Start of the minute, ms since epoch. */
    windowAt: integer("window_at").notNull(),
    calls: integer("calls").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowAt] }), index("api_rate_windows_window_at_idx").on(t.windowAt)],
);

/** Download connections being served right now, for the parallel-downloads limit (code 21). */
export const activeTransfers = sqliteTable(
  "active_transfers",
  {
    id: text("id").primaryKey(),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    startedAt: integer("started_at").notNull(),
  },
  (t) => [index("active_transfers_account_id_started_at_idx").on(t.accountId, t.startedAt), index("active_transfers_started_at_idx").on(t.startedAt)],
);

/** The legal request register: every request for user data received, its scope, and the four-eyes decision. */
export const legalRequests = sqliteTable(
  "legal_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    authority: text("authority").notNull(),
    legalBasis: text("legal_basis", {
      enum: ["fr_judicial_requisition", "eu_production_order", "eu_preservation_order", "mutual_legal_assistance", "own_legal_claim"],
    }).notNull(),
    reference: text("reference").notNull(),
    receivedAt: integer("received_at").notNull(),
    deadlineAt: integer("deadline_at"),
    scopeKind: text("scope_kind", { enum: ["account", "ip"] }).notNull(),
    /** Scope "account": the account named (no foreign key: the register outlives a deleted account). */
    scopeAccountId: integer("scope_account_id"),
    /** Scope "ip": the address or prefix in canonical CIDR form, and its bounds as sortable keys (request-journal/ip-key.ts). */
    scopeIpPrefix: text("scope_ip_prefix"),
    scopeIpLow: text("scope_ip_low"),
    scopeIpHigh: text("scope_ip_high"),
    /** The time window of the scope, ms since epoch, both ends included. */
    windowFrom: integer("window_from").notNull(),
    windowTo: integer("window_to").notNull(),
    /** JSON array of the data categories asked for (legal/categories.ts). */
    categories: text("categories").notNull(),
    /** SHA-256 (hex) of the document received. */
    documentSha256: text("document_sha256").notNull(),
    /** The request forbids telling the user. */
    notificationForbidden: integer("notification_forbidden", { mode: "boolean" }).notNull(),
    recordedBy: integer("recorded_by").notNull(),
    recordedAt: integer("recorded_at").notNull(),
    status: text("status", { enum: ["pending", "approved", "partly_approved", "refused"] }).notNull().default("pending"),
    decidedBy: integer("decided_by"),
    decidedAt: integer("decided_at"),
    decisionReason: text("decision_reason"),
    /** JSON array of the categories the second officer approved (all asked for, or fewer: partly). */
    approvedCategories: text("approved_categories"),
  },
  (t) => [index("legal_requests_received_at_idx").on(t.receivedAt)],
);

/** One disclosure export per approval: what left, its hashes, and whether the user was told. The bundle itself is never stored. */
export const legalExports = sqliteTable(
  "legal_exports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Unique: an approval yields one download. */
    requestId: integer("request_id").notNull().unique().references(() => legalRequests.id, { onDelete: "cascade" }),
    exportedBy: integer("exported_by").notNull(),
    exportedAt: integer("exported_at").notNull(),
    manifestSha256: text("manifest_sha256").notNull(),
    /** JSON object: file name → SHA-256. */
    fileHashes: text("file_hashes").notNull(),
    /** JSON array of the account ids whose data the bundle holds. */
    accountIds: text("account_ids").notNull(),
    accountsDisclosed: integer("accounts_disclosed").notNull(),
    userNotified: integer("user_notified", { mode: "boolean" }).notNull(),
    notificationNote: text("notification_note").notNull(),
  },
  (t) => [index("legal_exports_exported_at_idx").on(t.exportedAt)],
);

/**
 * Staff actions, append-only and hash-chained: `hash` = SHA-256(`prev_hash` ‖ canonical row content)
 * (audit/chain.ts). Triggers (migration audit_log_append_only) refuse UPDATE, and DELETE of rows
 * younger than their retention period. `seq` is the chain position: its uniqueness makes two
 * concurrent appends take turns instead of forking the chain.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey(),
    at: integer("at").notNull(),
    /** The staff member (null for the operator's command line). */
    actorAccountId: integer("actor_account_id"),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["done", "refused"] }).notNull(),
    /** What the action was about, e.g. `request:12`, `hold:3`, `account:7`, a path. */
    subject: text("subject").notNull(),
    /** Canonical JSON of the action's details, hashed as stored. */
    details: text("details").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

/** Legal holds: data in scope is exempt from the retention sweeps and from account deletion while active. */
export const legalHolds = sqliteTable(
  "legal_holds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["preservation_order", "litigation"] }).notNull(),
    scopeKind: text("scope_kind", { enum: ["account", "ip"] }).notNull(),
    accountId: integer("account_id"),
    ipPrefix: text("ip_prefix"),
    ipLow: text("ip_low"),
    ipHigh: text("ip_high"),
    windowFrom: integer("window_from"),
    windowTo: integer("window_to"),
    /** JSON array of retention category ids held. */
    categories: text("categories").notNull(),
    reference: text("reference").notNull(),
    /** The register entry that asked for it, when there is one. */
    requestId: integer("request_id").references(() => legalRequests.id, { onDelete: "set null" }),
    placedBy: integer("placed_by").notNull(),
    placedAt: integer("placed_at").notNull(),
    reviewAt: integer("review_at").notNull(),
    /** Preservation orders end by themselves; litigation holds last until released. */
    expiresAt: integer("expires_at"),
    extendedAt: integer("extended_at"),
    releasedAt: integer("released_at"),
    releasedBy: integer("released_by"),
  },
  (t) => [index("legal_holds_account_id_idx").on(t.accountId), index("legal_holds_placed_at_idx").on(t.placedAt)],
);

/**
 * The payments ledger: one row per Stripe payment (a Checkout Session and its PaymentIntent), with
 * what accounting law requires and nothing more — provider references, amounts, currency, plan,
 * status, dates, the buyer's country evidence (never an IP, a name, an address or card data).
 * No foreign key to accounts: accounting records outlive a closed account (retention/policy.ts).
 * A refund or dispute can arrive before the payment's completion: the row is then created by it
 * (keyed by the PaymentIntent) and completed later.
 */
export const payments = sqliteTable(
  "payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The Checkout Session (`cs_…`): the grant is keyed by it. Null until the session's own event arrives. */
    checkoutSessionId: text("checkout_session_id").unique(),
    /** The PaymentIntent (`pi_…`): how refunds and disputes name the payment. */
    paymentIntentId: text("payment_intent_id").unique(),
    accountId: integer("account_id"),
    /** The plan bought (its days), from the session's metadata; null when unknown. */
    planDays: integer("plan_days"),
    /** Amount charged, in minor units of `currency`. */
    amountMinor: integer("amount_minor"),
    currency: text("currency"),
    /** Amount refunded so far, in minor units. */
    amountRefundedMinor: integer("amount_refunded_minor").notNull().default(0),
    status: text("status", { enum: ["pending", "paid", "failed", "refunded", "dispute_lost"] }).notNull(),
    /** The dispute's last status as Stripe says it (needs_response, under_review, won, lost…), if any. */
    disputeStatus: text("dispute_status"),
    /** Country evidence for VAT: the buyer's IP country at checkout (from request.cf) and the billing country Stripe collected. */
    ipCountry: text("ip_country"),
    billingCountry: text("billing_country"),
    /** The premium period this payment granted, [from, until) in ms; shifted earlier when an earlier grant is taken back. */
    premiumFrom: integer("premium_from"),
    premiumUntil: integer("premium_until"),
    pointsGranted: integer("points_granted").notNull().default(0),
    /** Premium time taken back by a refund or lost dispute, in ms. */
    revokedMs: integer("revoked_ms").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    paidAt: integer("paid_at"),
    reversedAt: integer("reversed_at"),
    updatedAt: integer("updated_at").notNull(),
    /** Bumped on every change: writes are conditional on the version read, so concurrent events never both apply. */
    version: integer("version").notNull().default(0),
    /** The event that made the last change; the account's update in the same batch is conditional on it. */
    lastEventId: text("last_event_id"),
    /** End of the legal retention: 10 years after the end of the financial year of the row's last change. */
    keepUntil: integer("keep_until").notNull(),
  },
  (t) => [index("payments_account_id_idx").on(t.accountId), index("payments_keep_until_idx").on(t.keepUntil)],
);

/** Provider events already applied (Stripe's `evt_…` ids), written in the same batch as their effect. */
export const paymentEvents = sqliteTable(
  "payment_events",
  {
    eventId: text("event_id").primaryKey(),
    type: text("type").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [index("payment_events_received_at_idx").on(t.receivedAt)],
);

/**
 * Outcomes of hoster checks and downloads per hoster and minute: how many succeeded and how many
 * the hoster failed. Counters only: no account, no link, no file name.
 */
export const hosterOutcomes = sqliteTable(
  "hoster_outcomes",
  {
    /** Adapter id (`mega`, `1fichier`, `direct`…). */
    hosterId: text("hoster_id").notNull(),
    /** Start of the minute, ms since epoch. */
    minuteAt: integer("minute_at").notNull(),
    checksOk: integer("checks_ok").notNull().default(0),
    checksFailed: integer("checks_failed").notNull().default(0),
    downloadsOk: integer("downloads_ok").notNull().default(0),
    downloadsFailed: integer("downloads_failed").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hosterId, t.minuteAt] }), index("hoster_outcomes_minute_at_idx").on(t.minuteAt)],
);

/**
 * Places an account signs in from: a country and a network operator (ASN). A sign-in from a place
 * not listed is held until the mailed code is typed. `place_key` makes "unknown" a value too.
 */
export const knownPlaces = sqliteTable(
  "known_places",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    /** `<country or ->:<asn or ->`, unique per account. */
    placeKey: text("place_key").notNull(),
    country: text("country"),
    asn: integer("asn"),
    asOrganization: text("as_organization"),
    /** The last city seen there, for display. */
    city: text("city"),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [uniqueIndex("known_places_account_id_place_key_idx").on(t.accountId, t.placeKey), index("known_places_last_seen_at_idx").on(t.lastSeenAt)],
);

/**
 * Sign-ins (and device approvals) held until the code mailed to the owner is typed. The page holds
 * the challenge token in a form field; only SHA-256 of it and an HMAC of the code are stored.
 */
export const loginChallenges = sqliteTable(
  "login_challenges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["login", "device", "account_deletion"] }).notNull(),
    /** Why it was held: a new place, or an unused network while the account is under attack. */
    reason: text("reason", { enum: ["new_place", "unusual_activity"] }).notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    ip: text("ip"),
    country: text("country"),
    city: text("city"),
    asn: integer("asn"),
    asOrganization: text("as_organization"),
    userAgent: text("user_agent"),
    /** Login: where to go afterwards. Device: the user code being approved. */
    next: text("next"),
    deviceUserCode: text("device_user_code"),
    /** Device: the approving session. */
    sessionId: integer("session_id"),
  },
  (t) => [index("login_challenges_account_id_idx").on(t.accountId), index("login_challenges_expires_at_idx").on(t.expiresAt)],
);

/**
 * What the account-protection rules did and why: new-place sign-ins, sessions revoked from a mail,
 * downloads refused by the sharing rule, locks and unlocks, credentials revoked. Shown to the owner.
 */
export const securityEvents = sqliteTable(
  "security_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    kind: text("kind").notNull(),
    /** What it caused (refused, locked, mailed, revoked…), as the page shows it. */
    action: text("action").notNull(),
    ip: text("ip"),
    country: text("country"),
    city: text("city"),
    asn: integer("asn"),
    /** The network prefix involved (sharing rule), or null. */
    network: text("network"),
    /** Small JSON of numbers and ids (never links, names or secrets). */
    detail: text("detail"),
    /** The event that caused this one (a lock points to the sharing event that tripped it). */
    causedBy: integer("caused_by"),
  },
  (t) => [index("security_events_account_id_at_idx").on(t.accountId, t.at), index("security_events_at_idx").on(t.at)],
);

/** Networks an account declared trusted (home, family): together they count as one for the sharing rule. */
export const trustedNetworks = sqliteTable(
  "trusted_networks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    /** CIDR text of the prefix (LINK_BINDING_PREFIX_BITS), e.g. `198.51.100.0/24`. */
    network: text("network").notNull(),
    label: text("label").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("trusted_networks_account_id_network_idx").on(t.accountId, t.network)],
);

/** Networks an account downloaded from recently (sharing rule): one row per account and network prefix. */
export const downloadNetworks = sqliteTable(
  "download_networks",
  {
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    network: text("network").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.network] }), index("download_networks_last_seen_at_idx").on(t.lastSeenAt)],
);

/** Remote traffic (`remote=1` links) per account and UTC day, under its own smaller daily allowance. */
export const remoteTrafficDaily = sqliteTable(
  "remote_traffic_daily",
  {
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    /** Start of the UTC day, ms since epoch. */
    dayAt: integer("day_at").notNull(),
    bytes: integer("bytes").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.dayAt] }), index("remote_traffic_daily_day_at_idx").on(t.dayAt)],
);

/** Real-Debrid's settings of an account (the locale lives in accounts). Absent row: the defaults. */
export const accountSettings = sqliteTable("account_settings", {
  accountId: integer("account_id").primaryKey().references(() => accounts.id, { onDelete: "cascade" }),
  downloadPort: text("download_port"),
  /** A pinned download node id, or null for the nearest. */
  downloadNode: text("download_node"),
  streamingLanguagePreference: text("streaming_language_preference"),
  streamingQuality: text("streaming_quality"),
  mobileStreamingQuality: text("mobile_streaming_quality"),
  streamingCastAudioPreference: text("streaming_cast_audio_preference"),
  updatedAt: integer("updated_at").notNull(),
});

/** An account's avatar: the picture is in KV (key `kv_key`, expiring with the row); this row says what and when. */
export const avatars = sqliteTable(
  "avatars",
  {
    accountId: integer("account_id").primaryKey().references(() => accounts.id, { onDelete: "cascade" }),
    /** Random part of the public URL and of the KV key, new at each upload. */
    publicId: text("public_id").notNull().unique(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    uploadedAt: integer("uploaded_at").notNull(),
  },
  (t) => [index("avatars_uploaded_at_idx").on(t.uploadedAt)],
);
