/**
 * `streaming/mediaInfos`: a download's media information in Real-Debrid's shape, read from the
 * container header of the file at its origin (MP4/QuickTime `moov`, Matroska/WebM EBML), through
 * range requests on the same origin path the download host streams from.
 *
 * These reads are not counted in the account's traffic: the user receives a few hundred bytes of
 * description, not the file, and a call reads at most MEDIA_INFO_MAX_BYTES (4 MiB) in at most
 * MEDIA_INFO_MAX_REQUESTS requests; the per-token API limit bounds how often.
 */
import {
  MEDIA_INFO_FIRST_READ_BYTES,
  MEDIA_INFO_MAX_BYTES,
  MEDIA_INFO_MAX_DEPTH,
  MEDIA_INFO_MAX_ELEMENTS,
  MEDIA_INFO_MAX_REQUESTS,
  MEDIA_INFO_MAX_TRACKS,
  MEDIA_INFO_READ_BYTES,
} from "../config";
import type { MainDb } from "../db/client";
import { findDownload, type DownloadRecord } from "../downloads/records";
import { AppError } from "../errors";
import { findAdapterById, hosterContext } from "../hosters/registry";
import type { HosterEnv } from "../hosters/types";
import { accountPlan, assertHosterAllowed } from "../quotas";
import { describeFilename } from "./filename";
import { probeMatroska } from "./matroska";
import { MP4_FIRST_BOXES, probeMp4 } from "./mp4";
import { describeChannels, describeCodec, describeLanguage, describeSubtitleType } from "./names";
import { WorkBudget, type ProbedMedia, type ProbedTrack } from "./probe";
import { mediaUnavailable, RangeReader, type RangeOpener } from "./range-reader";

export const MEDIA_READ_LIMITS = {
  maxBytes: MEDIA_INFO_MAX_BYTES,
  maxRequests: MEDIA_INFO_MAX_REQUESTS,
  firstReadBytes: MEDIA_INFO_FIRST_READ_BYTES,
  readBytes: MEDIA_INFO_READ_BYTES,
};
export const MEDIA_PROBE_LIMITS = { maxElements: MEDIA_INFO_MAX_ELEMENTS, maxDepth: MEDIA_INFO_MAX_DEPTH, maxTracks: MEDIA_INFO_MAX_TRACKS };

/**
 * Reads a file's container header through `open` within the limits above. Throws
 * media_info_unavailable (503) with a `reason` when the file is neither MP4/QuickTime nor
 * Matroska/WebM, is damaged, or keeps its header beyond what may be read.
 */
export async function probeMedia(open: RangeOpener): Promise<{ media: ProbedMedia; size: number | null; bytesRead: number }> {
  const reader = new RangeReader(open, MEDIA_READ_LIMITS);
  const budget = new WorkBudget(MEDIA_PROBE_LIMITS);
  const head = await reader.read(0, 12);
  let media: ProbedMedia;
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) media = await probeMatroska(reader, budget);
  else if (head.length >= 8 && MP4_FIRST_BOXES.has(String.fromCharCode(...head.subarray(4, 8)))) media = await probeMp4(reader, budget);
  else throw mediaUnavailable("unknown_format");
  return { media, size: reader.size, bytesRead: reader.bytesRead };
}

type Common = { stream: string; lang: string; lang_iso: string };
export type VideoDetails = Common & { codec: string; colorspace: string | null; width: number; height: number };
export type AudioDetails = Common & { codec: string; sampling: number; channels: number };
export type SubtitleDetails = Common & { type: string };

/** Real-Debrid's `mediaInfos` answer. Images come from metadata services we do not call: always null. */
export type MediaInfo = {
  filename: string;
  hoster: string;
  link: string;
  type: "movie" | "show" | "audio";
  season: string | null;
  episode: string | null;
  year: string | null;
  duration: number;
  bitrate: number;
  size: number;
  details: { video: Record<string, VideoDetails>; audio: Record<string, AudioDetails>; subtitles: Record<string, SubtitleDetails> };
  poster_path: null;
  audio_image: null;
  backdrop_path: null;
};

/**
 * Tracks keyed as Real-Debrid keys them: the language's ISO 639-2 code and a count per language
 * within each kind (`eng1`, `eng2`, `fre1`, `und1`); `stream` is the track's place in the file (`0:2`).
 */
function detailsOf(tracks: ProbedTrack[]): MediaInfo["details"] {
  const details: MediaInfo["details"] = { video: {}, audio: {}, subtitles: {} };
  const counts = new Map<string, number>();
  tracks.forEach((track, index) => {
    if (track.kind === "other") return;
    const { iso, name } = describeLanguage(track.language);
    const count = (counts.get(`${track.kind}:${iso}`) ?? 0) + 1;
    counts.set(`${track.kind}:${iso}`, count);
    const key = `${iso}${count}`;
    const common: Common = { stream: `0:${index}`, lang: name, lang_iso: iso };
    const codec = describeCodec(track.codec);
    if (track.kind === "video") details.video[key] = { ...common, codec, colorspace: null, width: track.width ?? 0, height: track.height ?? 0 };
    else if (track.kind === "audio") details.audio[key] = { ...common, codec, sampling: Math.round(track.sampleRate ?? 0), channels: describeChannels(track.channels ?? 0) };
    else details.subtitles[key] = { ...common, type: describeSubtitleType(codec) };
  });
  return details;
}

/** The answer for a download record and what its header said. */
export function mediaInfoOf(record: Pick<DownloadRecord, "filename" | "host" | "link" | "filesize">, media: ProbedMedia, size: number | null): MediaInfo {
  const facts = describeFilename(record.filename);
  const details = detailsOf(media.tracks);
  const duration = media.durationSeconds ?? 0;
  const bytes = record.filesize > 0 ? record.filesize : (size ?? 0);
  const onlyAudio = Object.keys(details.video).length === 0 && Object.keys(details.audio).length > 0;
  return {
    filename: facts.title,
    hoster: record.host,
    link: record.link,
    type: onlyAudio ? "audio" : facts.episode !== null ? "show" : "movie",
    season: facts.season,
    episode: facts.episode,
    year: facts.year,
    duration: Math.round(duration * 1000) / 1000,
    // Bits per second over the whole file, as players report a container's overall bitrate.
    bitrate: duration > 0 && bytes > 0 ? Math.round((bytes * 8) / duration) : 0,
    size: bytes,
    details,
    poster_path: null,
    audio_image: null,
    backdrop_path: null,
  };
}

/**
 * Media information of one of the account's downloads. Throws resource_not_found (another
 * account's id, or none), download_expired, hoster_not_free (a premium-only hoster's link on a free
 * account, as the download host refuses it), the origin's errors (file_unavailable,
 * hoster_unavailable) and media_info_unavailable.
 */
export async function readMediaInfo(db: MainDb, input: { env: HosterEnv; kv: KVNamespace; accountId: number; id: string }, now: number): Promise<MediaInfo> {
  const record = await findDownload(db, { kv: input.kv, id: input.id }, now);
  if (!record || record.accountId !== input.accountId) throw new AppError("resource_not_found");
  if (record.expiresAt <= now) throw new AppError("download_expired");
  const adapter = findAdapterById(record.adapterId);
  if (!adapter) throw new AppError("resource_not_found");
  const plan = await accountPlan(db, record.accountId, now);
  if (plan) assertHosterAllowed(plan, adapter.limits);
  const ctx = hosterContext(input.env, record.password, undefined, now);
  const link = new URL(record.link);
  const { media, size } = await probeMedia((range) => adapter.open(link, ctx, range));
  return mediaInfoOf(record, media, size);
}
