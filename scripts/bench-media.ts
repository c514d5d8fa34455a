/**
 * Media and container figures for `npm run bench`: the Worker's time to parse a media header or
 * open a full-size container held in memory (no network), each request running the work several
 * times, against a no-op request in the same workerd; one request at a time, rounds interleaved.
 * The film's header is read lazily: the same range reads without the parsing are measured too,
 * and the parsing's own time compared with that of the same tracks with tiny sample tables
 * (about 1: the tables are stepped over, not read).
 */
import { createServer } from "node:net";
import { startMiniflareWorker } from "../test/node/miniflare-worker.ts";
import { measureThroughput, median } from "./bench/measure.ts";

const ROUNDS = 7;
const REQUESTS_PER_ROUND = 40;
/** Runs per request: enough for the work to stand out of the request's own cost on a loaded machine. */
const RUNS: Record<string, number> = { none: 1, "mp4-small": 20, "mp4-film": 20, "mp4-film-reads": 20, mkv: 20, rsdf: 2, ccf: 5 };
const FILES = Object.keys(RUNS);

/** A port nothing listens on now: this part needs no fixed one, and the machine is shared. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function benchMedia(): Promise<void> {
  const worker = await startMiniflareWorker([], "scripts/bench/bench-worker.ts", {}, await freePort());
  try {
    const send = (file: string) => () => fetch(`${worker.siteUrl}/__bench/media?file=${file}&n=${RUNS[file]}`);
    const facts: Record<string, Record<string, number>> = {};
    for (const file of FILES) facts[file] = (await (await send(file)()).json()) as Record<string, number>;
    for (const file of FILES) await measureThroughput(send(file), 10, 1); // warm-up
    const msPerRequest: Record<string, number[]> = Object.fromEntries(FILES.map((file) => [file, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotated order each round, so that drift in machine load hits every file alike.
      for (let i = 0; i < FILES.length; i++) {
        const file = FILES[(i + round) % FILES.length]!;
        msPerRequest[file]!.push(1000 / (await measureThroughput(send(file), REQUESTS_PER_ROUND, 1)));
      }
    }
    const base = median(msPerRequest.none!);
    /** Milliseconds per run of the work, the request's own cost taken out. */
    const perRun = (file: string) => Math.max(0, (median(msPerRequest[file]!) - base) / RUNS[file]!);
    const film = facts["mp4-film"]!;
    const parsing = Math.max(0, perRun("mp4-film") - perRun("mp4-film-reads"));
    console.log(`media    no-op request: ${base.toFixed(2)} ms (median of ${ROUNDS} rounds of ${REQUESTS_PER_ROUND} requests, one at a time)`);
    console.log(`media    two-hour film's MP4 header (${(film.size! / 1024 ** 2).toFixed(1)} MB, ${film.tracks} tracks, ${Math.round(film.bytesRead! / 1024)} KiB read in range requests): ${perRun("mp4-film").toFixed(3)} ms; the same reads alone ${perRun("mp4-film-reads").toFixed(3)} ms, parsing ${parsing.toFixed(3)} ms`);
    console.log(`media    same tracks with tiny sample tables, all in (one small read): ${perRun("mp4-small").toFixed(3)} ms; film's parsing / tiny all in = ${(parsing / Math.max(perRun("mp4-small"), 0.001)).toFixed(2)} (about 1: the film's 2 MB of sample tables cost reads, not parsing)`);
    console.log(`media    Matroska header: ${perRun("mkv").toFixed(3)} ms`);
    console.log(`container largest RSDF accepted (${facts.rsdf!.links} links, RSDF_MAX_LINK_BYTES): ${perRun("rsdf").toFixed(2)} ms (8-bit CFB: one AES block per byte, in JavaScript); ${facts.ccf!.links}-link CCF: ${perRun("ccf").toFixed(2)} ms (WebCrypto); ratio ${(perRun("rsdf") / Math.max(perRun("ccf"), 0.001)).toFixed(1)}`);
  } finally {
    await worker.stop();
  }
}
