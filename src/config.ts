/**
 * Policy constants: every limit, lifetime and plan of Relais. Retention periods live in
 * retention/policy.ts. Pages, mails and API answers that state a number build it from here.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "./lib/time";

const KIB = 1024;
const MIB = 1024 ** 2;
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

// Throttles (D1 counters; networks are an IPv4 address or an IPv6 /64). The model is in the README
// ("Sign-in protection"): networks are refused, accounts are only slowed and stepped up to the mailed code.
/** Wrong passwords in a row from one network on one account before a lock; the 11th attempt gets 429. */
export const LOGIN_CONSECUTIVE_FAILURES_BEFORE_LOCK = 10;
export const LOGIN_FIRST_LOCK_MS = MINUTE_MS;
export const LOGIN_MAX_LOCK_MS = HOUR_MS;
/** Failures per network (all accounts) per hour; past it, that network gets 429. */
export const LOGIN_FAILURES_PER_NETWORK_PER_HOUR = 100;
/**
 * Failures on one account (all networks) within an hour from which the account is under attack: a
 * right password from a network the account has not used then leads to the mailed code, never
 * straight in, and every answer to such networks is slowed. The account itself is never refused.
 */
export const LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP = 10;
/** The slowing: this much more wait per LOGIN_ACCOUNT_FAILURES_BEFORE_STEP_UP further failures, up to the maximum. */
export const LOGIN_ACCOUNT_DELAY_STEP_MS = 250;
export const LOGIN_ACCOUNT_MAX_DELAY_MS = 2 * SECOND_MS;
/** A network the account has used: that of a live session, or of a successful sign-in within this time. */
export const LOGIN_KNOWN_NETWORK_MS = 30 * DAY_MS;
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

// New-place sign-in check: a place is a country and a network operator (ASN).
/** The code mailed when a sign-in comes from a new place (or from an unused network of an account under attack). */
export const LOGIN_CODE_LENGTH = 6;
export const LOGIN_CODE_LIFETIME_MS = 15 * MINUTE_MS;
/** Wrong codes before a code dies; the person then asks for a new one. */
export const LOGIN_CODE_MAX_ATTEMPTS = 5;
/** Codes mailed per account per day: only a right password gets one, so only a password thief can spend them. */
export const LOGIN_CODES_PER_ACCOUNT_PER_DAY = 10;
/** How often a session's "last seen" (time, IP, place) is written while it is used; sooner when its IP changed. */
export const SESSION_TOUCH_INTERVAL_MS = 15 * MINUTE_MS;
export const SESSION_TOUCH_ON_MOVE_MS = MINUTE_MS;
/** Lines of login history per page of the security page. */
export const LOGIN_HISTORY_PAGE_SIZE = 50;
/** The mailed link that unlocks an account locked by the sharing rule. */
export const UNLOCK_TOKEN_LIFETIME_MS = 7 * DAY_MS;
/** Unlock links mailed per account per hour (the security page can ask for one). */
export const UNLOCK_MAILS_PER_ACCOUNT_PER_HOUR = 3;

// Download links bound to a network, and the account-sharing rule.
/** A link downloads only from the network that generated it: this prefix of its IP (configurable here). */
export const LINK_BINDING_PREFIX_BITS = { ipv4: 24, ipv6: 48 } as const;
/** Downloads from more than this many distinct networks within SHARING_WINDOW_MS are refused (trusted networks count as one). */
export const SHARING_MAX_NETWORKS = 2;
export const SHARING_WINDOW_MS = 15 * MINUTE_MS;
/** Sharing events within SHARING_LOCK_WINDOW_MS that lock the account until its owner unlocks it (error 14). */
export const SHARING_EVENTS_BEFORE_LOCK = 3;
export const SHARING_LOCK_WINDOW_MS = DAY_MS;
/** Networks an account may declare trusted (home, family). */
export const TRUSTED_NETWORKS_MAX = 10;

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
/**
 * Remote traffic (`remote=1`): links that download from any network, counted in this separate,
 * smaller daily allowance as well as in the plan's traffic.
 */
export const REMOTE_BYTES_PER_DAY: Record<Plan, number> = { free: 512 * MIB, premium: 100 * GIB };
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
/** Payments listed on the account page, newest first. */
export const ACCOUNT_PAYMENTS_SHOWN = 20;
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

// Legal disclosure (staff pages; security-and-privacy.md §7).
/** A legal request's time window, and a hold's, spans at most this. */
export const LEGAL_SCOPE_MAX_WINDOW_MS = 365 * DAY_MS;
/** The widest IP prefix a scope may name: a /24 of IPv4 (a CGNAT pool's block), a /48 of IPv6 (one site). */
export const LEGAL_SCOPE_MIN_PREFIX_LENGTH = { 4: 24, 6: 48 } as const;
/** Text fields of the register (authority, reference, reasons): cut at this many characters. */
export const LEGAL_TEXT_MAX_LENGTH = 500;
/** An EU preservation order lasts 60 days and may be extended once by 30 (Regulation 2023/1543, art. 11). */
export const PRESERVATION_ORDER_LIFETIME_MS = 60 * DAY_MS;
export const PRESERVATION_ORDER_EXTENSION_MS = 30 * DAY_MS;
/** Rows of one data set in a disclosure bundle: past this the officer narrows the window (the bundle is built in memory). */
export const LEGAL_EXPORT_MAX_ROWS = 20_000;
/** Rows per D1 read while building a bundle or walking the audit chain. */
export const LEGAL_READ_PAGE_ROWS = 1000;
/** Attempts to append an audit row when another append took the same position meanwhile. */
export const AUDIT_APPEND_ATTEMPTS = 8;
// Premium plans, bought through Stripe Checkout (src/payments/). Prices in minor units (cents).
export const PREMIUM_CURRENCY = "eur";
export type PremiumPlan = { days: number; priceMinor: number; points: number };
/**
 * The plans on sale, keyed by their length in days (the `metadata.plan` of a Checkout Session).
 * Prices modelled on what debrid services charge for these lengths. Each earns
 * fidelity points: 10 per 3 days bought, so that ten 30-day plans earn one conversion block.
 */
