/**
 * MP4 and QuickTime headers (ISO/IEC 14496-12 boxes; QuickTime's file format): the `moov` box,
 * wherever it is, read box by box through the range reader. Only the small boxes that describe
 * the file are read (`mvhd`; per `trak`: `tkhd`, `mdia/mdhd`, `mdia/hdlr`, the first `stsd`
 * entry); sample tables, which make most of a long film's header, are stepped over by their sizes.
 */
import { mediaUnavailable, type RangeReader } from "./range-reader";
import { readUint, type ProbedMedia, type ProbedTrack, type TrackKind, type WorkBudget } from "./probe";

type Box = { type: string; contentStart: number; end: number };

/** Top-level box types that start MP4 and QuickTime files (the sniffing test). */
export const MP4_FIRST_BOXES = new Set(["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid", "styp"]);

const latin1 = (bytes: Uint8Array) => String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);

/** The box at `offset`, or null at the end of the file or of its parent (`limit`). */
async function readBox(reader: RangeReader, offset: number, limit: number, depth: number, budget: WorkBudget): Promise<Box | null> {
  if (offset + 8 > limit) return null;
  const head = await reader.read(offset, 16);
  if (head.length < 8) return null;
  budget.visit(depth);
  const size32 = readUint(head, 0, 4);
  let headerSize = 8;
  let size: number;
  if (size32 === 1) {
    size = readUint(head, 8, 8);
    headerSize = 16;
  } else if (size32 === 0) {
    // "Extends to the end": of its parent, or of the file.
    size = (Number.isFinite(limit) ? limit : (reader.size ?? Number.POSITIVE_INFINITY)) - offset;
  } else {
    size = size32;
  }
  if (size < headerSize || offset + size > limit) throw mediaUnavailable("malformed");
  return { type: latin1(head.subarray(4, 8)), contentStart: offset + headerSize, end: offset + size };
}

async function* children(reader: RangeReader, parent: Box, depth: number, budget: WorkBudget): AsyncGenerator<Box> {
  let offset = parent.contentStart;
  for (;;) {
    const box = await readBox(reader, offset, parent.end, depth, budget);
    if (!box) return;
    yield box;
    offset = box.end;
  }
}

/** The first `max` bytes of a box's content. */
const contentOf = (reader: RangeReader, box: Box, max: number) => reader.read(box.contentStart, Math.min(box.end - box.contentStart, max));

/** Duration fields: all ones means "unknown". */
function durationField(bytes: Uint8Array, offset: number, length: 4 | 8): number {
  if (bytes.subarray(offset, offset + length).every((byte) => byte === 0xff)) return 0;
  return readUint(bytes, offset, length);
}

/** Classic Mac OS language codes, which QuickTime writes below 0x400 instead of packed ISO 639-2. */
const MAC_LANGUAGES = ["eng", "fre", "ger", "ita", "dut", "swe", "spa", "dan", "por", "nor", "heb", "jpn", "ara", "fin", "gre", "ice", "mlt", "tur", "hrv", "chi", "urd", "hin", "tha", "kor", "lit", "pol", "hun", "est", "lav"];

/** `mdhd` language: three letters packed in 5 bits each (ISO 639-2/T), or a Mac code. */
function mdhdLanguage(packed: number): string | null {
  if (packed < 0x400) return MAC_LANGUAGES[packed] ?? null;
  const code = String.fromCharCode(((packed >> 10) & 31) + 0x60, ((packed >> 5) & 31) + 0x60, (packed & 31) + 0x60);
  return /^[a-z]{3}$/.test(code) ? code : null;
}

const HANDLER_KINDS: Record<string, TrackKind> = { vide: "video", soun: "audio", subt: "subtitle", text: "subtitle", sbtl: "subtitle", clcp: "subtitle" };

type TrakResult = { track: ProbedTrack; durationSeconds: number };

async function parseTrak(reader: RangeReader, trak: Box, depth: number, budget: WorkBudget): Promise<TrakResult> {
  const track: ProbedTrack = { kind: "other", codec: "", language: null };
  let timescale = 0;
  let duration = 0;
  for await (const box of children(reader, trak, depth, budget)) {
    if (box.type === "tkhd") {
      const tkhd = await contentOf(reader, box, 96);
      const at = tkhd[0] === 1 ? 88 : 76;
      if (tkhd.length >= at + 8) {
        // 16.16 fixed point: the presentation size.
        const width = Math.round(readUint(tkhd, at, 4) / 65536);
        const height = Math.round(readUint(tkhd, at + 4, 4) / 65536);
        if (width > 0 && height > 0) Object.assign(track, { width, height });
      }
    } else if (box.type === "mdia") {
      for await (const inner of children(reader, box, depth + 1, budget)) {
        if (inner.type === "mdhd") {
          const mdhd = await contentOf(reader, inner, 36);
          const v1 = mdhd[0] === 1;
          timescale = readUint(mdhd, v1 ? 20 : 12, 4);
          duration = durationField(mdhd, v1 ? 24 : 16, v1 ? 8 : 4);
          track.language = mdhdLanguage(readUint(mdhd, v1 ? 32 : 20, 2));
        } else if (inner.type === "hdlr") {
          const hdlr = await contentOf(reader, inner, 12);
          if (hdlr.length < 12) throw mediaUnavailable("malformed");
          track.kind = HANDLER_KINDS[latin1(hdlr.subarray(8, 12))] ?? "other";
        } else if (inner.type === "minf") {
          await parseMinf(reader, inner, depth + 2, budget, track);
        }
      }
    }
  }
  if (track.kind === "audio" && !track.sampleRate && timescale > 0) track.sampleRate = timescale;
  return { track, durationSeconds: timescale > 0 ? duration / timescale : 0 };
}

