import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MEDIA_INFO_MAX_BYTES, MEDIA_INFO_MAX_REQUESTS } from "../../../src/config";
import { api, unrestrictFixture, type OriginFixture } from "../../helpers/api";
import { createTestAccount, type TestAccount } from "../../helpers/factories";
import { muxMatroska, muxMp4, partsLength, type Mp4Options, type Part } from "../../helpers/media-fixtures";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

let account: TestAccount;

beforeAll(async () => {
  account = await createTestAccount({ premiumDays: 30 });
});

const download = (filename: string, parts: Part[], query = "") => unrestrictFixture(account.token, filename, parts, query);

/** mediaInfos, and what the origin did for it alone: requests, Range headers, body bytes. */
async function mediaInfos(id: string, fixture: OriginFixture): Promise<{ status: number; body: Record<string, unknown>; requests: number; ranges: (string | null)[]; bytesSent: number }> {
  const before = await fixture.stats();
  const response = await api(`streaming/mediaInfos/${id}`, { token: account.token });
  const body = (await response.json()) as Record<string, unknown>;
  const after = await fixture.stats();
  return { status: response.status, body, requests: after.requests - before.requests, ranges: after.ranges.slice(before.ranges.length), bytesSent: after.bytesSent - before.bytesSent };
}

/** A feature film: 90 minutes and half a second; video, two audio languages, French subtitles. */
const FILM: Omit<Mp4Options, "layout" | "mediaBytes"> = {
  timescale: 1000,
  duration: 5_400_500,
  tracks: [
    { kind: "video", codec: "avc1", language: "und", timescale: 24_000, duration: 5_400.5 * 24_000, width: 1920, height: 1080 },
    { kind: "audio", codec: "mp4a", language: "eng", timescale: 48_000, duration: 5_400.5 * 48_000, channels: 2, sampleRate: 48_000 },
    { kind: "audio", codec: "ac-3", language: "fra", timescale: 48_000, duration: 5_400.5 * 48_000, channels: 6, sampleRate: 48_000 },
    { kind: "subtitle", codec: "tx3g", language: "fra", timescale: 1000, duration: 5_400_500 },
  ],
};

const FILM_DETAILS = {
  video: { und1: { stream: "0:0", lang: "Undetermined", lang_iso: "und", codec: "h264", colorspace: null, width: 1920, height: 1080 } },
  audio: {
    eng1: { stream: "0:1", lang: "English", lang_iso: "eng", codec: "aac", sampling: 48_000, channels: 2 },
    fre1: { stream: "0:2", lang: "French", lang_iso: "fre", codec: "ac3", sampling: 48_000, channels: 5.1 },
  },
  subtitles: { fre1: { stream: "0:3", lang: "French", lang_iso: "fre", type: "TX3G" } },
};

describe("GET /streaming/mediaInfos/{id} on an MP4", () => {
  it("answers duration, codecs, resolution and track languages in Real-Debrid's shape", async () => {
    const parts = muxMp4({ ...FILM, layout: "moov-first", mediaBytes: 8 * MIB });
    const { id, fixture } = await download("The.Test.Film.2019.1080p.WEB-DL.mp4", parts);
    const { status, body } = await mediaInfos(id, fixture);
    expect(status).toBe(200);
    const size = partsLength(parts);
    expect(body).toEqual({
      filename: "The Test Film",
      hoster: "direct",
      link: fixture.url,
      type: "movie",
      season: null,
      episode: null,
      year: "2019",
      duration: 5400.5,
      bitrate: Math.round((size * 8) / 5400.5),
      size,
      details: FILM_DETAILS,
      poster_path: null,
      audio_image: null,
      backdrop_path: null,
    });
  });

  it("finds a header written after 1 GiB of media with a suffix range, reading at most the bounded bytes", async () => {
    const parts = muxMp4({ ...FILM, layout: "moov-last", mediaBytes: GIB });
    const { id, fixture } = await download("Phone Video.mp4", parts);
    const { status, body, ranges, bytesSent, requests } = await mediaInfos(id, fixture);
    expect(status).toBe(200);
    expect(body).toMatchObject({ duration: 5400.5, size: partsLength(parts), details: FILM_DETAILS });
    expect(ranges.some((range) => range?.startsWith("bytes=-"))).toBe(true);
    expect(bytesSent).toBeLessThanOrEqual(MEDIA_INFO_MAX_BYTES);
    expect(requests).toBeLessThanOrEqual(MEDIA_INFO_MAX_REQUESTS);
  });

  it("steps over the sample tables of a long film's header instead of reading them", async () => {
    // 300,000 samples per track: 1.2 MB of sample sizes each, a header of about 3.6 MB after 1 GiB of media.
    const tracks = FILM.tracks.slice(0, 3).map((track) => ({ ...track, samples: 300_000 }));
    const parts = muxMp4({ ...FILM, tracks, layout: "moov-last", mediaBytes: GIB });
    const moovBytes = (parts[3] as Uint8Array).length;
    expect(moovBytes).toBeGreaterThan(3 * MIB);
    const { id, fixture } = await download("Long.Film.1968.mp4", parts);
    const { status, body, bytesSent } = await mediaInfos(id, fixture);
    expect(status).toBe(200);
    expect(body).toMatchObject({ duration: 5400.5, year: "1968", details: { video: FILM_DETAILS.video, audio: FILM_DETAILS.audio, subtitles: {} } });
    expect(bytesSent).toBeLessThan(moovBytes / 2);
  });
});

