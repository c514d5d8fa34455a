/** Recorded downloads: writing them encrypted, listing, finding, deleting. */
import { and, count, desc, eq, gte, sql } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { downloads } from "../db/schema";
import { addWithinCapsStatement, uncountLinkStatement, type TrafficCaps } from "../traffic/counters";
import { decryptText, encryptText, keyForDay, linkDeletionDeadline, oldestReadableGeneratedAt, readKey, readKeys } from "./link-crypto";

export type DownloadRecord = {
  id: string;
  accountId: number;
  adapterId: string;
  host: string;
  link: string;
  filename: string;
  download: string;
  filesize: number;
  mimeType: string;
  chunks: number;
  remote: boolean;
  generatedAt: number;
  expiresAt: number;
  /** When the record (and its key) will be deleted. */
  deletionAt: number;
  /** Whether the origin is known to serve ranges (recorded at check time). */
  acceptRanges?: boolean;
  /** The file's password at its hoster, needed again to download. Stored only encrypted, with the link. */
  password?: string;
};

/** What is sealed in `link_encrypted`: the bare link, or (when there is more to keep) a JSON envelope. */
type LinkPayload = { link: string; acceptRanges?: boolean; password?: string };

function sealLinkPayload(record: Pick<DownloadRecord, "link" | "acceptRanges" | "password">): string {
  if (record.acceptRanges === undefined && !record.password) return record.link;
  return JSON.stringify({ link: record.link, acceptRanges: record.acceptRanges, password: record.password || undefined } satisfies LinkPayload);
}

/** A link is never JSON (it starts with a scheme), so an envelope is told apart by its first character. */
function openLinkPayload(text: string): LinkPayload {
  return text.startsWith("{") ? (JSON.parse(text) as LinkPayload) : { link: text };
}

export type NewDownload = Omit<DownloadRecord, "deletionAt"> & {
  requester: { ip: string | null; country: string | null; city: string | null; asn: number | null };
  declaredIp: string | null;
};

type Row = typeof downloads.$inferSelect;

/** The host shown to the user on pages: a direct link's own hostname (from the decrypted link), else the hoster key. */
export function displayHost(record: Pick<DownloadRecord, "adapterId" | "host" | "link">): string {
  if (record.adapterId !== "direct") return record.host;
  try {
    return new URL(record.link).hostname;
  } catch {
    return record.host;
  }
}

/**
 * Writes the record and counts the link in today's traffic, in one batch: the counter goes up only
 * while it is under the caps (links per day), and the record is written only if it did, so parallel
 * requests cannot pass the limit. Returns false (nothing written) when the links limit is reached.
 */
export async function insertDownload(db: MainDb, input: { kv: KVNamespace; download: NewDownload; linkCaps?: Partial<TrafficCaps> }): Promise<boolean> {
  const record = input.download;
  const { keyId, key } = await keyForDay(input.kv, record.generatedAt);
  const [linkEncrypted, filenameEncrypted, downloadEncrypted] = await Promise.all([
    encryptText(key, sealLinkPayload(record)),
    encryptText(key, record.filename),
    encryptText(key, record.download),
  ]);
  const trafficKey = { accountId: record.accountId, host: record.host };
  const values = [
    record.id, record.accountId, record.adapterId, record.host, keyId, linkEncrypted, filenameEncrypted, downloadEncrypted,
    record.filesize, record.mimeType, record.chunks, record.remote ? 1 : 0, record.generatedAt, record.expiresAt,
    record.requester.ip, record.requester.country, record.requester.city, record.requester.asn, record.declaredIp,
  ];
  // Raw SQL: an insert gated on the previous statement's changes(), which drizzle's builder cannot express.
  const [counted, inserted] = await db.$client.batch([
    addWithinCapsStatement(db, "links", trafficKey, 1, input.linkCaps ?? {}, record.generatedAt),
    db.$client
      .prepare(
        `INSERT INTO downloads (id, account_id, adapter_id, host, key_id, link_encrypted, filename_encrypted, download_encrypted,
           filesize, mime_type, chunks, remote, generated_at, expires_at, requester_ip, requester_country, requester_city, requester_asn, declared_ip)
         SELECT ${values.map((_, i) => `?${i + 1}`).join(", ")} WHERE changes() = 1`,
      )
      .bind(...values),
  ]);
  const written = counted!.meta.changes === 1 && inserted!.meta.changes === 1;
  // Fail closed: a counted link without its record is given back.
  if (counted!.meta.changes === 1 && !written) await uncountLinkStatement(db, trafficKey, record.generatedAt);
  return written;
}

