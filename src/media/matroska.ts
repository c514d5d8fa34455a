/**
 * Matroska and WebM headers (EBML, RFC 8794; Matroska, RFC 9559): the Segment's Info (duration,
 * timestamp scale) and Tracks elements, found by walking the Segment's children up to the first
 * Cluster, or through the SeekHead when a muxer put them elsewhere.
 */
import { mediaUnavailable, type RangeReader } from "./range-reader";
import { readUint, type ProbedMedia, type ProbedTrack, type TrackKind, type WorkBudget } from "./probe";

/** Element IDs (with their length marker bits, as written). */
const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekID: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimestampScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  CodecID: 0x86,
  Language: 0x22b59c,
  LanguageIETF: 0x22b59d,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  Cluster: 0x1f43b675,
} as const;

type Header = { id: number; headerSize: number; size: number | null };

/** An element header at `offset` of `bytes`: its ID (1–4 bytes) and size (1–8 bytes; null = unknown). */
function parseHeader(bytes: Uint8Array, offset: number): Header | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  const idLength = Math.clz32(first) - 23;
  if (idLength > 4 || offset + idLength >= bytes.length) return null;
  const id = readUint(bytes, offset, idLength);
  const sizeFirst = bytes[offset + idLength]!;
  if (sizeFirst === 0) return null;
  const sizeLength = Math.clz32(sizeFirst) - 23;
  if (offset + idLength + sizeLength > bytes.length) return null;
  let size = sizeFirst & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const byte = bytes[offset + idLength + i]!;
    size = size * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  if (allOnes) return { id, headerSize: idLength + sizeLength, size: null };
  return Number.isSafeInteger(size) ? { id, headerSize: idLength + sizeLength, size } : null;
}

type Child = { id: number; start: number; end: number };

/** The children of an element held in memory; refused (malformed) when one overruns its parent. */
function* childrenOf(bytes: Uint8Array, start: number, end: number, depth: number, budget: WorkBudget): Generator<Child> {
  let offset = start;
  while (offset < end) {
    const header = parseHeader(bytes, offset);
    if (!header || header.size === null || offset + header.headerSize + header.size > end) throw mediaUnavailable("malformed");
    budget.visit(depth);
    yield { id: header.id, start: offset + header.headerSize, end: offset + header.headerSize + header.size };
    offset += header.headerSize + header.size;
  }
}

const text = (bytes: Uint8Array, child: Child) => new TextDecoder().decode(bytes.subarray(child.start, child.end)).replace(/\0+$/, "");
const uint = (bytes: Uint8Array, child: Child) => (child.end === child.start ? 0 : readUint(bytes, child.start, child.end - child.start));

function float(bytes: Uint8Array, child: Child): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + child.start, child.end - child.start);
  if (view.byteLength === 4) return view.getFloat32(0);
  if (view.byteLength === 8) return view.getFloat64(0);
  if (view.byteLength === 0) return 0;
  throw mediaUnavailable("malformed");
}

const TRACK_KINDS: Record<number, TrackKind> = { 1: "video", 2: "audio", 17: "subtitle" };

function parseTracks(bytes: Uint8Array, budget: WorkBudget): ProbedTrack[] {
  const tracks: ProbedTrack[] = [];
  for (const entry of childrenOf(bytes, 0, bytes.length, 2, budget)) {
    if (entry.id !== ID.TrackEntry || tracks.length >= budget.limits.maxTracks) continue;
    // Matroska's defaults: language "eng", 8000 Hz, one channel.
    const track: ProbedTrack = { kind: "other", codec: "", language: "eng" };
    let ietf: string | null = null;
    for (const field of childrenOf(bytes, entry.start, entry.end, 3, budget)) {
      if (field.id === ID.TrackType) track.kind = TRACK_KINDS[uint(bytes, field)] ?? "other";
      else if (field.id === ID.CodecID) track.codec = text(bytes, field);
      else if (field.id === ID.Language) track.language = text(bytes, field);
      else if (field.id === ID.LanguageIETF) ietf = text(bytes, field);
      else if (field.id === ID.Video) {
        for (const video of childrenOf(bytes, field.start, field.end, 4, budget)) {
          if (video.id === ID.PixelWidth) track.width = uint(bytes, video);
          else if (video.id === ID.PixelHeight) track.height = uint(bytes, video);
        }
      } else if (field.id === ID.Audio) {
        track.sampleRate = 8000;
        track.channels = 1;
        for (const audio of childrenOf(bytes, field.start, field.end, 4, budget)) {
          if (audio.id === ID.SamplingFrequency) track.sampleRate = float(bytes, audio);
          else if (audio.id === ID.Channels) track.channels = uint(bytes, audio);
        }
      }
    }
    // LanguageIETF, when present, supersedes Language (RFC 9559 §5.1.4.1.20).
    if (ietf) track.language = ietf;
    tracks.push(track);
  }
  return tracks;
}

