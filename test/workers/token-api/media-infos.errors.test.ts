import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MEDIA_INFO_MAX_BYTES, MEDIA_INFO_MAX_ELEMENTS, MEDIA_INFO_MAX_REQUESTS } from "../../../src/config";
import { api, originFile, unrestrictFixture } from "../../helpers/api";
import { countRows } from "../../helpers/storage";
import { createTestAccount, type TestAccount } from "../../helpers/factories";
import { box, concat, element, joinParts, MKV, muxMatroska, muxMp4, type Mp4Options, type Part } from "../../helpers/media-fixtures";

const MIB = 1024 ** 2;

let account: TestAccount;

beforeAll(async () => {
  account = await createTestAccount({ premiumDays: 30 });
});

const download = (filename: string, parts: Part[], query = "") => unrestrictFixture(account.token, filename, parts, query);

async function storedRows(): Promise<number[]> {
  const bytes = await env.DB.prepare("SELECT coalesce(sum(bytes), 0) AS n FROM traffic_daily").first<{ n: number }>();
  return [await countRows("downloads"), await countRows("traffic_daily"), bytes!.n];
}

/** The exact error body, and nothing written: no download, no traffic row, no byte counted. */
async function expectRefusal(id: string, status: number, error: string, errorCode: number, details: Record<string, unknown> = {}): Promise<void> {
  const before = await storedRows();
  const response = await api(`streaming/mediaInfos/${id}`, { token: account.token });
  expect(response.status, id).toBe(status);
  const body = (await response.json()) as Record<string, unknown>;
  expect({ error: body.error, error_code: body.error_code, ...Object.fromEntries(Object.keys(details).map((key) => [key, body[key]])) }).toEqual({ error, error_code: errorCode, ...details });
  expect(await storedRows()).toEqual(before);
}

const unavailable = (id: string, reason: string) => expectRefusal(id, 503, "media_info_unavailable", 25, { reason });

const SHORT: Omit<Mp4Options, "layout" | "mediaBytes"> = {
  timescale: 1000,
  duration: 60_000,
  tracks: [{ kind: "video", codec: "avc1", language: "eng", timescale: 1000, duration: 60_000, width: 640, height: 360 }],
};

