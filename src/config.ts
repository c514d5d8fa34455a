/**
 * Policy constants: every limit, lifetime and plan of Relais. Retention periods live in
 * retention/policy.ts. Pages, mails and API answers that state a number build it from here.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "./lib/time";

const KIB = 1024;
const GIB = 1024 ** 3;

// Sessions and re-authentication.
export const SESSION_COOKIE_NAME = "__Host-session";
/** The "stay logged in" of the policy: 30 days after last use. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * DAY_MS;
/** Sliding expiry is pushed back at most this often (one D1 write a day per session). */
export const SESSION_EXTEND_INTERVAL_MS = DAY_MS;
export const SESSION_ABSOLUTE_LIFETIME_MS = 365 * DAY_MS;
/** Sensitive actions (new API token, device approval, staff actions) need the password typed within this time. */
export const REAUTHENTICATION_WINDOW_MS = 10 * MINUTE_MS;

// Passwords and addresses.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const EMAIL_MAX_LENGTH = 254;

// Mailed links and codes.
export const VERIFY_EMAIL_TOKEN_LIFETIME_MS = 24 * HOUR_MS;
/** The short code mailed with the verification link: 8 letters of a 20-letter alphabet (~34.6 bits), 5 tries, then it dies. */
export const VERIFY_CODE_LENGTH = 8;
export const VERIFY_CODE_MAX_ATTEMPTS = 5;
export const RESET_PASSWORD_TOKEN_LIFETIME_MS = HOUR_MS;
export const CHANGE_EMAIL_TOKEN_LIFETIME_MS = 24 * HOUR_MS;

// Throttles (D1 counters; networks are an IPv4 address or an IPv6 /64).
/** Wrong passwords in a row from one network on one account before a lock; the 11th attempt gets 429. */
export const LOGIN_CONSECUTIVE_FAILURES_BEFORE_LOCK = 10;
export const LOGIN_FIRST_LOCK_MS = MINUTE_MS;
export const LOGIN_MAX_LOCK_MS = HOUR_MS;
/** Failures per account (all networks) and per network (all accounts) per hour. */
export const LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR = 100;
export const LOGIN_FAILURES_PER_NETWORK_PER_HOUR = 100;
export const SIGNUPS_PER_NETWORK_PER_HOUR = 10;
export const VERIFICATION_RESENDS_PER_HOUR = 3;
export const PASSWORD_RESETS_PER_NETWORK_PER_HOUR = 10;
/** Email-change mails per account, and reset mails per address (known or not), per hour. */
export const EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR = 5;
export const PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 3;
/** Wrong device codes typed per session and per network in DEVICE_CODE_GUESS_WINDOW_MS. */
export const DEVICE_CODE_GUESSES_PER_WINDOW = 5;
export const DEVICE_CODE_GUESS_WINDOW_MS = 10 * MINUTE_MS;
/** Device authorizations started per network per hour (public endpoint, one D1 row each). */
export const DEVICE_CODES_PER_NETWORK_PER_HOUR = 30;
/** Real-Debrid's API limit, per token; refused calls count too (as upstream). */
export const API_CALLS_PER_MINUTE = 250;
/** The public `unrestrict/check` fetches for anyone: per network. */
export const LINK_CHECKS_PER_MINUTE = 60;

// OAuth device flow (debrid-api.md §2).
export const OPEN_SOURCE_CLIENT_ID = "X245A4XAIBGVM";
/** 8 letters people type: 20^8 ≈ 2.6·10^10 codes, guessed at most 5 per 10 minutes. */
export const DEVICE_USER_CODE_LENGTH = 8;
export const DEVICE_CODE_LIFETIME_MS = 10 * MINUTE_MS;
export const DEVICE_POLL_INTERVAL_SECONDS = 5;
/** Added to the interval each time a device polls too fast (RFC 8628 §3.5). */
export const DEVICE_POLL_SLOW_DOWN_SECONDS = 5;
export const ACCESS_TOKEN_LIFETIME_MS = HOUR_MS;
export const REFRESH_TOKEN_LIFETIME_MS = 365 * DAY_MS;

