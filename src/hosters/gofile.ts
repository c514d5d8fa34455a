/**
 * gofile, a public file host, through the API its website uses (https://api.gofile.io, as observed
 * in its web app and open-source clients): `POST /accounts` makes a guest account whose token goes
 * as `Authorization: Bearer` to the API and as the `accountToken` cookie to download servers;
 * `GET /contents/{code}?wt=…&password=<sha256>` lists a shared folder (`https://gofile.io/d/<code>`)
 * with each file's name, size and download link. Statuses: `ok`, `error-notFound`,
 * `error-passwordRequired`, `error-passwordWrong`, `error-rateLimit`, `error-notPremium`.
 * A gofile link is a folder; a file in it is named `https://gofile.io/d/<code>#<file id>`, and a
 * folder holding a single file opens as that file.
 */
import { HOUR_MS, MINUTE_MS } from "../lib/time";
import { sha256Hex } from "../lib/crypto";
import { AppError } from "../errors";
import { apiUrl, callHoster, fileUnavailable, hosterQuotaExceeded, hosterUnavailable, jsonObject, linkPattern, namedFile, numberField, passwordWrong, stringField } from "./hoster-api";
import { forget, rememberedOr } from "./memory-cache";
import { resolvingAdapter } from "./resolving-adapter";
import type { HosterContext } from "./types";

const GIB = 1024 ** 3;
const DOMAINS = ["gofile.io"] as const;
const CODE = /^[a-zA-Z0-9-]{4,40}$/;
const GUEST_TOKEN_KEY = "gofile-guest-token";

type Content = { code: string; fileId: string | null };
type Child = { id: string; name: string; size: number; link: string; mimeType: string };

function contentOf(link: URL): Content | null {
  const match = /^\/d\/([^/]+)\/?$/.exec(link.pathname);
  if (link.hostname.toLowerCase().replace(/^www\./, "") !== "gofile.io" || !match || !CODE.test(match[1]!)) return null;
  const fileId = link.hash.slice(1);
  return { code: match[1]!, fileId: CODE.test(fileId) ? fileId : null };
}

function guestToken(ctx: HosterContext): Promise<string> {
  return rememberedOr(GUEST_TOKEN_KEY, ctx.now, 12 * HOUR_MS, async () => {
    const reply = await callHoster(ctx, apiUrl(ctx.env.GOFILE_API_URL, "/accounts"), { method: "POST" });
    const token = stringField((jsonObject(reply).data as { token?: unknown } | undefined)?.token);
    if (reply.status !== 200 || !token) throw hosterUnavailable("no_guest_account");
    return token;
  });
}

/** The files of a shared folder, with the guest token their links need; retries once with a new guest when the token was refused. */
async function listContent(code: string, ctx: HosterContext, retry = true): Promise<{ token: string; files: Child[] }> {
  const token = await guestToken(ctx);
  const query: Record<string, string> = { wt: ctx.env.GOFILE_WEBSITE_TOKEN };
  if (ctx.password) query.password = await sha256Hex(ctx.password);
  const reply = await callHoster(ctx, apiUrl(ctx.env.GOFILE_API_URL, `/contents/${code}`, query), { headers: { authorization: `Bearer ${token}` } });
  if (reply.status === 401 && retry) {
    forget(GUEST_TOKEN_KEY);
    return listContent(code, ctx, false);
  }
  if (reply.status === 429) throw hosterQuotaExceeded();
  const answer = jsonObject(reply);
  const status = stringField(answer.status);
  const data = (answer.data ?? {}) as { passwordStatus?: unknown; children?: Record<string, Record<string, unknown>> };
  if (status === "error-notFound") throw fileUnavailable();
  if (status === "error-passwordRequired" || status === "error-passwordWrong") throw passwordWrong();
  if (status === "error-rateLimit") throw hosterQuotaExceeded();
  if (status !== "ok") throw hosterUnavailable(status || "bad_reply");
  if (data.passwordStatus !== undefined && data.passwordStatus !== "passwordOk") throw passwordWrong();
  const files = Object.values(data.children ?? {})
    .filter((child) => child?.type === "file")
    .map((child) => ({ id: stringField(child.id), name: stringField(child.name), size: numberField(child.size), link: stringField(child.link), mimeType: stringField(child.mimetype) }))
    .filter((child) => CODE.test(child.id) && child.link !== "");
  return { token, files };
}

/** The file a link names: the one given after `#`, or the folder's only file. */
async function findFile(content: Content, ctx: HosterContext): Promise<{ token: string; file: Child }> {
  const { token, files } = await listContent(content.code, ctx);
  const file = content.fileId !== null ? files.find((child) => child.id === content.fileId) : files.length === 1 ? files[0] : undefined;
  if (file) return { token, file };
  if (content.fileId === null && files.length > 1) throw new AppError("folder_link");
  throw fileUnavailable();
}

export const gofileAdapter = resolvingAdapter<Content, string>({
  id: "gofile",
  name: "Gofile",
  domains: DOMAINS,
  linkPatterns: [linkPattern(DOMAINS, "/d/[a-zA-Z0-9-]{4,40}(?:#[a-zA-Z0-9-]{4,40})?")],
  folderPatterns: [linkPattern(DOMAINS, "/d/[a-zA-Z0-9-]{4,40}")],
  exampleLink: "https://gofile.io/d/Xy12Ab",
  exampleFolderLink: "https://gofile.io/d/Fo1der",
  limits: { linksPerDay: 500, bytesPerDay: 100 * GIB, maxChunks: 4, free: true },
  parse: contentOf,
  parseFolder: (link) => (contentOf(link)?.fileId === null ? contentOf(link)!.code : null),

  async check(content, ctx) {
    const { file } = await findFile(content, ctx);
    return namedFile(file.name, file.size);
  },

  async resolve(content, ctx) {
    const { token, file } = await findFile(content, ctx);
    return { url: file.link, headers: { cookie: `accountToken=${token}` }, reuseMs: 10 * MINUTE_MS };
  },

  async listFolder(code, ctx) {
    const { files } = await listContent(code, ctx);
    return files.map((file) => `https://gofile.io/d/${code}#${file.id}`);
  },
});
