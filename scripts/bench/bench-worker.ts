/**
 * The Worker as benchmarked: the real app with the journal on, off, or writing to a sink (a header
 * that only this bench entry reads chooses), plus routes to seed expired journal rows and sweep,
 * and to parse media headers and open containers held in memory.
 */
import { createApp } from "../../src/app";
import { CONTAINER_MAX_LINKS, RSDF_MAX_LINK_BYTES } from "../../src/config";
import { openContainer } from "../../src/containers";
import { MEDIA_READ_LIMITS, probeMedia } from "../../src/media/media-info";
import { RangeReader } from "../../src/media/range-reader";
import { findRetentionCategory } from "../../src/retention/policy";
import { sweepCategory } from "../../src/retention/sweep";
import { encodeCcf, encodeRsdf } from "../../test/helpers/containers";
import { joinParts, memoryOrigin, muxMatroska, muxMp4, type Mp4Track } from "../../test/helpers/media-fixtures";

const withJournal = createApp();
const withoutJournal = createApp({ journal: { enabled: false } });

/**
 * A JOURNAL binding that accepts every batch at once. Locally D1 is simulated inside the same
 * workerd, on the same cores, while at the edge its writes run on D1's servers: this variant
 * measures what the journal costs the Worker itself. Counts rows, so the bench can check them.
 */
let sunkRows = 0;
const sinkJournal = {
  prepare: () => ({ bind: (json: string) => ({ json }) }),
  batch: async (statements: { json: string }[]) => {
    // Counted without parsing: the sink must cost next to nothing, or it would be billed to the journal.
    for (const s of statements) sunkRows += s.json.split('"requestId":').length - 1;
    return [];
  },
} as unknown as D1Database;

/** A film's tracks with `samples` samples each (the sample tables are what make a long film's header large). */
function filmTracks(samples: number): Mp4Track[] {
  return [
    { kind: "video", codec: "avc1", language: "eng", timescale: 24_000, duration: 24_000 * 7200, width: 1920, height: 1080, samples },
    { kind: "audio", codec: "mp4a", language: "eng", timescale: 48_000, duration: 48_000 * 7200, channels: 2, sampleRate: 48_000, samples },
    { kind: "audio", codec: "ac-3", language: "fra", timescale: 48_000, duration: 48_000 * 7200, channels: 6, sampleRate: 48_000, samples },
    { kind: "subtitle", codec: "tx3g", language: "fra", timescale: 1000, duration: 7_200_000, samples: 2000 },
  ];
}

type BenchFile = { kind: "media" | "container"; file: Uint8Array } | { kind: "reads"; file: Uint8Array; ranges: string[] };
let benchFiles: Promise<Record<string, BenchFile>> | null = null;

/** Built once per isolate: a two-hour film's MP4 header with tiny and with real-sized sample tables, an MKV header, full-size containers. */
async function buildBenchFiles(): Promise<Record<string, BenchFile>> {
  const film = (samples: number) => joinParts(muxMp4({ layout: "moov-first", timescale: 1000, duration: 7_200_000, tracks: filmTracks(samples), mediaBytes: 1024 }));
  const links = Array.from({ length: CONTAINER_MAX_LINKS }, (_, i) => `https://files.example.com/${i.toString(36)}/Some.Release.Name.2024.1080p.part${i}.rar`);
  // As many of those links as one RSDF may hold: its most costly accepted file.
  let rsdfBytes = 0;
  const rsdfLinks = links.filter((link) => (rsdfBytes += link.length) <= RSDF_MAX_LINK_BYTES);
  // 172,800 video frames (two hours at 24 fps), as many audio frames: about 2 MB of sample sizes.
  const longFilm = film(172_800);
  const origin = memoryOrigin(longFilm);
  await probeMedia(origin.open);
  return {
    "mp4-small": { kind: "media", file: film(10) },
    "mp4-film": { kind: "media", file: longFilm },
    // The same range reads as parsing the film makes, without the parsing: what reading costs here.
    "mp4-film-reads": { kind: "reads", file: longFilm, ranges: origin.ranges },
    mkv: { kind: "media", file: joinParts(muxMatroska({ duration: 7_200_000, tracks: [{ kind: "video", codecId: "V_MPEGH/ISO/HEVC", width: 3840, height: 2160 }, { kind: "audio", codecId: "A_EAC3", language: "ger", channels: 6 }, { kind: "subtitle", codecId: "S_TEXT/UTF8", language: "fre" }], mediaBytes: 1024 })) },
    rsdf: { kind: "container", file: await encodeRsdf(rsdfLinks) },
    ccf: { kind: "container", file: await encodeCcf(links) },
  };
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/media") {
      // `n` runs per request, so that the work outweighs the request's own cost.
      const name = url.searchParams.get("file") ?? "";
      const runs = Number(url.searchParams.get("n") ?? 1);
      if (name === "none") return Response.json({ name });
      const entry = (await (benchFiles ??= buildBenchFiles()))[name];
      if (!entry) return new Response("unknown bench file", { status: 404 });
      let result: Record<string, number> = {};
      for (let run = 0; run < runs; run++) {
        if (entry.kind === "container") {
          result = { links: (await openContainer(entry.file)).length };
        } else if (entry.kind === "reads") {
          const reader = new RangeReader(memoryOrigin(entry.file).open, MEDIA_READ_LIMITS);
          for (const range of entry.ranges) {
            const [start, end] = range.slice("bytes=".length).split("-").map(Number) as [number, number];
            await reader.read(start, end - start + 1);
          }
          result = { bytes: reader.bytesRead };
        } else {
          const { media, bytesRead } = await probeMedia(memoryOrigin(entry.file).open);
          result = { tracks: media.tracks.length, bytesRead, size: entry.file.length };
        }
      }
      return Response.json({ name, ...result });
    }
    if (url.pathname === "/__bench/seed-journal") {
      const rows = Number(url.searchParams.get("rows"));
      const at = Number(url.searchParams.get("at"));
      const statements = [];
      for (let start = 0; start < rows; start += 500) {
        const values = Array.from({ length: Math.min(500, rows - start) }, (_, i) => `('seed-${at}-${start + i}', ${at + start + i}, '192.0.2.1', 'GET', 'relais.test', '/', 200, 1, 1)`);
        statements.push(env.JOURNAL.prepare(`INSERT INTO request_journal (request_id, at, ip, method, host, path, status, duration_ms, response_bytes) VALUES ${values.join(",")}`));
      }
      await env.JOURNAL.batch(statements);
      return Response.json({ seeded: rows });
    }
    if (url.pathname === "/__bench/journal-count") {
      const row = await env.JOURNAL.prepare("SELECT count(*) AS n FROM request_journal WHERE path = '/healthz' AND query = 'bench=1'").first<{ n: number }>();
      return Response.json({ records: row?.n ?? 0, sunk: sunkRows });
    }
    if (url.pathname === "/__bench/sweep") {
      const now = Number(url.searchParams.get("now"));
      const result = await sweepCategory(env, findRetentionCategory("request_journal"), now, { maxChunks: 1_000 });
      return Response.json(result);
    }
    const variant = request.headers.get("x-bench-journal");
    if (variant === "off") return withoutJournal.fetch(request, env, ctx);
    if (variant === "sink") return withJournal.fetch(request, { ...env, JOURNAL: sinkJournal }, ctx);
    return withJournal.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
