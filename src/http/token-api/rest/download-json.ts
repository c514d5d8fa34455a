/** JSON shapes of Real-Debrid's `Unrestricted` and `Download`, plus our expiry and deletion dates. */
import type { DownloadRecord } from "../../../downloads/records";

const iso = (at: number) => new Date(at).toISOString();

/** Fields both shapes share, plus our extras: when the generated link stops working, when the record is deleted. */
function commonJson(record: DownloadRecord) {
  return {
    id: record.id,
    filename: record.filename,
    mimeType: record.mimeType,
    filesize: record.filesize,
    link: record.link,
    host: record.host,
    chunks: record.chunks,
    download: record.download,
    expires: iso(record.expiresAt),
    deletion: iso(record.deletionAt),
  };
}

export function unrestrictedJson(record: DownloadRecord) {
  return { ...commonJson(record), crc: 1, streamable: 0 };
}

export function downloadJson(record: DownloadRecord) {
  return { ...commonJson(record), generated: iso(record.generatedAt) };
}