describe("files mediaInfos cannot describe: 503 media_info_unavailable (code 25) with the reason", () => {
  it("neither MP4 nor Matroska: unknown_format", async () => {
    const file = originFile(300_000, "holiday.mkv", 5);
    const response = await api("unrestrict/link", { token: account.token, form: { link: file.url } });
    await unavailable(((await response.json()) as { id: string }).id, "unknown_format");
    // EBML, but another document type.
    const other = joinParts(muxMatroska({ duration: 1000, tracks: [{ kind: "audio", codecId: "A_OPUS" }], mediaBytes: 10 }));
    const docType = new TextEncoder().encode("matroska");
    const at = other.findIndex((_, i) => docType.every((byte, j) => other[i + j] === byte));
    other.set(new TextEncoder().encode("notmedia"), at);
    await unavailable((await download("other.mkv", [other])).id, "unknown_format");
  });

  it("damaged headers: malformed", async () => {
    const ftyp = box("ftyp", new TextEncoder().encode("isom"), new Uint8Array(4));
    // A box claiming fewer bytes than its own header.
    await unavailable((await download("tiny.mp4", [ftyp, Uint8Array.from([0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x76])])).id, "malformed");
    // A track that runs past the end of its movie box.
    const trak = box("trak", box("tkhd", new Uint8Array(84)));
    trak.set([0, 0, 0x10, 0], 0);
    await unavailable((await download("overrun.mp4", [ftyp, box("moov", trak)])).id, "malformed");
    // A Matroska track list cut short by the end of the file.
    const [ebml, segment, seekHead, info, tracks] = muxMatroska({ duration: 1000, tracks: [{ kind: "audio", codecId: "A_OPUS" }], mediaBytes: 10 }) as Uint8Array[];
    await unavailable((await download("cut.mkv", [ebml!, segment!, seekHead!, info!, tracks!.subarray(0, tracks!.length - 5)])).id, "malformed");
  });

  it("no tracks: no_tracks", async () => {
    const ftyp = box("ftyp", new TextEncoder().encode("isom"), new Uint8Array(4));
    await unavailable((await download("empty.mp4", [ftyp, box("free"), box("moov", box("free"))])).id, "no_tracks");
    await unavailable((await download("no-moov.mp4", [ftyp, box("free", new Uint8Array(100))])).id, "no_tracks");
    // A track list without entries; then one with none, the Cluster coming first and no SeekHead entry for tracks.
    await unavailable((await download("no-tracks.mkv", muxMatroska({ duration: 1000, tracks: [], mediaBytes: 10 }))).id, "no_tracks");
    const [ebml, , , info] = muxMatroska({ duration: 1000, tracks: [], mediaBytes: 0 }) as Uint8Array[];
    await unavailable((await download("cluster-first.mkv", [ebml!, element(MKV.Segment, info!, element(MKV.Cluster))])).id, "no_tracks");
  });

  it("a header beyond what one call may read: header_too_large, after at most the bounded requests and bytes", async () => {
    const ftyp = box("ftyp", new TextEncoder().encode("isom"), new Uint8Array(4));
    const padding = (bytes: number) => [concat(Uint8Array.from([(bytes + 8) >>> 24, ((bytes + 8) >>> 16) & 0xff, ((bytes + 8) >>> 8) & 0xff, (bytes + 8) & 0xff]), new TextEncoder().encode("free")), bytes];
    // Ten 8 MiB padding boxes before the header: each step over them is one more range request.
    const parts: Part[] = [ftyp, ...Array.from({ length: 10 }, () => padding(8 * MIB)).flat() as Part[], ...muxMp4({ ...SHORT, layout: "moov-first", mediaBytes: 10 }).slice(1)];
    const { id, fixture } = await download("padded.mp4", parts);
    const before = await fixture.stats();
    await unavailable(id, "header_too_large");
    const after = await fixture.stats();
    expect(after.requests - before.requests).toBe(MEDIA_INFO_MAX_REQUESTS);
    expect(after.bytesSent - before.bytesSent).toBeLessThanOrEqual(MEDIA_INFO_MAX_BYTES);
  });

  it("more boxes than a call may visit: too_complex", async () => {
    const [ftyp, moov] = muxMp4({ ...SHORT, layout: "moov-first", mediaBytes: 10 }) as Uint8Array[];
    const crowded = box("moov", ...Array.from({ length: MEDIA_INFO_MAX_ELEMENTS + 1 }, () => box("free")), moov!.subarray(8));
    await unavailable((await download("crowded.mp4", [ftyp!, crowded])).id, "too_complex");
  });

  it("an origin that ignores Range, with the header at the end: no_ranges", async () => {
    const { id } = await download("no-ranges.mp4", muxMp4({ ...SHORT, layout: "moov-last", mediaBytes: 2 * MIB }), "noranges=1");
    await unavailable(id, "no_ranges");
  });

  it("never answers anything but 200 or the error shape, however the header is damaged", async () => {
    const seeds = [joinParts(muxMp4({ ...SHORT, layout: "moov-first", mediaBytes: 100 })), joinParts(muxMatroska({ duration: 5000, tracks: [{ kind: "video", codecId: "V_VP9", width: 320, height: 240 }, { kind: "audio", codecId: "A_OPUS", language: "fre" }], mediaBytes: 100 }))];
    let random = 12345;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 16; round++) {
      const file = seeds[round % 2]!.slice();
      // Damage the header: a few bytes changed anywhere but the first four (which name the format).
      for (let i = 0; i < 1 + (round % 4); i++) file[4 + (next() % (file.length - 104))] = next() % 256;
      const { id } = await download(`damaged-${round}.${round % 2 ? "mkv" : "mp4"}`, [file]);
      const response = await api(`streaming/mediaInfos/${id}`, { token: account.token });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status === 200) expect(body).toHaveProperty("details");
      else expect({ status: response.status, error: body.error, error_code: body.error_code }).toEqual({ status: 503, error: "media_info_unavailable", error_code: 25 });
    }
  });
});

describe("ids that name no download of the account", () => {
  it("unknown, too long or odd ids: 404 resource_not_found (code 7)", async () => {
    for (const id of ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x", "x".repeat(500), "%00", "..%2F..%2Fetc", "%E2%80%AE"]) await expectRefusal(id, 404, "resource_not_found", 7);
  });

  it("a download whose generated link has expired: 404 download_expired (code 7), nothing fetched", async () => {
    const { id, fixture } = await download("Old.2019.mp4", muxMp4({ ...SHORT, layout: "moov-first", mediaBytes: 10 }));
    await env.DB.prepare("UPDATE downloads SET expires_at = 1 WHERE id = ?").bind(id).run();
    const before = (await fixture.stats()).requests;
    await expectRefusal(id, 404, "download_expired", 7);
    expect((await fixture.stats()).requests).toBe(before);
  });

  it("a premium-only hoster's download once the account is free again: 403 hoster_not_free (code 20)", async () => {
    const owner = await createTestAccount({ premiumDays: 30 });
    const response = await api("unrestrict/link", { token: owner.token, form: { link: "https://1fichier.com/?relais1test" } });
    const { id } = (await response.json()) as { id: string };
    await env.DB.prepare("UPDATE accounts SET premium_until = NULL WHERE id = ?").bind(owner.accountId).run();
    const refused = await api(`streaming/mediaInfos/${id}`, { token: owner.token });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "hoster_not_free", error_code: 20 });
  });
});
