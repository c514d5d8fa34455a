/**
 * Writes journal records to the JOURNAL database, after the response.
 * Guarantee: a record is retried with backoff; if D1 still refuses it, it is parked in KV and the
 * hourly cron writes it later. It is lost only if D1 and KV both fail. Writes are idempotent
 * (keyed by request id), so a retry never makes a second record.
 */
import { sql } from "drizzle-orm";
import { journalDb } from "../db/client";
import { requestJournal, type JournalRecord } from "../db/journal-schema";
import { journalSpillKey, JOURNAL_SPILL_PREFIX } from "../lib/kv-keys";
import { DAY_MS } from "../lib/time";

const WRITE_ATTEMPTS = 3;
const RETRY_BASE_DELAY_MS = 50;
/** How long a parked record may wait in KV for a retry (well inside its one-year period). */
const SPILL_TTL_SECONDS = (7 * DAY_MS) / 1000;

/** Inserts records, ignoring ones already written (idempotent retries). */
export async function insertJournalRecords(journal: D1Database, records: JournalRecord[]): Promise<void> {
  if (records.length === 0) return;
  const db = journalDb(journal);
  // 25 columns per row and 100 bound parameters per statement: 3 rows per statement, one batch.
  const statements = [];
  for (let i = 0; i < records.length; i += 3) {
    statements.push(db.insert(requestJournal).values(records.slice(i, i + 3)).onConflictDoNothing());
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Writes one record, retrying; parks it in KV when the journal stays unavailable. */
export async function writeJournalRecord(
  env: { JOURNAL: D1Database; KV: KVNamespace },
  record: JournalRecord,
  sleep: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<"written" | "parked"> {
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    try {
      await insertJournalRecords(env.JOURNAL, [record]);
      return "written";
    } catch (error) {
      if (attempt < WRITE_ATTEMPTS) await sleep(RETRY_BASE_DELAY_MS * 4 ** (attempt - 1));
      else console.error(JSON.stringify({ event: "journal_write_failed", requestId: record.requestId, error: String(error) }));
    }
  }
  await env.KV.put(journalSpillKey(record.requestId), JSON.stringify(record), { expirationTtl: SPILL_TTL_SECONDS });
  return "parked";
}

/** Moves parked records into the journal; returns how many were written. Run by the cron. */
export async function drainParkedJournalRecords(env: { JOURNAL: D1Database; KV: KVNamespace }, maxRecords = 500): Promise<number> {
  const listed = await env.KV.list({ prefix: JOURNAL_SPILL_PREFIX, limit: Math.min(maxRecords, 1000) });
  if (listed.keys.length === 0) return 0;
  const values = await Promise.all(listed.keys.map((k) => env.KV.get<JournalRecord>(k.name, "json")));
  const records = values.filter((v): v is JournalRecord => v !== null);
  await insertJournalRecords(env.JOURNAL, records);
  await Promise.all(listed.keys.map((k) => env.KV.delete(k.name)));
  return records.length;
}

/** Number of journal records (operators and tests). */
export async function countJournalRecords(journal: D1Database): Promise<number> {
  const [row] = await journalDb(journal).select({ n: sql<number>`count(*)` }).from(requestJournal);
  return row?.n ?? 0;
}
