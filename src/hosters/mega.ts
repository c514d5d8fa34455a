/**
 * MEGA, an end-to-end encrypted public host, through its API (MEGA_API_URL, `POST /cs?id=<seq>`
 * with a JSON array of commands, as MEGA's open-source SDK and web client send them): `{"a":"g",
 * "p":<handle>}` gives a public file's size, encrypted attributes and (with `"g":1`) a temporary
 * download URL that takes a byte range as a `/<start>-<end>` path suffix; with `&n=<folder>` in the
 * query, `{"a":"f"}` lists a shared folder and `{"a":"g","n":<node>}` opens one of its files. Errors
 * are negative numbers (-9 not found, -16 blocked, -17 over quota, -3 try again…).
 *
 * The key is in the link's fragment, which the user pastes whole; it lives only in memory and in
 * the encrypted link of the download record. The file is decrypted here while it streams
 * (AES-128-CTR), for ranges starting at any byte.
 */
import { MINUTE_MS } from "../lib/time";
import { apiUrl, callHoster, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, linkPattern, namedFile, numberField, stringField } from "./hoster-api";
import { decodeMegaBase64, decryptAttributes, decryptedStream, decryptNodeKey, encodeMegaBase64, splitFileKey } from "./mega-crypto";
import { fetchOrigin } from "./origin";
import { resolvingAdapter, type Resolved } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const DOMAINS = ["mega.nz", "mega.co.nz", "mega.io"] as const;
const H = "[A-Za-z0-9_-]{8}";

/** A public file (its key in the link), or a file of a shared folder (the folder's key in the link). */
type MegaFile = { handle: string; key: Uint8Array; folder?: undefined } | { handle: string; folder: MegaFolder; key?: undefined };
type MegaFolder = { handle: string; key: Uint8Array };

function isMegaHost(link: URL): boolean {
  return (DOMAINS as readonly string[]).includes(link.hostname.toLowerCase().replace(/^www\./, ""));
}

function key(text: string | undefined, length: number): Uint8Array | null {
  const bytes = text === undefined ? null : decodeMegaBase64(text);
  return bytes?.byteLength === length ? bytes : null;
}

/** `/file/<h>#<key>` or the older `/#!<h>!<key>`; a folder's file `/folder/<f>#<key>/file/<h>`. */
function parseFile(link: URL): MegaFile | null {
  if (!isMegaHost(link)) return null;
  const modern = new RegExp(`^/file/(${H})/?$`).exec(link.pathname);
  const legacy = link.pathname === "/" ? new RegExp(`^#!(${H})!([A-Za-z0-9_-]+)$`).exec(link.hash) : null;
  const handle = modern?.[1] ?? legacy?.[1];
  const fileKey = key(modern ? link.hash.slice(1) : legacy?.[2], 32);
  if (handle && fileKey) return { handle, key: fileKey };
  const inFolder = new RegExp(`^/folder/(${H})/?$`).exec(link.pathname);
  const fragment = new RegExp(`^#([A-Za-z0-9_-]{22})/file/(${H})$`).exec(link.hash);
  const folderKey = key(fragment?.[1], 16);
  return inFolder && fragment && folderKey ? { handle: fragment[2]!, folder: { handle: inFolder[1]!, key: folderKey } } : null;
}

/** `/folder/<f>#<key>` or the older `/#F!<f>!<key>`. */
function parseFolder(link: URL): MegaFolder | null {
  if (!isMegaHost(link)) return null;
  const modern = new RegExp(`^/folder/(${H})/?$`).exec(link.pathname);
  const legacy = link.pathname === "/" ? new RegExp(`^#F!(${H})!([A-Za-z0-9_-]{22})$`).exec(link.hash) : null;
  const handle = modern?.[1] ?? legacy?.[1];
  const folderKey = key(modern ? link.hash.slice(1) : legacy?.[2], 16);
  return handle && folderKey ? { handle, key: folderKey } : null;
}

/** A MEGA API error number as ours. */
function apiFailure(code: number): Error {
  if (code === -9 || code === -2 || code === -11 || code === -16) return fileUnavailable(`mega_${-code}`);
  if (code === -17 || code === -4) return hosterQuotaExceeded();
  return hosterUnavailable(`mega_${-code}`);
}

/** Sends one command; its answer object, or throws the mapped error. */
async function command(ctx: HosterContext, body: Record<string, unknown>, folder?: MegaFolder): Promise<Record<string, unknown>> {
  const query: Record<string, string> = { id: String(ctx.now % 1_000_000_000) };
  if (folder) query.n = folder.handle;
  const reply = await callHoster(ctx, apiUrl(ctx.env.MEGA_API_URL, "/cs", query), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([body]) });
  if (reply.status !== 200) throw reply.status === 429 || reply.status === 509 ? hosterQuotaExceeded() : hosterUnavailable(`api_status_${reply.status}`);
  // A request-level error is a bare number; a command-level one a number in the array.
  const answer = Array.isArray(reply.json) ? reply.json[0] : reply.json;
  if (typeof answer === "number") throw apiFailure(answer);
  if (answer === null || typeof answer !== "object") throw hosterUnavailable("bad_reply");
  return answer as Record<string, unknown>;
}

type Node = { handle: string; type: number; key: Uint8Array | null; attributes: string; size: number };