/** minf/stbl/stsd: the first sample entry's type and, for video and sound, its sizes. Stops there. */
async function parseMinf(reader: RangeReader, minf: Box, depth: number, budget: WorkBudget, track: ProbedTrack): Promise<void> {
  for await (const stbl of children(reader, minf, depth, budget)) {
    if (stbl.type !== "stbl") continue;
    for await (const stsd of children(reader, stbl, depth + 1, budget)) {
      if (stsd.type !== "stsd") continue;
      const content = await contentOf(reader, stsd, 64);
      // version/flags, entry_count, then the entry: size, type, 6 reserved bytes, data reference index.
      if (content.length < 16 || readUint(content, 4, 4) === 0) return;
      track.codec = latin1(content.subarray(12, 16));
      if (track.kind === "video" && content.length >= 44) {
        const width = readUint(content, 40, 2);
        const height = readUint(content, 42, 2);
        if (!track.width && width > 0 && height > 0) Object.assign(track, { width, height });
      } else if (track.kind === "audio" && content.length >= 44) {
        // QuickTime sound description version 2 moves both fields; versions 0 and 1 (and ISO) share a layout.
        if (readUint(content, 24, 2) === 2 && content.length >= 60) {
          track.sampleRate = Math.round(new DataView(content.buffer, content.byteOffset + 48, 8).getFloat64(0));
          track.channels = readUint(content, 56, 4);
        } else {
          track.channels = readUint(content, 32, 2);
          track.sampleRate = readUint(content, 40, 4) / 65536;
        }
      }
      return;
    }
    return;
  }
}

/** The header of an MP4 or QuickTime file: walks the top-level boxes to `moov` (stepping over `mdat`, however large). */
export async function probeMp4(reader: RangeReader, budget: WorkBudget): Promise<ProbedMedia> {
  let offset = 0;
  for (;;) {
    const box = await readBox(reader, offset, Number.POSITIVE_INFINITY, 0, budget);
    if (!box || !Number.isFinite(box.end)) throw mediaUnavailable("no_tracks");
    if (box.type === "moov") return parseMoov(reader, box, budget);
    offset = box.end;
  }
}

async function parseMoov(reader: RangeReader, moov: Box, budget: WorkBudget): Promise<ProbedMedia> {
  let movieSeconds = 0;
  let fragmentsSeconds = 0;
  let timescale = 0;
  let longestTrack = 0;
  const tracks: ProbedTrack[] = [];
  for await (const box of children(reader, moov, 1, budget)) {
    if (box.type === "mvhd") {
      const mvhd = await contentOf(reader, box, 32);
      const v1 = mvhd[0] === 1;
      timescale = readUint(mvhd, v1 ? 20 : 12, 4);
      const duration = durationField(mvhd, v1 ? 24 : 16, v1 ? 8 : 4);
      if (timescale > 0) movieSeconds = duration / timescale;
    } else if (box.type === "trak" && tracks.length < budget.limits.maxTracks) {
      const { track, durationSeconds } = await parseTrak(reader, box, 2, budget);
      tracks.push(track);
      longestTrack = Math.max(longestTrack, durationSeconds);
    } else if (box.type === "mvex") {
      // Fragmented files: the movie header says 0, the extends header may give the whole duration.
      for await (const mehd of children(reader, box, 2, budget)) {
        if (mehd.type !== "mehd") continue;
        const content = await contentOf(reader, mehd, 12);
        const fragmentDuration = durationField(content, 4, content[0] === 1 ? 8 : 4);
        if (timescale > 0) fragmentsSeconds = fragmentDuration / timescale;
      }
    }
  }
  if (tracks.length === 0) throw mediaUnavailable("no_tracks");
  const seconds = movieSeconds || fragmentsSeconds || longestTrack;
  return { container: "mp4", durationSeconds: seconds > 0 ? seconds : null, tracks };
}
