/** Tables of the JOURNAL database: the request journal, kept apart from identity data. */
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const requestJournal = sqliteTable(
  "request_journal",
  {
    requestId: text("request_id").primaryKey(),
    /** Start of the request, ms since epoch. */
    at: integer("at").notNull(),
    ip: text("ip"),
    country: text("country"),
    region: text("region"),
    regionCode: text("region_code"),
    city: text("city"),
    postalCode: text("postal_code"),
    continent: text("continent"),
    latitude: real("latitude"),
    longitude: real("longitude"),
    timezone: text("timezone"),
    asn: integer("asn"),
    asOrganization: text("as_organization"),
    colo: text("colo"),
    isEu: integer("is_eu", { mode: "boolean" }),
    method: text("method").notNull(),
    host: text("host").notNull(),
    /** The path, or the route template with ids only where the path would name a file. */
    path: text("path").notNull(),
    /** The query string with secrets redacted. */
    query: text("query"),
    status: integer("status").notNull(),
    durationMs: integer("duration_ms").notNull(),
    responseBytes: integer("response_bytes").notNull(),
    userAgent: text("user_agent"),
    accountId: integer("account_id"),
    /** The IP as a fixed-width sortable key (request-journal/ip-key.ts), so that an address or prefix is an index range. */
    ipKey: text("ip_key"),
  },
  (t) => [
    index("request_journal_at_idx").on(t.at),
    // "Which account used this IP then" (legal scope, holds) and an account's rows in a window (export).
    index("request_journal_ip_key_at_idx").on(t.ipKey, t.at),
    index("request_journal_account_id_at_idx").on(t.accountId, t.at),
  ],
);

export type JournalRecord = typeof requestJournal.$inferInsert;
