/**
 * A local file origin for development and browser tests, on 127.0.0.1:8790 (the port wrangler.toml
 * allow-lists locally): e.g. http://127.0.0.1:8790/files/10485760/film.mkv is a 10 MiB file.
 */
import { startOriginServer } from "../test/servers/origin-server.ts";

const port = Number(process.env.ORIGIN_PORT ?? 8790);
const origin = await startOriginServer(port);
console.log(`test origin on ${origin.url} — try ${origin.url}/files/10485760/film.mkv`);
