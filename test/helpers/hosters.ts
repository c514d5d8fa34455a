/**
 * What every hoster adapter must do against its stand-in, as one table-driven suite: check,
 * unrestrict, a byte-identical download, a range, an unavailable file, the hoster's limit, the
 * premium-only rule, a protected file, a folder, and a resume after the resolved URL lapsed.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findAdapterById } from "../../src/hosters/registry";
import { contentBytes } from "../servers/content";
import type { FixtureFile } from "../servers/hoster-fixtures";
import { api, stats } from "./api";
import { countRows } from "./storage";
import { sha256Hex } from "../../src/lib/crypto";
import { createTestAccount } from "./factories";
import { dumpAllStorage } from "./storage";

export type AdapterContract = {
  adapterId: string;
  /** The host key reported for its links (its main domain). */
  host: string;
  /** Var naming the stand-in that counts the hoster's API requests. */
  standInVar: keyof Env;
  file: { link: string } & FixtureFile;
  unavailableLink: string;
  /** A link the hoster refuses for its limit, and whether that shows at check time or at download time. */
  limited: { link: string; at: "check" | "download" };
  /** A protected file and its password; `refusal`: what a wrong password gets when the hoster cannot tell it from a missing file. */
  password?: { link: string; right: string; file: FixtureFile; refusal?: { status: number; error: string; error_code: number } };
  /** A hoster with protected files whose password cannot be passed on: the documented refusal. */
  passwordUnsupported?: { link: string };
  folder?: { link: string; links: string[] };
  /** Whether resolved URLs expire (the stand-in's `/__expire`) and are resolved again on the next request. */
  lapses?: boolean;
};

/** Downloads through workerd on a shared machine take seconds; a stuck one still fails. */
export const HOSTER_TEST_TIMEOUT_MS = 30_000;

type Unrestricted = { id: string; filename: string; filesize: number; mimeType: string; host: string; chunks: number; download: string; link: string };

async function unrestrict(token: string, link: string, password?: string): Promise<Response> {
  return api("unrestrict/link", { token, form: { link, ...(password ? { password } : {}) } });
}

async function unrestricted(link: string, password?: string): Promise<Unrestricted> {
  const { token } = await createTestAccount({ premiumDays: 30 });
  const response = await unrestrict(token, link, password);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Unrestricted;
}

async function bytesOf(response: Response): Promise<string> {
  return sha256Hex(new Uint8Array(await response.arrayBuffer()));
}

