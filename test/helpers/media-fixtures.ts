/**
 * Minimal muxers for media fixtures, written from the format descriptions (ISO/IEC 14496-12 boxes,
 * QuickTime; EBML RFC 8794 and Matroska RFC 9559): headers with known duration, codecs, sizes and
 * languages, and media data that is only zeros. Files come as parts: bytes, or a count of zero
 * bytes (the media data, which the origin stand-in makes up while serving, so a 1 GiB file costs nothing).
 */

export type Part = Uint8Array | number;

const encoder = new TextEncoder();

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The whole file in memory (zero runs included): for small fixtures. */
export function joinParts(parts: Part[]): Uint8Array {
  return concat(...parts.map((part) => (typeof part === "number" ? new Uint8Array(part) : part)));
}

export const partsLength = (parts: Part[]) => parts.reduce<number>((sum, part) => sum + (typeof part === "number" ? part : part.length), 0);

function uint(value: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = value % 256;
    value = Math.floor(value / 256);
  }
  return out;
}

const ascii = (text: string) => encoder.encode(text);

// ---- MP4 / QuickTime -------------------------------------------------------------------------

export function box(type: string, ...content: Uint8Array[]): Uint8Array {
  const body = concat(...content);
  return concat(uint(8 + body.length, 4), ascii(type), body);
}

/** A box with a 64-bit size (size field 1), as muxers write for a large `mdat`. */
function largeBoxHeader(type: string, contentLength: number): Uint8Array {
  return concat(uint(1, 4), ascii(type), uint(16 + contentLength, 8));
}

const fullBox = (type: string, version: number, flags: number, ...content: Uint8Array[]) => box(type, uint(version, 1), uint(flags, 3), ...content);

const MATRIX = concat(uint(0x10000, 4), uint(0, 4), uint(0, 4), uint(0, 4), uint(0x10000, 4), uint(0, 4), uint(0, 4), uint(0, 4), uint(0x40000000, 4));

/** ISO 639-2/T code packed in 15 bits (`mdhd`). */
const packedLanguage = (code: string) => (((code.charCodeAt(0) - 0x60) << 10) | ((code.charCodeAt(1) - 0x60) << 5) | (code.charCodeAt(2) - 0x60));

export type Mp4Track = {
  kind: "video" | "audio" | "subtitle";
  /** Sample entry type: avc1, hvc1, mp4a, ac-3, tx3g… */
  codec: string;
  /** ISO 639-2/T code, or a number: a QuickTime Mac language code. */
  language: string | number;
  timescale: number;
  /** In the track's timescale. */
  duration: number;
  width?: number;
  height?: number;
  channels?: number;
  sampleRate?: number;
  /** Samples in the sample size table (4 bytes each): how large a long film's header grows. */
  samples?: number;
  /** 64-bit (version 1) `tkhd` and `mdhd`. */
  version1?: boolean;
};

export type Mp4Options = {
  /** "moov-first": a "fast start" file; "moov-last": the header after the media, as cameras write. */
  layout: "moov-first" | "moov-last";
  timescale: number;
  /** In the movie timescale. */
  duration: number;
  tracks: Mp4Track[];
  /** Bytes of media data (zeros). */
  mediaBytes: number;
  /** QuickTime brand instead of ISO. */
  quicktime?: boolean;
  /** A fragmented file: the movie header says 0, the movie extends header (`mvex/mehd`) gives this duration. */
  fragmentDuration?: number;
};

function sampleEntry(track: Mp4Track): Uint8Array {
  const head = concat(new Uint8Array(6), uint(1, 2));
  if (track.kind === "video") {
    return box(track.codec, head, new Uint8Array(16), uint(track.width ?? 0, 2), uint(track.height ?? 0, 2), uint(0x480000, 4), uint(0x480000, 4), uint(0, 4), uint(1, 2), new Uint8Array(32), uint(0x18, 2), uint(0xffff, 2));
  }
  if (track.kind === "audio") {
    return box(track.codec, head, new Uint8Array(8), uint(track.channels ?? 2, 2), uint(16, 2), uint(0, 4), uint((track.sampleRate ?? 48000) * 65536, 4));
  }
  return box(track.codec, head, new Uint8Array(38));
}

