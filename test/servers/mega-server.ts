/**
 * A local stand-in for MEGA's API and storage servers, modelled on MEGA's open-source SDK and
 * web client: `POST /cs?id=<seq>[&n=<folder>]` takes a JSON array of commands and answers an array
 * (a negative number for a failed command: -9 not found, -16 blocked); `{"a":"g","p":<handle>}`
 * gives size `s` and attributes `at` (AES-128-CBC, zero IV, "MEGA{json}" zero-padded) and, with
 * `"g":1`, a download URL; `{"a":"f"}` lists a shared folder, each node's key AES-ECB-encrypted under
 * the folder key as `k: "<root>:<key>"`. Storage servers take a range as a `/<start>-<end>` path
 * suffix and send AES-128-CTR ciphertext (key and nonce from the 32-byte file key); a file over
 * the transfer quota answers 509.
 */
import { createCipheriv } from "node:crypto";
import type { ServerResponse } from "node:http";
import { contentChunks } from "./content.ts";
import { MEGA, megaBase64, megaKey, type FixtureFile } from "./hoster-fixtures.ts";
import { writeChunks, type StartedServer } from "./origin-server.ts";
import { replyJson, startStandIn } from "./stand-in-kit.ts";

type MegaFile = FixtureFile & { overQuota?: boolean; blocked?: boolean };

function split(key: Uint8Array): { aesKey: Buffer; nonce: Buffer } {
  const aesKey = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) aesKey[i] = key[i]! ^ key[i + 16]!;
  return { aesKey, nonce: Buffer.from(key.subarray(16, 24)) };
}

function encryptAttributes(aesKey: Uint8Array, attributes: Record<string, unknown>): string {
  const plain = Buffer.from(`MEGA${JSON.stringify(attributes)}`, "utf8");
  const padded = Buffer.alloc(Math.ceil(plain.length / 16) * 16);
  plain.copy(padded);
  const cipher = createCipheriv("aes-128-cbc", aesKey, Buffer.alloc(16)).setAutoPadding(false);
  return megaBase64(Buffer.concat([cipher.update(padded), cipher.final()]));
}

function encryptNodeKey(folderKey: Uint8Array, nodeKey: Uint8Array): string {
  const cipher = createCipheriv("aes-128-ecb", folderKey, null).setAutoPadding(false);
  return megaBase64(Buffer.concat([cipher.update(nodeKey), cipher.final()]));
}

/** The ciphertext of bytes [start, end) of a file, as MEGA stores it (CTR: any start). */
export function* encryptedChunks(key: Uint8Array, seed: number, start: number, end: number): Generator<Uint8Array> {
  const { aesKey, nonce } = split(key);
  const iv = Buffer.alloc(16);
  nonce.copy(iv);
  iv.writeBigUInt64BE(BigInt(Math.floor(start / 16)), 8);
  const cipher = createCipheriv("aes-128-ctr", aesKey, iv);
  if (start % 16) cipher.update(Buffer.alloc(start % 16));
  for (const chunk of contentChunks(seed, start, end)) yield cipher.update(chunk);
}

/** `extraFiles`: more public files (the 1 GiB file of the integration test). */
export function startMegaServer(extraFiles: Record<string, MegaFile> = {}): Promise<StartedServer> {
  const files: Record<string, MegaFile> = { ...MEGA.files, ...extraFiles };
  /** Every file the storage servers know, with its key: public files and folder nodes. */
  const stored = (id: string): { file: MegaFile; key: Uint8Array } | null => {
    if (files[id]) return { file: files[id]!, key: megaKey(files[id]!.seed) };
    for (const folder of Object.values(MEGA.folders)) if (folder.files[id]) return { file: folder.files[id]!, key: megaKey(folder.files[id]!.seed) };
    return null;
  };
  const describe = (file: MegaFile, key: Uint8Array) => ({ s: file.size, at: encryptAttributes(split(key).aesKey, { n: file.name, c: "checksum" }), msd: 1, tl: 0 });

  return startStandIn({
    lapsedStatus: 403,
    api({ res, url, body, downloadUrl }) {
      if (url.pathname !== "/cs") return replyJson(res, 404, -2);
      let commands: Record<string, unknown>[];
      try {
        commands = JSON.parse(body);
        if (!Array.isArray(commands)) throw new Error("not an array");
      } catch {
        return replyJson(res, 200, -2);
      }
      const folderHandle = url.searchParams.get("n");
      const folder = folderHandle ? MEGA.folders[folderHandle] : undefined;
      if (folderHandle && !folder) return replyJson(res, 200, -9);
      const answers = commands.map((command) => {
        if (command.a === "g" && typeof command.p === "string" && !folder) {
          const file = files[command.p];
          if (!file) return -9;
          if (file.blocked) return -16;
          const key = megaKey(file.seed);
          return { ...describe(file, key), ...(command.g ? { g: downloadUrl(`/${command.p}`) } : {}) };
        }
        if (command.a === "g" && typeof command.n === "string" && folder) {
          const file = folder.files[command.n];
          if (!file) return -9;
          return { ...describe(file, megaKey(file.seed)), ...(command.g ? { g: downloadUrl(`/${command.n}`) } : {}) };
        }
        if (command.a === "f" && folder) {
          const folderKey = megaKey(folder.seed, 16);
          const root = { h: folderHandle, p: "", u: "owner001", t: 1, a: encryptAttributes(folderKey, { n: "Shared" }), k: `${folderHandle}:${encryptNodeKey(folderKey, folderKey)}`, ts: 1_700_000_000 };
          const nodes = Object.entries(folder.files).map(([h, file]) => {
            const key = megaKey(file.seed);
            return { h, p: folderHandle, u: "owner001", t: 0, a: encryptAttributes(split(key).aesKey, { n: file.name }), k: `${folderHandle}:${encryptNodeKey(folderKey, key)}`, s: file.size, ts: 1_700_000_000 };
          });
          return { f: [root, ...nodes], ok: [], s: [], noc: 1 };
        }
        return -2;
      });
      return replyJson(res, 200, answers);
    },
    download(path, { req, res }) {
      const match = /^\/([A-Za-z0-9_-]{8})(?:\/(\d+)-(\d+))?$/.exec(path);
      const found = match ? stored(match[1]!) : null;
      if (!found) return null;
      if (found.file.overQuota) {
        res.writeHead(509, { "content-type": "text/plain" }).end("Bandwidth Limit Exceeded");
        return "handled";
      }
      const start = match![2] !== undefined ? Number(match![2]) : 0;
      const end = match![3] !== undefined ? Math.min(Number(match![3]), found.file.size - 1) : found.file.size - 1;
      if (start > end) {
        res.writeHead(416).end();
        return "handled";
      }
      return sendCiphertext(res, req.method === "HEAD", found.key, found.file.seed, start, end + 1);
    },
  });
}

async function sendCiphertext(res: ServerResponse, head: boolean, key: Uint8Array, seed: number, start: number, end: number): Promise<"handled"> {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(end - start), "access-control-allow-origin": "*" });
  if (head) res.end();
  else await writeChunks(res, encryptedChunks(key, seed, start, end));
  return "handled";
}
