/** Every KV key is built here, each kind under its own prefix. Keys stay under KV's 512 bytes. */

export const JOURNAL_SPILL_PREFIX = "journal-spill:";

/** A journal record waiting for D1 (see request-journal/write.ts). */
export function journalSpillKey(requestId: string): string {
  return `${JOURNAL_SPILL_PREFIX}${requestId}`;
}

export const LINK_KEY_PREFIX = "link-key:";

/** Prefix of every link-encryption key of one UTC day (`YYYY-MM-DD`). */
export function linkKeyDayPrefix(day: string): string {
  return `${LINK_KEY_PREFIX}${day}:`;
}

/** One link-encryption key: the day it serves and its own id (several may exist for a day). */
export function linkKeyKey(keyId: string): string {
  return `${LINK_KEY_PREFIX}${keyId}`;
}

/** The audit chain's head as the daily check last saw it: kept outside D1, so a rewritten chain shows. */
export const AUDIT_HEAD_KEY = "audit-head";

export const AVATAR_PREFIX = "avatar:";

/** An avatar picture, by its random public id. */
export function avatarKey(publicId: string): string {
  return `${AVATAR_PREFIX}${publicId}`;
}
