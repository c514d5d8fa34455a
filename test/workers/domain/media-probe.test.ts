import { describe, expect, it } from "vitest";
import { MEDIA_INFO_FIRST_READ_BYTES, MEDIA_INFO_READ_BYTES } from "../../../src/config";
import { describeFilename } from "../../../src/media/filename";
import { probeMedia } from "../../../src/media/media-info";
import { describeCodec, describeLanguage } from "../../../src/media/names";
import { RangeReader } from "../../../src/media/range-reader";
import { memoryOrigin, muxMp4, type Mp4Track } from "../../helpers/media-fixtures";

const VIDEO: Mp4Track = { kind: "video", codec: "hvc1", language: "eng", timescale: 90_000, duration: 90_000 * 42, width: 3840, height: 2160 };

describe("MP4 and QuickTime headers", () => {
  it("reads 64-bit (version 1) boxes and QuickTime's Mac language codes", async () => {
    const origin = memoryOrigin(
      muxMp4({
        layout: "moov-first",
        quicktime: true,
        timescale: 600,
        duration: 600 * 42,
        mediaBytes: 100,
        tracks: [
          { ...VIDEO, version1: true },
          // Mac language code 1 is French, 0 English.
          { kind: "audio", codec: "sowt", language: 1, timescale: 44_100, duration: 44_100 * 42, channels: 2, sampleRate: 44_100, version1: true },
          { kind: "audio", codec: "lpcm", language: 0, timescale: 48_000, duration: 48_000 * 42, channels: 8, sampleRate: 48_000 },
        ],
      }),
    );
    const { media } = await probeMedia(origin.open);
    expect(media).toEqual({
      container: "mp4",
      durationSeconds: 42,
      tracks: [
        { kind: "video", codec: "hvc1", language: "eng", width: 3840, height: 2160 },
        { kind: "audio", codec: "sowt", language: "fre", channels: 2, sampleRate: 44_100 },
        { kind: "audio", codec: "lpcm", language: "eng", channels: 8, sampleRate: 48_000 },
      ],
    });
  });

  it("takes a fragmented file's duration from its movie extends header", async () => {
    const origin = memoryOrigin(muxMp4({ layout: "moov-first", timescale: 1000, duration: 0, fragmentDuration: 7_250, mediaBytes: 10, tracks: [{ ...VIDEO, duration: 0 }] }));
    expect((await probeMedia(origin.open)).media.durationSeconds).toBe(7.25);
  });

  it("reads the start once, then a header at the end with one suffix range", async () => {
    const origin = memoryOrigin(muxMp4({ layout: "moov-last", timescale: 1000, duration: 1000, mediaBytes: 2 * MEDIA_INFO_FIRST_READ_BYTES, tracks: [VIDEO] }));
    const { bytesRead } = await probeMedia(origin.open);
    expect(origin.ranges).toHaveLength(2);
    expect(origin.ranges[0]).toBe(`bytes=0-${MEDIA_INFO_FIRST_READ_BYTES - 1}`);
    expect(origin.ranges[1]).toMatch(/^bytes=-\d+$/);
    expect(bytesRead).toBeLessThan(MEDIA_INFO_FIRST_READ_BYTES + MEDIA_INFO_READ_BYTES);
  });
});

describe("the range reader", () => {
  const limits = { maxBytes: 1000, maxRequests: 3, firstReadBytes: 100, readBytes: 50 };

  it("serves reads from what it already has, and refuses an origin that answers another range", async () => {
    const origin = memoryOrigin([new Uint8Array(400).map((_, i) => i % 256)]);
    const reader = new RangeReader(origin.open, limits);
    expect([...(await reader.read(0, 3))]).toEqual([0, 1, 2]);
    expect([...(await reader.read(90, 2))]).toEqual([90, 91]);
    expect(origin.ranges).toEqual(["bytes=0-99"]);
    expect(reader.size).toBe(400);
    // The rest of the file fits one read: a suffix range.
    expect([...(await reader.read(360, 2))]).toEqual([104, 105]);
    expect(origin.ranges[1]).toBe("bytes=-40");
    const liar = new RangeReader(async () => new Response("x".repeat(10), { status: 206, headers: { "content-range": "bytes 5-14/100" } }), limits);
    await expect(liar.read(0, 4)).rejects.toMatchObject({ key: "media_info_unavailable", details: { reason: "no_ranges" } });
  });

  it("refuses past its request and byte budgets, before asking", async () => {
    const origin = memoryOrigin([new Uint8Array(10_000)]);
    const reader = new RangeReader(origin.open, limits);
    for (const offset of [0, 1000, 2000]) await reader.read(offset, 1);
    await expect(reader.read(3000, 1)).rejects.toMatchObject({ details: { reason: "header_too_large" } });
    const greedy = new RangeReader(origin.open, limits);
    await expect(greedy.read(0, 1001)).rejects.toMatchObject({ details: { reason: "header_too_large" } });
    expect(origin.ranges).toHaveLength(3);
  });
});

describe("names", () => {
  it("languages: ISO 639-2 bibliographic codes and English names, from /B, /T, 639-1 and BCP 47", () => {
    expect(describeLanguage("fra")).toEqual({ iso: "fre", name: "French" });
    expect(describeLanguage("fre")).toEqual({ iso: "fre", name: "French" });
    expect(describeLanguage("de")).toEqual({ iso: "ger", name: "German" });
    expect(describeLanguage("pt-BR")).toEqual({ iso: "por", name: "Portuguese" });
    expect(describeLanguage("zh_Hant")).toEqual({ iso: "chi", name: "Chinese" });
    expect(describeLanguage(null)).toEqual({ iso: "und", name: "Undetermined" });
    expect(describeLanguage("?!")).toEqual({ iso: "und", name: "Undetermined" });
    expect(describeLanguage("haw")).toEqual({ iso: "haw", name: "Hawaiian" });
  });

  it("codecs: MP4 sample entries and Matroska codec ids by their usual names", () => {
    expect(["avc1", "hev1", "mp4a", "ec-3", "V_MPEGH/ISO/HEVC", "A_AAC/MPEG2/LC/SBR", "A_DTS/EXPRESS", "S_TEXT/UTF8", "V_MS/VFW/FOURCC"].map(describeCodec)).toEqual([
      "h264", "hevc", "aac", "eac3", "hevc", "aac", "dts", "subrip", "v_ms/vfw/fourcc",
    ]);
  });

  it("file names: title, year, season and episode as release names write them", () => {
    expect(describeFilename("The.Matrix.1999.1080p.BluRay.x264.mkv")).toEqual({ title: "The Matrix", season: null, episode: null, year: "1999" });
    expect(describeFilename("Some Show - S01E02 - Pilot.mkv")).toEqual({ title: "Some Show", season: "1", episode: "2", year: null });
    expect(describeFilename("show_name_3x07_hdtv.avi")).toEqual({ title: "show name", season: "3", episode: "7", year: null });
    expect(describeFilename("2001.A.Space.Odyssey.1968.mkv")).toEqual({ title: "2001 A Space Odyssey", season: null, episode: null, year: "1968" });
    expect(describeFilename("vacances été 🎉.mp4")).toEqual({ title: "vacances été 🎉", season: null, episode: null, year: null });
  });
});