function trak(track: Mp4Track, id: number, movieDuration: number): Uint8Array {
  const v1 = track.version1 === true;
  const times = (duration: number, timescale?: number) =>
    v1 ? concat(uint(0, 8), uint(0, 8), ...(timescale !== undefined ? [uint(timescale, 4)] : [uint(id, 4), uint(0, 4)]), uint(duration, 8))
      : concat(uint(0, 4), uint(0, 4), ...(timescale !== undefined ? [uint(timescale, 4)] : [uint(id, 4), uint(0, 4)]), uint(duration, 4));
  const tkhd = fullBox("tkhd", v1 ? 1 : 0, 3, times(movieDuration), new Uint8Array(8), uint(0, 2), uint(0, 2), uint(track.kind === "audio" ? 0x100 : 0, 2), uint(0, 2), MATRIX, uint((track.width ?? 0) * 65536, 4), uint((track.height ?? 0) * 65536, 4));
  const language = typeof track.language === "number" ? track.language : packedLanguage(track.language);
  const mdhd = fullBox("mdhd", v1 ? 1 : 0, 0, times(track.duration, track.timescale), uint(language, 2), uint(0, 2));
  const handler = { video: "vide", audio: "soun", subtitle: "sbtl" }[track.kind];
  const hdlr = fullBox("hdlr", 0, 0, uint(0, 4), ascii(handler), new Uint8Array(12), ascii("Handler\0"));
  const header = track.kind === "video" ? fullBox("vmhd", 0, 1, new Uint8Array(8)) : track.kind === "audio" ? fullBox("smhd", 0, 0, new Uint8Array(4)) : fullBox("nmhd", 0, 0);
  const dinf = box("dinf", fullBox("dref", 0, 0, uint(1, 4), fullBox("url ", 0, 1)));
  const samples = track.samples ?? 10;
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, 0, uint(1, 4), sampleEntry(track)),
    fullBox("stts", 0, 0, uint(1, 4), uint(samples, 4), uint(Math.max(1, Math.floor(track.duration / samples)), 4)),
    fullBox("stsc", 0, 0, uint(1, 4), uint(1, 4), uint(samples, 4), uint(1, 4)),
    // Sample sizes are the bulk of a long film's header; the values do not matter here.
    fullBox("stsz", 0, 0, uint(0, 4), uint(samples, 4), new Uint8Array(4 * samples)),
    fullBox("stco", 0, 0, uint(1, 4), uint(0, 4)),
  );
  return box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", header, dinf, stbl)));
}

/** An MP4 (or QuickTime) file: ftyp, then moov and mdat in the chosen order. */
export function muxMp4(options: Mp4Options): Part[] {
  const ftyp = options.quicktime ? box("ftyp", ascii("qt  "), uint(0x200, 4), ascii("qt  ")) : box("ftyp", ascii("isom"), uint(0x200, 4), ascii("isom"), ascii("iso2"), ascii("avc1"), ascii("mp41"));
  const fragmented = options.fragmentDuration !== undefined;
  const mvhd = fullBox("mvhd", 0, 0, uint(0, 4), uint(0, 4), uint(options.timescale, 4), uint(fragmented ? 0 : options.duration, 4), uint(0x10000, 4), uint(0x100, 2), new Uint8Array(10), MATRIX, new Uint8Array(24), uint(options.tracks.length + 1, 4));
  const mvex = fragmented ? [box("mvex", fullBox("mehd", 1, 0, uint(options.fragmentDuration!, 8)))] : [];
  const moov = box("moov", mvhd, ...options.tracks.map((track, i) => trak(track, i + 1, options.duration)), ...mvex);
  const mdatHeader = largeBoxHeader("mdat", options.mediaBytes);
  return options.layout === "moov-first" ? [ftyp, moov, mdatHeader, options.mediaBytes] : [ftyp, mdatHeader, options.mediaBytes, moov];
}

