/** Tables of the main database (binding DB): accounts, sessions, downloads, operations. */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
