/**
 * Avatars: a picture per account, uploaded raw (Real-Debrid's PUT settings/avatarFile), kept in KV
 * under a random public id with an expiration at its retention deadline, described by a D1 row
 * (deleted with the account). Served from the site origin with its own type and nosniff.
 */
import { eq } from "drizzle-orm";
import { AVATAR_MAX_BYTES, AVATAR_MAX_DIMENSION_PX } from "../config";
import type { MainDb } from "../db/client";
import { avatars } from "../db/schema";
import { AppError } from "../errors";
import { randomToken } from "../lib/crypto";
import { avatarKey } from "../lib/kv-keys";
import { DAY_MS } from "../lib/time";
import { AVATAR_RETENTION_DAYS } from "../retention/policy";
import { sniffImage } from "./image-type";

export type StoredAvatar = { publicId: string; contentType: string; bytes: number; uploadedAt: number };

/** The public path of an avatar (on the site origin). */
export function avatarPath(avatar: Pick<StoredAvatar, "publicId">): string {
  return `/avatars/${avatar.publicId}`;
}

export async function findAccountAvatar(db: MainDb, input: { accountId: number }): Promise<StoredAvatar | null> {
  const row = await db.query.avatars.findFirst({ where: eq(avatars.accountId, input.accountId) });
  return row ? { publicId: row.publicId, contentType: row.contentType, bytes: row.bytes, uploadedAt: row.uploadedAt } : null;
}

/**
 * Stores a new avatar, replacing the account's previous one. Throws upload_too_big (26),
 * file_not_allowed (28: not a PNG, JPEG, GIF or WebP by its bytes) or image_resolution (32).
 */
export async function saveAvatar(db: MainDb, input: { kv: KVNamespace; accountId: number; bytes: Uint8Array }, now: number): Promise<StoredAvatar> {
  const { kv, accountId, bytes } = input;
  if (bytes.byteLength > AVATAR_MAX_BYTES) throw new AppError("upload_too_big", { details: { max_bytes: AVATAR_MAX_BYTES } });
  const image = sniffImage(bytes);
  if (!image) throw new AppError("file_not_allowed", { details: { accepted: ["image/png", "image/jpeg", "image/gif", "image/webp"] } });
  if (image.width < 1 || image.height < 1 || image.width > AVATAR_MAX_DIMENSION_PX || image.height > AVATAR_MAX_DIMENSION_PX) {
    throw new AppError("image_resolution", { details: { width: image.width, height: image.height, max_px: AVATAR_MAX_DIMENSION_PX } });
  }
  const publicId = `${randomToken(20).toLowerCase()}.${image.extension}`;
  const expiration = Math.floor((now + AVATAR_RETENTION_DAYS * DAY_MS) / 1000);
  await kv.put(avatarKey(publicId), bytes, { expiration, metadata: { contentType: image.contentType } });
  const previous = await findAccountAvatar(db, { accountId });
  await db
    .insert(avatars)
    .values({ accountId, publicId, contentType: image.contentType, bytes: bytes.byteLength, uploadedAt: now })
    .onConflictDoUpdate({ target: avatars.accountId, set: { publicId, contentType: image.contentType, bytes: bytes.byteLength, uploadedAt: now } });
  if (previous) await kv.delete(avatarKey(previous.publicId));
  return { publicId, contentType: image.contentType, bytes: bytes.byteLength, uploadedAt: now };
}

/** Deletes the account's avatar (back to the default picture); false when it had none. */
export async function deleteAvatar(db: MainDb, input: { kv: KVNamespace; accountId: number }): Promise<boolean> {
  const [row] = await db.delete(avatars).where(eq(avatars.accountId, input.accountId)).returning({ publicId: avatars.publicId });
  if (!row) return false;
  await input.kv.delete(avatarKey(row.publicId));
  return true;
}

/** An avatar to serve: only while its row exists (a deleted account's picture is never served again). */
export async function readAvatar(db: MainDb, input: { kv: KVNamespace; publicId: string }): Promise<{ body: ArrayBuffer; contentType: string } | null> {
  if (!/^[a-z2-7]{32}\.(png|jpg|gif|webp)$/.test(input.publicId)) return null;
  const row = await db.query.avatars.findFirst({ columns: { contentType: true }, where: eq(avatars.publicId, input.publicId) });
  if (!row) return null;
  const body = await input.kv.get(avatarKey(input.publicId), "arrayBuffer");
  return body ? { body, contentType: row.contentType } : null;
}