export const PREMIUM_PLANS = {
  "15": { days: 15, priceMinor: 300, points: 50 },
  "30": { days: 30, priceMinor: 400, points: 100 },
  "90": { days: 90, priceMinor: 900, points: 300 },
  "180": { days: 180, priceMinor: 1600, points: 600 },
} as const satisfies Record<string, PremiumPlan>;
export type PremiumPlanId = keyof typeof PREMIUM_PLANS;
/**
 * Fidelity points → premium time (`/rest/1.0/settings/convertPoints`), modelled on Real-Debrid: its
 * call takes no amount and converts the balance in whole blocks (the rest stays), answering 503
 * when the balance is below one block. Real-Debrid publishes no rate in its API documentation;
 * ours is 1,000 points for 30 days, so ten 30-day plans bought earn an eleventh month.
 */
export const POINTS_PER_CONVERSION_BLOCK = 1000;
export const PREMIUM_DAYS_PER_CONVERSION_BLOCK = 30;
/** A Checkout Session stays payable this long (Stripe allows 30 minutes to 24 hours): prices shown stay current. */
export const CHECKOUT_SESSION_LIFETIME_MS = HOUR_MS;
/** Signed webhook timestamps older (or further ahead) than this are refused (Stripe's default tolerance). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
/** Webhook bodies above this are refused with 413: Stripe's events are a few KB, a Checkout Session under 64 KB. */
export const WEBHOOK_MAX_BODY_BYTES = 256 * KIB;
/** Where Stripe's hosted Checkout lives (overridden by STRIPE_API_BASE for a local stand-in): forms may lead there. */
export const STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com";
/** The fixed webhook secret of `npm run dev` (ENVIRONMENT=development without STRIPE_WEBHOOK_SECRET) and `npm run payments:simulate`. */
export const DEVELOPMENT_WEBHOOK_SECRET = "whsec_relais_development";

// Link containers (`unrestrict/containerFile`, `unrestrict/containerLink`).
/**
 * A container file, uploaded or fetched. Its own cap, above the 64 KiB of forms: a CCF of
 * CONTAINER_MAX_LINKS links of ordinary length with their file names (about 300 bytes each in its
 * XML) is under it.
 */
export const CONTAINER_MAX_BYTES = 512 * KIB;
/** Links one container may hold: clients unrestrict them one by one, so more would only be a long wait. */
export const CONTAINER_MAX_LINKS = 1000;
/**
 * The bytes of all an RSDF file's links together. RSDF's 8-bit CFB mode, which WebCrypto lacks,
 * runs the block cipher once per byte in JavaScript: this bounds that work (about 400 links of 80
 * characters; `npm run bench -- media` times it) to a few milliseconds, where the file cap alone
 * would allow six times as much. RSDF is a format of the 2000s: files hold tens of links.
 */
export const RSDF_MAX_LINK_BYTES = 32 * KIB;
/** Time to fetch a container by link, headers and body together. */
export const CONTAINER_FETCH_TIMEOUT_MS = 10 * SECOND_MS;

// Media information (`streaming/mediaInfos`): what one call may read of a file's origin.
/** Bytes read from the origin per call, all range requests together. */
export const MEDIA_INFO_MAX_BYTES = 4 * MIB;
/**
 * Range requests to the origin per call. Each costs up to three subrequests (two DNS queries and
 * the fetch; twice that through a hoster API), well within the Free plan's 50 per invocation.
 */
export const MEDIA_INFO_MAX_REQUESTS = 6;
/** The first read at the file's start: Matroska's track list, a short MP4 header, or the first tracks of a long one. */
export const MEDIA_INFO_FIRST_READ_BYTES = 256 * KIB;
/** Each later read (the next track of a large MP4 header, an MP4 header at the file's end). */
export const MEDIA_INFO_READ_BYTES = 128 * KIB;
/** Boxes (MP4) or elements (Matroska) visited per call, and their nesting depth: bounded CPU whatever the file says. */
export const MEDIA_INFO_MAX_ELEMENTS = 20_000;
export const MEDIA_INFO_MAX_DEPTH = 12;
/** Tracks reported per file. */
export const MEDIA_INFO_MAX_TRACKS = 64;

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

// Settings and avatars (Real-Debrid's /settings).
/** An avatar picture: PNG, JPEG, GIF or WebP, recognised by its bytes, at most this size and these dimensions. */
export const AVATAR_MAX_BYTES = 256 * KIB;
/** The settings page's upload form: the picture plus the multipart envelope around it. */
export const AVATAR_FORM_MAX_BYTES = AVATAR_MAX_BYTES + 16 * KIB;
export const AVATAR_MAX_DIMENSION_PX = 2048;

// Users' rights over their data (my-data/).
/**
 * Rows one query of a data export reads: a page of the request journal is about 2 MB of JSON, and
 * each page is one of D1's queries per invocation (50 on Free, 1,000 on Paid; README).
 */
export const DATA_EXPORT_PAGE_ROWS = 5000;
/** Data exports (the file and GET /api/me/data) per account and hour: each reads everything the account holds. */
export const DATA_EXPORTS_PER_ACCOUNT_PER_HOUR = 10;
/** Items of each category the my-data page shows (the export has them all). */
export const MY_DATA_ITEMS_SHOWN = 20;