// ---- Matroska / WebM -------------------------------------------------------------------------

/** An EBML element ID's bytes (IDs are written with their length marker, as numbers here). */
function idBytes(id: number): Uint8Array {
  const length = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
  return uint(id, length);
}

/** An EBML size, in 8 bytes (any length is valid; muxers reserve 8 for sizes written later). */
function sizeBytes(size: number | null): Uint8Array {
  if (size === null) return Uint8Array.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const out = uint(size, 8);
  out[0] = 0x01;
  return out;
}

export function element(id: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(...content);
  return concat(idBytes(id), sizeBytes(body.length), body);
}

const uintElement = (id: number, value: number) => element(id, uint(value, value > 0xffffffff ? 8 : 4));
const stringElement = (id: number, value: string) => element(id, ascii(value));
function floatElement(id: number, value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return element(id, bytes);
}

export const MKV = {
  EBML: 0x1a45dfa3, EBMLVersion: 0x4286, EBMLReadVersion: 0x42f7, EBMLMaxIDLength: 0x42f2, EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282, DocTypeVersion: 0x4287, DocTypeReadVersion: 0x4285,
  Segment: 0x18538067, SeekHead: 0x114d9b74, Seek: 0x4dbb, SeekID: 0x53ab, SeekPosition: 0x53ac, Void: 0xec,
  Info: 0x1549a966, TimestampScale: 0x2ad7b1, Duration: 0x4489, MuxingApp: 0x4d80, WritingApp: 0x5741,
  Tracks: 0x1654ae6b, TrackEntry: 0xae, TrackNumber: 0xd7, TrackUID: 0x73c5, TrackType: 0x83, CodecID: 0x86,
  Language: 0x22b59c, LanguageIETF: 0x22b59d, Name: 0x536e, Video: 0xe0, PixelWidth: 0xb0, PixelHeight: 0xba,
  Audio: 0xe1, SamplingFrequency: 0xb5, Channels: 0x9f, Cluster: 0x1f43b675, Timestamp: 0xe7, SimpleBlock: 0xa3,
} as const;

export type MkvTrack = {
  kind: "video" | "audio" | "subtitle";
  codecId: string;
  /** Matroska Language (ISO 639-2/B); omitted means the format's default, "eng". */
  language?: string;
  languageIetf?: string;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
};

export type MkvOptions = {
  docType?: "matroska" | "webm";
  /** Duration in TimestampScale units (nanoseconds × scale). */
  duration: number;
  timestampScale?: number;
  tracks: MkvTrack[];
  /** Bytes of media data (zeros) in the first Cluster. */
  mediaBytes: number;
  /** Tracks after the Cluster, reachable only through the SeekHead. */
  tracksAfterMedia?: boolean;
  /** A Segment of unknown size, as live muxers write. */
  unknownSegmentSize?: boolean;
};

function trackEntry(track: MkvTrack, number: number): Uint8Array {
  const fields = [uintElement(MKV.TrackNumber, number), uintElement(MKV.TrackUID, 1000 + number), uintElement(MKV.TrackType, { video: 1, audio: 2, subtitle: 17 }[track.kind]), stringElement(MKV.CodecID, track.codecId)];
  if (track.language !== undefined) fields.push(stringElement(MKV.Language, track.language));
  if (track.languageIetf !== undefined) fields.push(stringElement(MKV.LanguageIETF, track.languageIetf));
  if (track.kind === "video") fields.push(element(MKV.Video, uintElement(MKV.PixelWidth, track.width ?? 0), uintElement(MKV.PixelHeight, track.height ?? 0)));
  if (track.kind === "audio") fields.push(element(MKV.Audio, floatElement(MKV.SamplingFrequency, track.sampleRate ?? 48000), uintElement(MKV.Channels, track.channels ?? 2)));
  return element(MKV.TrackEntry, ...fields);
}

