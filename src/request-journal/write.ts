/**
 * Writes journal records to the JOURNAL database, after the response, in small batches.
 *
 * Guarantees: the request that opens a batch keeps its isolate alive (waitUntil) until the batch
 * is written, at most JOURNAL_BATCH_DELAY_MS after its response. A failed batch is retried with
 * backoff; if D1 still refuses it, its records are parked in KV and the hourly cron writes them
 * later. A record is lost only if D1 and KV both fail. Writes are idempotent (keyed by request
 * id), so a retry never makes a second record.
 */
import { requestJournal, type JournalRecord } from "../db/journal-schema";
import { getTableColumns } from "drizzle-orm";
import { journalSpillKey, JOURNAL_SPILL_PREFIX } from "../lib/kv-keys";
import { DAY_MS } from "../lib/time";
import { ipKey } from "./ip-key";

export const JOURNAL_BATCH_SIZE = 25;
export const JOURNAL_BATCH_DELAY_MS = 20;
const WRITE_ATTEMPTS = 3;
const RETRY_BASE_DELAY_MS = 50;
/** Rows per INSERT: one JSON parameter of a few hundred KB, far below D1's 2 MB per value. */
const ROWS_PER_STATEMENT = 500;
/** How long a parked record may wait in KV for a retry (well inside its one-year period). */
const SPILL_TTL_SECONDS = (7 * DAY_MS) / 1000;

type JournalEnv = { JOURNAL: D1Database; KV: KVNamespace };
type Sleep = (ms: number) => Promise<unknown>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const COLUMNS = Object.entries(getTableColumns(requestJournal)).map(([key, column]) => ({ key, name: column.name }));
// All rows travel in one JSON parameter: D1 allows 100 bound parameters, and rows have 25 columns.
const INSERT_FROM_JSON = `INSERT OR IGNORE INTO request_journal (${COLUMNS.map((c) => c.name).join(", ")}) SELECT ${COLUMNS.map(
  (c) => `value ->> '$.${c.key}'`,
).join(", ")} FROM json_each(?1)`;

/** Inserts records, ignoring ones already written. Booleans are stored as 0/1; the IP's sortable key is derived here. */
export async function insertJournalRecords(journal: D1Database, records: JournalRecord[]): Promise<void> {
  const statements = [];
  for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
    const rows = records.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({ ...r, isEu: r.isEu === undefined || r.isEu === null ? null : Number(r.isEu), ipKey: ipKey(r.ip) }));
    statements.push(journal.prepare(INSERT_FROM_JSON).bind(JSON.stringify(rows)));
  }
  if (statements.length > 0) await journal.batch(statements);
}

/** Writes records, retrying; parks them in KV when the journal stays unavailable. */
export async function writeJournalRecords(env: JournalEnv, records: JournalRecord[], sleep: Sleep = realSleep): Promise<"written" | "parked"> {
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    try {
      await insertJournalRecords(env.JOURNAL, records);
      return "written";
    } catch (error) {
      if (attempt < WRITE_ATTEMPTS) await sleep(RETRY_BASE_DELAY_MS * 4 ** (attempt - 1));
      else console.error(JSON.stringify({ event: "journal_write_failed", records: records.length, error: String(error) }));
    }
  }
  await Promise.all(records.map((r) => env.KV.put(journalSpillKey(r.requestId), JSON.stringify(r), { expirationTtl: SPILL_TTL_SECONDS })));
  return "parked";
}

// Records of this isolate waiting for their batch. Plain data: whichever request flushes it does so
// in its own context, so no promise crosses request contexts.
const pending: JournalRecord[] = [];

function flushPending(env: JournalEnv): Promise<unknown> {
  return writeJournalRecords(env, pending.splice(0));
}

/**
 * Queues a record for the next batch, and returns what the request must `waitUntil`, if anything:
 * the write, when this record fills the batch; a short wait then the write, when it opens one (so
 * every pending record has a live context that will write it); nothing otherwise.
 */
export function enqueueJournalRecord(env: JournalEnv, record: JournalRecord): Promise<unknown> | null {
  pending.push(record);
  if (pending.length >= JOURNAL_BATCH_SIZE) return flushPending(env);
  if (pending.length > 1) return null;
  return realSleep(JOURNAL_BATCH_DELAY_MS).then(() => (pending.length > 0 ? flushPending(env) : undefined));
}

/** Moves parked records into the journal; returns how many were written. Run by the cron. */
export async function drainParkedJournalRecords(env: JournalEnv, maxRecords = 500): Promise<number> {
  const listed = await env.KV.list({ prefix: JOURNAL_SPILL_PREFIX, limit: Math.min(maxRecords, 1000) });
  if (listed.keys.length === 0) return 0;
  const values = await Promise.all(listed.keys.map((k) => env.KV.get<JournalRecord>(k.name, "json")));
  const records = values.filter((v): v is JournalRecord => v !== null);
  await insertJournalRecords(env.JOURNAL, records);
  await Promise.all(listed.keys.map((k) => env.KV.delete(k.name)));
  return records.length;
}
