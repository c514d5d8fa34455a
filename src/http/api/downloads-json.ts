/** JSON shapes of Real-Debrid's `Unrestricted` and `Download`, plus our expiry and deletion dates. */
import type { DownloadRecord } from "../../downloads/records";

const iso = (at: number) => new Date(at).toISOString();

export function unrestrictedJson(record: DownloadRecord) {
  return {
    id: record.id,
    filename: record.filename,
    mimeType: record.mimeType,
    filesize: record.filesize,
    link: record.link,
    host: record.host,
    chunks: record.chunks,
    crc: 1,
    download: record.download,
    streamable: 0,
    /** Extra: the generated link stops working at this instant. */
    expires: iso(record.expiresAt),
    /** Extra: the record of this download is deleted at this instant. */
    deletion: iso(record.deletionAt),
  };
}

export function downloadJson(record: DownloadRecord) {
  return {
    id: record.id,
    filename: record.filename,
    mimeType: record.mimeType,
    filesize: record.filesize,
    link: record.link,
    host: record.host,
    chunks: record.chunks,
    download: record.download,
    generated: iso(record.generatedAt),
    expires: iso(record.expiresAt),
    deletion: iso(record.deletionAt),
  };
}