// Plans: what free and premium accounts may use per UTC day. Per-hoster premium limits live with each adapter.
export type Plan = "free" | "premium";
export const FREE_LINKS_PER_DAY = 20;
export const FREE_BYTES_PER_DAY = 2 * GIB;
/** Premium fair usage: total bytes per day across all hosters. */
export const PREMIUM_FAIR_USAGE_BYTES_PER_DAY = 1024 * GIB;
/** Download connections at once (a multi-connection downloader opens `chunks` of them per file). */
export const MAX_ACTIVE_TRANSFERS: Record<Plan, number> = { free: 4, premium: 32 };
/** A connection row older than this is a leftover of a crash and no longer counts. */
export const ACTIVE_TRANSFER_STALE_MS = 6 * HOUR_MS;
/** A connection usually ends within seconds to minutes: worth retrying after this. */
export const ACTIVE_TRANSFER_RETRY_AFTER_SECONDS = 30;
/** How long a generated link works. The record itself lives until its day's deletion deadline. */
export const GENERATED_LINK_TTL_MS = 7 * DAY_MS;

// Requests and pages.
/** Bodies above this are refused with 413, with or without Content-Length. */
export const MAX_BODY_BYTES = 64 * KIB;
/**
 * Links per submit of the downloader page: each costs about one D1 batch and three subrequests
 * (DNS A and AAAA, the origin); ten stay within the Free plan's 50 per invocation.
 */
export const MAX_LINKS_PER_SUBMIT = 10;
export const HISTORY_PAGE_SIZE = 50;
/** `/rest/1.0/downloads`: `limit` from 0 to this, 100 by default (clients send 50 or 100). */
export const DOWNLOADS_LIST_MAX_LIMIT = 5000;
export const DOWNLOADS_LIST_DEFAULT_LIMIT = 100;
/** `/rest/1.0/traffic/details`: at most 31 days, both ends included; a week back by default. */
export const TRAFFIC_DETAILS_MAX_SPAN_DAYS = 31;
export const TRAFFIC_DETAILS_DEFAULT_SPAN_DAYS = 7;

// Fetching user links.
export const MAX_LINK_LENGTH = 2048;
export const MAX_FILENAME_LENGTH = 255;
export const MAX_REDIRECTS = 5;
/** Time for an origin to answer with headers; the body of a download may take as long as it needs. */
export const ORIGIN_HEADERS_TIMEOUT_MS = 15 * SECOND_MS;
/** Time for a link check (a one-byte range, a hoster API call). */
export const LINK_CHECK_TIMEOUT_MS = 10 * SECOND_MS;
export const DNS_TIMEOUT_MS = 3 * SECOND_MS;

// Hosters.
/** Bytes of a hoster API reply read at most (folder listings are the largest): a bigger one is a failure. */
export const MAX_HOSTER_API_REPLY_BYTES = 2 * 1024 * KIB;
/** Links `unrestrict/folder` answers at most for one folder (one listing call, or a few pages of one). */
export const MAX_FOLDER_LINKS = 500;
/** Resolved download URLs of hosters kept in an isolate's memory for reuse by the next range requests. */
export const RESOLVED_URL_CACHE_ENTRIES = 256;
/** Window of recent check and download outcomes that a hoster's state is read from. */
export const HOSTER_HEALTH_WINDOW_MS = HOUR_MS;
/** Outcomes in the window below which a hoster's share of successes says nothing yet. */
export const HOSTER_HEALTH_MIN_OUTCOMES = 10;
/** Share of successful outcomes below which a hoster is reported down, and below which it is degraded. */
export const HOSTER_DOWN_BELOW_SUCCESS_SHARE = 0.5;
export const HOSTER_DEGRADED_BELOW_SUCCESS_SHARE = 0.9;