/** Every node of a shared folder, with its key decrypted under the folder's key. */
async function listNodes(folder: MegaFolder, ctx: HosterContext): Promise<Node[]> {
  const answer = await command(ctx, { a: "f", c: 1, r: 1, ca: 1 }, folder);
  const nodes = Array.isArray(answer.f) ? (answer.f as Record<string, unknown>[]) : [];
  return Promise.all(
    nodes.map(async (node) => {
      // `k` is "<owner>:<key>" (several, "/"-separated, on shared nodes): the folder key opens the first.
      const encrypted = decodeMegaBase64(stringField(node.k).split("/")[0]?.split(":")[1] ?? "");
      return {
        handle: stringField(node.h),
        type: numberField(node.t),
        key: encrypted ? await decryptNodeKey(folder.key, encrypted) : null,
        attributes: stringField(node.a),
        size: numberField(node.s),
      };
    }),
  );
}

type Described = { filename: string; size: number; key: Uint8Array; url: string };

/** Name, size and key of a file, and (`withUrl`) a download URL, in one call for a public file. */
async function describe(file: MegaFile, ctx: HosterContext, withUrl: boolean): Promise<Described> {
  const urlWanted = withUrl ? { g: 1, ssl: 2 } : {};
  let fileKey: Uint8Array | null;
  let attributes: string;
  let size: number;
  let url = "";
  if (file.folder) {
    const node = (await listNodes(file.folder, ctx)).find((candidate) => candidate.handle === file.handle && candidate.type === 0);
    if (!node) throw fileUnavailable();
    ({ key: fileKey, attributes, size } = node);
    if (withUrl) url = stringField((await command(ctx, { a: "g", ...urlWanted, n: file.handle }, file.folder)).g);
  } else {
    const answer = await command(ctx, { a: "g", ...urlWanted, p: file.handle });
    fileKey = file.key;
    attributes = stringField(answer.at);
    size = numberField(answer.s);
    url = stringField(answer.g);
  }
  const encrypted = decodeMegaBase64(attributes);
  const opened = fileKey?.byteLength === 32 && encrypted ? await decryptAttributes(splitFileKey(fileKey).aesKey, encrypted) : null;
  // Attributes that do not open: the key in the link is not this file's.
  if (!opened || !fileKey) throw fileUnavailable("bad_key");
  return { filename: stringField(opened.n), size, key: fileKey, url };
}

type MegaResolved = Resolved & { size: number; key: Uint8Array };

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range of a file of `size` bytes; null for the whole file (or several ranges), "unsatisfiable" past its end. */
function singleRange(range: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const match = range === null ? null : /^bytes=\s*(\d*)-(\d*)\s*$/.exec(range);
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") return size === 0 || Number(match[2]) === 0 ? "unsatisfiable" : { start: Math.max(0, size - Number(match[2])), end: size - 1 };
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || start > end ? "unsatisfiable" : { start, end };
}

/** Fetches the ciphertext from the block the range starts in, and decrypts it while it streams. */
async function fetchDecrypted(resolved: MegaResolved, ctx: HosterContext, range: string | null, ifRange: string | null): Promise<Response> {
  const { size } = resolved;
  // We send no validator, so an If-Range cannot match: the whole file (RFC 9110 §13.1.5).
  const wanted = ifRange ? null : singleRange(range, size);
  if (wanted === "unsatisfiable") return new Response(null, { status: 416, headers: { "content-range": `bytes */${size}` } });
  const start = wanted?.start ?? 0;
  const end = wanted?.end ?? size - 1;
  const headers = new Headers({ "accept-ranges": "bytes", "content-length": String(Math.max(0, end - start + 1)) });
  if (wanted) headers.set("content-range", `bytes ${start}-${end}/${size}`);
  if (size === 0) return new Response(null, { status: 200, headers });
  const from = start - (start % 16);
  const { response } = await fetchOrigin(`${resolved.url}/${from}-${end}`, ctx);
  if (response.status !== 200 && response.status !== 206) return response;
  return new Response(decryptedStream(response.body!, splitFileKey(resolved.key), from, start - from), { status: wanted ? 206 : 200, headers });
}

export const megaAdapter = resolvingAdapter<MegaFile, MegaFolder, MegaResolved>({
  id: "mega",
  name: "MEGA",
  domains: DOMAINS,
  linkPatterns: [
    linkPattern(DOMAINS, `/file/${H}#[A-Za-z0-9_-]{43}`),
    linkPattern(DOMAINS, `/#!${H}![A-Za-z0-9_-]{43}`),
    linkPattern(DOMAINS, `/folder/${H}#[A-Za-z0-9_-]{22}/file/${H}`),
  ],
  folderPatterns: [linkPattern(DOMAINS, `/folder/${H}#[A-Za-z0-9_-]{22}(?!/file/)`), linkPattern(DOMAINS, `/#F!${H}![A-Za-z0-9_-]{22}`)],
  exampleLink: "https://mega.nz/file/Ab3dE6gH#q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c",
  exampleFolderLink: "https://mega.nz/folder/Fo1dEr2x#a1b2c3d4e5f6g7h8i9j0kA",
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: true },
  parse: parseFile,
  parseFolder,

  async check(file, ctx) {
    const { filename, size } = await describe(file, ctx, false);
    return namedFile(filename, size);
  },

  async resolve(file, ctx) {
    const { size, key: fileKey, url } = await describe(file, ctx, true);
    if (!url) throw hosterUnavailable("no_url");
    return { url, size, key: fileKey, reuseMs: 10 * MINUTE_MS };
  },
  fetchResolved: fetchDecrypted,

  async listFolder(folder, ctx) {
    const nodes = await listNodes(folder, ctx);
    const base = `https://mega.nz/folder/${folder.handle}#${encodeMegaBase64(folder.key)}`;
    return nodes.filter((node) => node.type === 0 && /^[A-Za-z0-9_-]{8}$/.test(node.handle)).map((node) => `${base}/file/${node.handle}`);
  },
});
