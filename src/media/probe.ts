/** What media parsing finds in a file's header, whatever its container, and the work bound of parsing. */
import { mediaUnavailable } from "./range-reader";

export type TrackKind = "video" | "audio" | "subtitle" | "other";

export type ProbedTrack = {
  kind: TrackKind;
  /** The container's own codec name: an MP4 sample entry type (`avc1`) or a Matroska CodecID (`V_MPEG4/ISO/AVC`). */
  codec: string;
  /** ISO 639-2 code, or a BCP 47 tag (Matroska's LanguageIETF); null when the file says nothing. */
  language: string | null;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
};

export type ProbedMedia = {
  container: "mp4" | "matroska";
  /** Seconds; null when the header does not say. */
  durationSeconds: number | null;
  tracks: ProbedTrack[];
};

export type ProbeLimits = { maxElements: number; maxDepth: number; maxTracks: number };

/** Counts the boxes or elements a parse visits, and refuses past the limits (too_complex). */
export class WorkBudget {
  elements = 0;
  readonly limits: ProbeLimits;

  constructor(limits: ProbeLimits) {
    this.limits = limits;
  }

  visit(depth: number): void {
    if (++this.elements > this.limits.maxElements || depth > this.limits.maxDepth) throw mediaUnavailable("too_complex");
  }
}

/** An unsigned big-endian integer of up to 8 bytes; refused (malformed) above 2^53. */
export function readUint(bytes: Uint8Array, offset: number, length: number): number {
  if (offset < 0 || offset + length > bytes.length) throw mediaUnavailable("malformed");
  let value = 0;
  for (let i = 0; i < length; i++) {
    value = value * 256 + bytes[offset + i]!;
  }
  if (!Number.isSafeInteger(value)) throw mediaUnavailable("malformed");
  return value;
}
