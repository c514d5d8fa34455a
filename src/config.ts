/** Policy constants for accounts and sessions: lifetimes, limits. Retention periods live in retention/policy.ts. */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./lib/time";

export const SESSION_COOKIE_NAME = "__Host-session";
/** The "stay logged in" of the policy: 30 days after last use. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * DAY_MS;
/** Sliding expiry is pushed back at most this often (one D1 write a day per session). */
export const SESSION_EXTEND_INTERVAL_MS = DAY_MS;
export const SESSION_ABSOLUTE_LIFETIME_MS = 365 * DAY_MS;
/** A new API token or a device approval needs the password typed within this time. */
export const REAUTHENTICATION_WINDOW_MS = 10 * MINUTE_MS;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const EMAIL_MAX_LENGTH = 254;

export const VERIFY_EMAIL_TOKEN_LIFETIME_MS = 24 * HOUR_MS;
/** The short code mailed with the verification link: 8 characters of 28 (~38 bits), 5 tries, then it dies. */
export const VERIFY_CODE_LENGTH = 8;
export const VERIFY_CODE_MAX_ATTEMPTS = 5;
export const RESET_PASSWORD_TOKEN_LIFETIME_MS = HOUR_MS;
export const CHANGE_EMAIL_TOKEN_LIFETIME_MS = 24 * HOUR_MS;

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
export const DEVICE_CODE_GUESSES_PER_10_MINUTES = 5;
/** Device authorizations started per network per hour (public endpoint, one D1 row each). */
export const DEVICE_CODES_PER_NETWORK_PER_HOUR = 30;
/** Email-change mails per account, and reset mails per address (known or not), per hour. */
export const EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR = 5;
export const PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 3;

/** OAuth device flow (debrid-api.md §2). */
export const OPEN_SOURCE_CLIENT_ID = "X245A4XAIBGVM";
export const DEVICE_CODE_LIFETIME_MS = 10 * MINUTE_MS;
export const DEVICE_POLL_INTERVAL_SECONDS = 5;
export const ACCESS_TOKEN_LIFETIME_MS = HOUR_MS;
export const REFRESH_TOKEN_LIFETIME_MS = 365 * DAY_MS;
