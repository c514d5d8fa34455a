import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchDepsFromEnv } from "../../../../src/fetching/safe-fetch";
import { onefichierAdapter } from "../../../../src/hosters/onefichier";
import { api, onefichierRequests } from "../../../helpers/api";
import { describeAdapterContract, HOSTER_TEST_TIMEOUT_MS } from "../../../helpers/hosters";
import { ONEFICHIER } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "1fichier",
  host: "1fichier.com",
  standInVar: "ONEFICHIER_API_URL",
  file: { link: "https://1fichier.com/?relais1test", ...ONEFICHIER.files.relais1test! },
  unavailableLink: "https://1fichier.com/?nosuchfile00",
  limited: { link: "https://1fichier.com/?floodlimit1", at: "download" },
  // The API answers "Resource not found" to missing files and wrong passwords alike.
  password: { link: "https://1fichier.com/?protected01", right: "sesame", file: ONEFICHIER.files.protected01!, refusal: { status: 503, error: "file_unavailable", error_code: 24 } },
  folder: { link: "https://1fichier.com/dir/Ab3dE6gH", links: ["https://1fichier.com/?relais1test", "https://1fichier.com/?protected01"] },
});

describe("1fichier specifics", { timeout: HOSTER_TEST_TIMEOUT_MS }, () => {
  it("checks a link with one API call, whatever the link's form", async () => {
    const before = await onefichierRequests();
    const response = await api("unrestrict/check", { form: { link: "https://relais1test.1fichier.com/" } });
    expect(await response.json()).toMatchObject({ host: "1fichier.com", filename: ONEFICHIER.files.relais1test!.name, supported: 1 });
    expect(await onefichierRequests()).toBe(before + 1);
  });

  it("reports the hoster down without its API key", async () => {
    const ctx = { deps: fetchDepsFromEnv(env), env: { ...env, ONEFICHIER_API_KEY: "" }, now: Date.now() };
    expect(onefichierAdapter.status(ctx)).toBe("down");
    await expect(onefichierAdapter.check(new URL("https://1fichier.com/?relais1test"), ctx)).rejects.toMatchObject({ key: "hoster_unavailable" });
  });
});