describe("GET /streaming/mediaInfos/{id} on Matroska and WebM", () => {
  const SERIES_TRACKS = [
    { kind: "video", codecId: "V_MPEG4/ISO/AVC", width: 1280, height: 720 },
    { kind: "audio", codecId: "A_AAC/MPEG4/LC", language: "jpn", sampleRate: 44_100, channels: 2 },
    { kind: "audio", codecId: "A_EAC3", language: "ger", sampleRate: 48_000, channels: 6 },
    { kind: "subtitle", codecId: "S_TEXT/UTF8", language: "fre" },
    { kind: "subtitle", codecId: "S_TEXT/ASS", language: "por", languageIetf: "pt-BR" },
    { kind: "subtitle", codecId: "S_HDMV/PGS", language: "fre" },
  ] as const;
  const SERIES_DETAILS = {
    // No Language element: Matroska's default, English.
    video: { eng1: { stream: "0:0", lang: "English", lang_iso: "eng", codec: "h264", colorspace: null, width: 1280, height: 720 } },
    audio: {
      jpn1: { stream: "0:1", lang: "Japanese", lang_iso: "jpn", codec: "aac", sampling: 44_100, channels: 2 },
      ger1: { stream: "0:2", lang: "German", lang_iso: "ger", codec: "eac3", sampling: 48_000, channels: 5.1 },
    },
    subtitles: {
      fre1: { stream: "0:3", lang: "French", lang_iso: "fre", type: "SRT" },
      por1: { stream: "0:4", lang: "Portuguese", lang_iso: "por", type: "ASS" },
      fre2: { stream: "0:5", lang: "French", lang_iso: "fre", type: "PGS" },
    },
  };

  it("answers an episode's duration, codecs, resolution and languages", async () => {
    const parts = muxMatroska({ duration: 1_234_567, tracks: [...SERIES_TRACKS], mediaBytes: 4 * MIB });
    const { id, fixture } = await download("Show.Name.S02E05.720p.HDTV.mkv", parts);
    const { status, body } = await mediaInfos(id, fixture);
    expect(status).toBe(200);
    const size = partsLength(parts);
    expect(body).toEqual({
      filename: "Show Name",
      hoster: "direct",
      link: fixture.url,
      type: "show",
      season: "2",
      episode: "5",
      year: null,
      duration: 1234.567,
      bitrate: Math.round((size * 8) / 1234.567),
      size,
      details: SERIES_DETAILS,
      poster_path: null,
      audio_image: null,
      backdrop_path: null,
    });
  });

  it("follows the SeekHead to tracks written after 64 MiB of media in a Segment of unknown size, within the bound", async () => {
    const parts = muxMatroska({ duration: 1_234_567, tracks: [...SERIES_TRACKS], mediaBytes: 64 * MIB, tracksAfterMedia: true, unknownSegmentSize: true });
    const { id, fixture } = await download("Show.Name.S02E05.mkv", parts);
    const { status, body, bytesSent, requests } = await mediaInfos(id, fixture);
    expect(status).toBe(200);
    expect(body).toMatchObject({ duration: 1234.567, details: SERIES_DETAILS });
    expect(bytesSent).toBeLessThanOrEqual(MEDIA_INFO_MAX_BYTES);
    expect(requests).toBeLessThanOrEqual(MEDIA_INFO_MAX_REQUESTS);
  });

  it("reports an audio-only WebM as audio, with a timestamp scale other than the default", async () => {
    const parts = muxMatroska({ docType: "webm", duration: 2_000, timestampScale: 100_000_000, tracks: [{ kind: "audio", codecId: "A_OPUS", language: "spa", sampleRate: 48_000, channels: 2 }], mediaBytes: 1000 });
    const { id, fixture } = await download("podcast.webm", parts);
    const { status, body } = await mediaInfos(id, fixture);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: "audio",
      duration: 200,
      details: { video: {}, audio: { spa1: { stream: "0:0", lang: "Spanish", lang_iso: "spa", codec: "opus", sampling: 48_000, channels: 2 } }, subtitles: {} },
    });
  });
});

describe("what reading media information costs the user", () => {
  it("counts nothing in the account's traffic: the user gets a description, not the file", async () => {
    const { id, fixture } = await download("Counted.2020.mp4", muxMp4({ ...FILM, layout: "moov-last", mediaBytes: 32 * MIB }));
    const traffic = () => env.DB.prepare("SELECT coalesce(sum(bytes), 0) AS bytes FROM traffic_daily WHERE account_id = ?").bind(account.accountId).first<{ bytes: number }>();
    const before = await traffic();
    const { status, bytesSent } = await mediaInfos(id, fixture);
    expect(status).toBe(200);
    expect(bytesSent).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await traffic()).toEqual(before);
  });
});

describe("GET /streaming/transcode/{id}", () => {
  it("is a disabled endpoint: 403, code 37, whatever the id", async () => {
    const { id } = await download("Any.2021.mp4", muxMp4({ ...FILM, layout: "moov-first", mediaBytes: 1000 }));
    for (const target of [id, "UNKNOWN"]) {
      const response = await api(`streaming/transcode/${target}`, { token: account.token });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "disabled_endpoint", error_code: 37, reason: "no_transcoding" });
    }
  });
});