export function describeAdapterContract(contract: AdapterContract): void {
  const adapter = findAdapterById(contract.adapterId)!;
  const { file } = contract;
  const standInRequests = () => stats(env[contract.standInVar] as string);

  describe(`${adapter.name} adapter against its stand-in`, () => {
    it("checks a link: name, size, supported", async () => {
      const response = await api("unrestrict/check", { form: { link: contract.file.link } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ host: contract.host, link: contract.file.link, filename: file.name, filesize: file.size, supported: 1 });
    }, HOSTER_TEST_TIMEOUT_MS);

    it("unrestricts it in Real-Debrid's shape, with the hoster's chunks", async () => {
      const body = await unrestricted(file.link);
      expect(body).toMatchObject({ filename: file.name, filesize: file.size, host: contract.host, link: file.link, chunks: adapter.limits.maxChunks });
      expect(body.download).toMatch(/^http:\/\/127\.0\.0\.1:8787\/d\/[A-Z2-7]{32}\//);
    }, HOSTER_TEST_TIMEOUT_MS);

    it("downloads it byte-identical", async () => {
      const download = await exports.default.fetch((await unrestricted(file.link)).download);
      expect(download.status).toBe(200);
      expect(download.headers.get("content-length")).toBe(String(file.size));
      expect(await bytesOf(download)).toBe(await sha256Hex(contentBytes(file.seed, 0, file.size)));
    }, HOSTER_TEST_TIMEOUT_MS);

    it("serves a Range request", async () => {
      const start = Math.floor(file.size / 3) + 1;
      const download = await exports.default.fetch((await unrestricted(file.link)).download, { headers: { range: `bytes=${start}-` } });
      expect(download.status).toBe(206);
      expect(download.headers.get("content-range")).toBe(`bytes ${start}-${file.size - 1}/${file.size}`);
      expect(await bytesOf(download)).toBe(await sha256Hex(contentBytes(file.seed, start, file.size)));
    }, HOSTER_TEST_TIMEOUT_MS);

    it("answers an unavailable file with 503 code 24, recording nothing", async () => {
      const { token } = await createTestAccount({ premiumDays: 30 });
      const before = await countRows("downloads");
      const response = await unrestrict(token, contract.unavailableLink);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: "file_unavailable", error_code: 24 });
      expect(await countRows("downloads")).toBe(before);
    }, HOSTER_TEST_TIMEOUT_MS);

    it(`answers the hoster's own limit with 503 code 18 (at ${contract.limited.at} time)`, async () => {
      const { token } = await createTestAccount({ premiumDays: 30 });
      let response = await unrestrict(token, contract.limited.link);
      if (contract.limited.at === "download") {
        expect(response.status).toBe(200);
        response = await exports.default.fetch(((await response.json()) as Unrestricted).download);
      }
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await response.json()).toMatchObject({ error: "hoster_quota_exceeded", error_code: 18 });
    }, HOSTER_TEST_TIMEOUT_MS);

    if (adapter.limits.free) {
      it("serves free accounts too (not premium-only)", async () => {
        const { token } = await createTestAccount();
        const response = await unrestrict(token, file.link);
        expect(response.status).toBe(200);
        expect(adapter.limits.free).toBe(true);
      }, HOSTER_TEST_TIMEOUT_MS);
    } else {
      it("refuses free accounts (403 code 20) without asking the hoster", async () => {
        const { token } = await createTestAccount();
        const before = await standInRequests();
        const response = await unrestrict(token, file.link);
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: "hoster_not_free", error_code: 20, premium_required: true });
        expect(await standInRequests()).toBe(before);
      }, HOSTER_TEST_TIMEOUT_MS);
    }

    if (contract.password) {
      const protectedFile = contract.password;
      it("refuses a protected file with a wrong or missing password, and downloads it with the right one (kept only encrypted)", async () => {
        const { token } = await createTestAccount({ premiumDays: 30 });
        const refusal = protectedFile.refusal ?? { status: 403, error: "file_password_wrong", error_code: 13 };
        for (const password of [undefined, "not-the-password"]) {
          const wrong = await unrestrict(token, protectedFile.link, password);
          expect(wrong.status).toBe(refusal.status);
          expect(await wrong.json()).toMatchObject({ error: refusal.error, error_code: refusal.error_code });
        }
        const right = await unrestrict(token, protectedFile.link, protectedFile.right);
        expect(right.status).toBe(200);
        const body = (await right.json()) as Unrestricted;
        expect(body).toMatchObject({ filename: protectedFile.file.name, filesize: protectedFile.file.size });
        const download = await exports.default.fetch(body.download);
        expect(download.status).toBe(200);
        expect(await bytesOf(download)).toBe(await sha256Hex(contentBytes(protectedFile.file.seed, 0, protectedFile.file.size)));
        expect(await dumpAllStorage()).not.toContain(protectedFile.right);
      }, HOSTER_TEST_TIMEOUT_MS);
    }

    if (contract.passwordUnsupported) {
      const { link } = contract.passwordUnsupported;
      it("answers a password-protected link it cannot open with 403 code 13", async () => {
        const { token } = await createTestAccount({ premiumDays: 30 });
        const response = await unrestrict(token, link, "sesame");
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: "file_password_wrong", error_code: 13 });
      }, HOSTER_TEST_TIMEOUT_MS);
    }

    if (contract.folder) {
      const folder = contract.folder;
      it("lists a folder's files as links it takes, and /hosts/regexFolder matches the folder link", async () => {
        const { token } = await createTestAccount({ premiumDays: 30 });
        const response = await api("unrestrict/folder", { token, form: { link: folder.link } });
        expect(response.status).toBe(200);
        const links = (await response.json()) as string[];
        expect(links).toEqual(folder.links);
        for (const link of links) expect(adapter.accepts(new URL(link))).toBe(true);
        const patterns = ((await (await api("hosts/regexFolder")).json()) as string[]).map((p) => new RegExp(p.slice(1, -1).replace(/\\\//g, "/")));
        expect(patterns.some((pattern) => pattern.test(folder.link))).toBe(true);
      }, HOSTER_TEST_TIMEOUT_MS);
    }

    if (contract.lapses) {
      it("reuses the resolved URL for the next ranges, and resumes after it lapsed: resolved again, bytes right", async () => {
        const made = await unrestricted(file.link);
        const third = Math.floor(file.size / 3);
        const part = (start: number, end: number) => exports.default.fetch(made.download, { headers: { range: `bytes=${start}-${end - 1}` } });
        const first = await part(0, third);
        expect(first.status).toBe(206);
        expect(await bytesOf(first)).toBe(await sha256Hex(contentBytes(file.seed, 0, third)));
        // The URL resolved for the first range serves the second: one request to the hoster, no API call.
        let before = await standInRequests();
        const second = await part(third, 2 * third);
        expect(await bytesOf(second)).toBe(await sha256Hex(contentBytes(file.seed, third, 2 * third)));
        expect(await standInRequests()).toBe(before + 1);
        await fetch(`${env[contract.standInVar] as string}/__expire`, { method: "POST" });
        before = await standInRequests();
        const rest = await exports.default.fetch(made.download, { headers: { range: `bytes=${2 * third}-` } });
        expect(rest.status).toBe(206);
        expect(rest.headers.get("content-range")).toBe(`bytes ${2 * third}-${file.size - 1}/${file.size}`);
        expect(await bytesOf(rest)).toBe(await sha256Hex(contentBytes(file.seed, 2 * third, file.size)));
        // The lapsed URL was refused, the link resolved again (an API call at least), the new URL served.
        expect(await standInRequests()).toBeGreaterThanOrEqual(before + 3);
      }, HOSTER_TEST_TIMEOUT_MS);
    }
  });
}