async function decryptRow(key: CryptoKey | null, row: Row): Promise<DownloadRecord | null> {
  if (!key) return null;
  try {
    const [payload, filename, download] = await Promise.all([
      decryptText(key, row.linkEncrypted),
      decryptText(key, row.filenameEncrypted),
      decryptText(key, row.downloadEncrypted),
    ]);
    const { link, acceptRanges, password } = openLinkPayload(payload);
    return {
      acceptRanges, password,
      id: row.id, accountId: row.accountId, adapterId: row.adapterId, host: row.host, link, filename, download,
      filesize: row.filesize, mimeType: row.mimeType, chunks: row.chunks, remote: row.remote === 1,
      generatedAt: row.generatedAt, expiresAt: row.expiresAt, deletionAt: linkDeletionDeadline(row.generatedAt),
    };
  } catch {
    return null;
  }
}

/** An account's readable downloads, newest first, and how many there are. */
export async function listDownloads(
  db: MainDb,
  input: { kv: KVNamespace; accountId: number; offset: number; limit: number },
  now: number,
): Promise<{ total: number; items: DownloadRecord[] }> {
  const { kv, accountId, offset, limit } = input;
  const visible = and(eq(downloads.accountId, accountId), gte(downloads.generatedAt, oldestReadableGeneratedAt(now)));
  const [totals, rows] = await db.batch([
    db.select({ total: count() }).from(downloads).where(visible),
    db.select().from(downloads).where(visible).orderBy(desc(downloads.generatedAt), desc(sql`rowid`)).limit(limit).offset(offset),
  ]);
  // One KV read per distinct day key (in bulk), not one per row.
  const keys = await readKeys(kv, rows.map((row) => row.keyId), now);
  const items = (await Promise.all(rows.map((row) => decryptRow(keys.get(row.keyId) ?? null, row)))).filter((item): item is DownloadRecord => item !== null);
  return { total: totals[0]?.total ?? 0, items };
}

/** A stored download record as its owner's data export shows it: readable, or already unreadable (its day's key destroyed). */
export type AccountDownloadRecord = Pick<Row, "id" | "adapterId" | "host" | "filesize" | "mimeType" | "chunks" | "generatedAt" | "expiresAt" | "requesterIp" | "requesterCountry" | "requesterCity" | "requesterAsn" | "declaredIp"> & {
  remote: boolean;
  /** The decrypted link, file name and generated link; null once the day's key is gone (the row awaits its sweep). */
  readable: { link: string; filename: string; download: string; hasPassword: boolean } | null;
};

/**
 * One page of every download record of an account still stored, readable or not, oldest first by
 * generation time (then id), after `after`. For the owner's data export.
 */
export async function readAccountDownloadsPage(
  db: MainDb,
  input: { kv: KVNamespace; accountId: number; after: { generatedAt: number; id: string } | null; limit: number },
  now: number,
): Promise<AccountDownloadRecord[]> {
  const { accountId, after } = input;
  const rows = await db
    .select()
    .from(downloads)
    .where(and(eq(downloads.accountId, accountId), after ? sql`(${downloads.generatedAt}, ${downloads.id}) > (${after.generatedAt}, ${after.id})` : undefined))
    .orderBy(downloads.generatedAt, downloads.id)
    .limit(input.limit);
  const keys = await readKeys(input.kv, rows.map((row) => row.keyId), now);
  return Promise.all(
    rows.map(async (row) => {
      const record = await decryptRow(keys.get(row.keyId) ?? null, row);
      return {
        id: row.id, adapterId: row.adapterId, host: row.host, filesize: row.filesize, mimeType: row.mimeType, chunks: row.chunks, remote: row.remote === 1,
        generatedAt: row.generatedAt, expiresAt: row.expiresAt, requesterIp: row.requesterIp, requesterCountry: row.requesterCountry, requesterCity: row.requesterCity,
        requesterAsn: row.requesterAsn, declaredIp: row.declaredIp,
        readable: record ? { link: record.link, filename: record.filename, download: record.download, hasPassword: Boolean(record.password) } : null,
      };
    }),
  );
}

/** A download by id (any account, for serving; the id is the capability), or null. */
export async function findDownload(db: MainDb, input: { kv: KVNamespace; id: string }, now: number): Promise<DownloadRecord | null> {
  const row = await db.query.downloads.findFirst({ where: eq(downloads.id, input.id) });
  return row ? decryptRow(await readKey(input.kv, row.keyId, now), row) : null;
}

/** Deletes an account's download; false when it has no such download. */
export async function deleteDownload(db: MainDb, input: { accountId: number; id: string }): Promise<boolean> {
  const deleted = await db.delete(downloads).where(and(eq(downloads.id, input.id), eq(downloads.accountId, input.accountId))).returning({ id: downloads.id });
  return deleted.length > 0;
}