/** An element header read from the file at `offset`, or null at the end. */
async function readHeader(reader: RangeReader, offset: number, budget: WorkBudget, depth: number): Promise<(Header & { start: number }) | null> {
  const head = await reader.read(offset, 12);
  if (head.length === 0) return null;
  const header = parseHeader(head, 0);
  if (!header) throw mediaUnavailable("malformed");
  budget.visit(depth);
  return { ...header, start: offset };
}

/** An element's whole content (Info, Tracks and SeekHead are small; the reader's budget bounds any other). */
async function readWhole(reader: RangeReader, header: Header & { start: number }): Promise<Uint8Array> {
  if (header.size === null) throw mediaUnavailable("malformed");
  const bytes = await reader.read(header.start + header.headerSize, header.size);
  if (bytes.length < header.size) throw mediaUnavailable("malformed");
  return bytes;
}

/** The header of a Matroska or WebM file. */
export async function probeMatroska(reader: RangeReader, budget: WorkBudget): Promise<ProbedMedia> {
  const ebml = await readHeader(reader, 0, budget, 0);
  if (!ebml || ebml.id !== ID.EBML) throw mediaUnavailable("unknown_format");
  const ebmlContent = await readWhole(reader, ebml);
  let docType = "";
  for (const field of childrenOf(ebmlContent, 0, ebmlContent.length, 1, budget)) if (field.id === ID.DocType) docType = text(ebmlContent, field);
  if (docType !== "matroska" && docType !== "webm") throw mediaUnavailable("unknown_format");

  const segment = await readHeader(reader, ebml.start + ebml.headerSize + (ebml.size ?? 0), budget, 0);
  if (!segment || segment.id !== ID.Segment) throw mediaUnavailable("malformed");
  const dataStart = segment.start + segment.headerSize;
  const dataEnd = segment.size === null ? Number.POSITIVE_INFINITY : dataStart + segment.size;

  let info: Uint8Array | null = null;
  let tracks: Uint8Array | null = null;
  const seek = new Map<number, number>();
  // Level-1 elements in order, up to the first Cluster (the media itself) or one of unknown size.
  for (let offset = dataStart; offset < dataEnd && !(info && tracks); ) {
    const header = await readHeader(reader, offset, budget, 1);
    if (!header || header.id === ID.Cluster || header.size === null) break;
    if (header.id === ID.Info) info = await readWhole(reader, header);
    else if (header.id === ID.Tracks) tracks = await readWhole(reader, header);
    else if (header.id === ID.SeekHead && seek.size === 0) {
      const content = await readWhole(reader, header);
      for (const entry of childrenOf(content, 0, content.length, 2, budget)) {
        if (entry.id !== ID.Seek) continue;
        let id = 0;
        let position = -1;
        for (const field of childrenOf(content, entry.start, entry.end, 3, budget)) {
          if (field.id === ID.SeekID) id = uint(content, field);
          else if (field.id === ID.SeekPosition) position = uint(content, field);
        }
        if (position >= 0) seek.set(id, dataStart + position);
      }
    }
    offset = header.start + header.headerSize + header.size;
  }
  // Not met before the media: where the SeekHead says they are.
  for (const id of [ID.Info, ID.Tracks] as const) {
    const position = seek.get(id);
    if ((id === ID.Info ? info : tracks) !== null || position === undefined) continue;
    const header = await readHeader(reader, position, budget, 1);
    if (!header || header.id !== id) throw mediaUnavailable("malformed");
    if (id === ID.Info) info = await readWhole(reader, header);
    else tracks = await readWhole(reader, header);
  }
  if (!tracks) throw mediaUnavailable("no_tracks");

  let durationSeconds: number | null = null;
  if (info) {
    let scale = 1_000_000;
    let duration = 0;
    for (const field of childrenOf(info, 0, info.length, 2, budget)) {
      if (field.id === ID.TimestampScale) scale = uint(info, field);
      else if (field.id === ID.Duration) duration = float(info, field);
    }
    // Duration counts TimestampScale nanoseconds.
    if (Number.isFinite(duration) && duration > 0) durationSeconds = (duration * scale) / 1e9;
  }
  const probed = parseTracks(tracks, budget);
  if (probed.length === 0) throw mediaUnavailable("no_tracks");
  return { container: "matroska", durationSeconds, tracks: probed };
}