/** A Matroska (or WebM) file: EBML header, then a Segment with SeekHead, Info, Tracks and one Cluster. */
export function muxMatroska(options: MkvOptions): Part[] {
  const ebml = element(
    MKV.EBML,
    uintElement(MKV.EBMLVersion, 1), uintElement(MKV.EBMLReadVersion, 1), uintElement(MKV.EBMLMaxIDLength, 4), uintElement(MKV.EBMLMaxSizeLength, 8),
    stringElement(MKV.DocType, options.docType ?? "matroska"), uintElement(MKV.DocTypeVersion, 4), uintElement(MKV.DocTypeReadVersion, 2),
  );
  const info = element(MKV.Info, uintElement(MKV.TimestampScale, options.timestampScale ?? 1_000_000), floatElement(MKV.Duration, options.duration), stringElement(MKV.MuxingApp, "relais-test"), stringElement(MKV.WritingApp, "relais-test"));
  const tracks = element(MKV.Tracks, ...options.tracks.map((track, i) => trackEntry(track, i + 1)));
  // A Cluster: its timestamp, then one block whose payload is the media (zeros, served by the origin).
  const clusterBody = concat(uintElement(MKV.Timestamp, 0), idBytes(MKV.SimpleBlock), sizeBytes(options.mediaBytes));
  const clusterHeader = concat(idBytes(MKV.Cluster), sizeBytes(clusterBody.length + options.mediaBytes));
  // Seek positions are offsets from the Segment's data; the SeekHead's own length is fixed (two entries, 8-byte sizes).
  const seekEntry = (id: number, position: number) => element(MKV.Seek, element(MKV.SeekID, idBytes(id)), uintElement(MKV.SeekPosition, position));
  const seekHeadLength = element(MKV.SeekHead, seekEntry(MKV.Info, 0), seekEntry(MKV.Tracks, 0)).length;
  const clusterLength = clusterHeader.length + clusterBody.length + options.mediaBytes;
  const infoAt = seekHeadLength;
  const tracksAt = options.tracksAfterMedia ? infoAt + info.length + clusterLength : infoAt + info.length;
  const seekHead = element(MKV.SeekHead, seekEntry(MKV.Info, infoAt), seekEntry(MKV.Tracks, tracksAt));
  const segmentLength = seekHead.length + info.length + tracks.length + clusterLength;
  const segmentHeader = concat(idBytes(MKV.Segment), sizeBytes(options.unknownSegmentSize ? null : segmentLength));
  return options.tracksAfterMedia
    ? [ebml, segmentHeader, seekHead, info, clusterHeader, clusterBody, options.mediaBytes, tracks]
    : [ebml, segmentHeader, seekHead, info, tracks, clusterHeader, clusterBody, options.mediaBytes];
}

/**
 * A stand-in origin in memory: answers `bytes=a-b` and `bytes=-n` ranges with 206, as a hoster
 * does (for domain tests and the bench, where no network is wanted).
 */
export function memoryOrigin(parts: Part[] | Uint8Array): { open: (range: string) => Promise<Response>; ranges: string[] } {
  const file = parts instanceof Uint8Array ? parts : joinParts(parts);
  const ranges: string[] = [];
  return {
    ranges,
    async open(range) {
      ranges.push(range);
      const match = /^bytes=(\d*)-(\d*)$/.exec(range)!;
      const start = match[1] === "" ? Math.max(0, file.length - Number(match[2])) : Number(match[1]);
      const end = match[1] === "" || match[2] === "" ? file.length - 1 : Math.min(Number(match[2]), file.length - 1);
      if (start >= file.length) return new Response(null, { status: 416, headers: { "content-range": `bytes */${file.length}` } });
      return new Response(file.slice(start, end + 1), { status: 206, headers: { "content-range": `bytes ${start}-${end}/${file.length}`, "content-length": String(end + 1 - start) } });
    },
  };
}
