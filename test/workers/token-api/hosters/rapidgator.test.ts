import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, stats } from "../../../helpers/api";
import { describeAdapterContract, HOSTER_TEST_TIMEOUT_MS } from "../../../helpers/hosters";
import { RAPIDGATOR } from "../../../servers/hoster-fixtures";

const LINK = "https://rapidgator.net/file/0123456789abcdef0123456789abcdef/serie.s01e01.mkv.html";

describeAdapterContract({
  adapterId: "rapidgator",
  host: "rapidgator.net",
  standInVar: "RAPIDGATOR_API_URL",
  file: { link: LINK, ...RAPIDGATOR.files["0123456789abcdef0123456789abcdef"]! },
  unavailableLink: "https://rg.to/file/00000000000000000000000000000000",
  limited: { link: "https://rapidgator.net/file/ffffffffffffffffffffffffffffffff", at: "download" },
});

describe("Rapidgator specifics", { timeout: HOSTER_TEST_TIMEOUT_MS }, () => {
  it("keeps its API session between calls and logs in again, once, when it lapsed", async () => {
    const check = () => api("unrestrict/check", { form: { link: LINK } });
    expect((await check()).status).toBe(200);
    let before = await stats(env.RAPIDGATOR_API_URL);
    expect((await check()).status).toBe(200);
    // The session is reused: file/info only.
    expect(await stats(env.RAPIDGATOR_API_URL)).toBe(before + 1);
    await fetch(`${env.RAPIDGATOR_API_URL}/__expire`, { method: "POST" });
    before = await stats(env.RAPIDGATOR_API_URL);
    expect((await check()).status).toBe(200);
    // file/info refused (401), user/login, file/info again.
    expect(await stats(env.RAPIDGATOR_API_URL)).toBe(before + 3);
  });
});
