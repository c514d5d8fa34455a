/** Tables of the main database (binding DB): accounts, sessions, downloads, operations. */
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
});

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
  },
  (t) => [index("api_tokens_account_id_idx").on(t.accountId), index("api_tokens_expires_at_idx").on(t.expiresAt)],
);
