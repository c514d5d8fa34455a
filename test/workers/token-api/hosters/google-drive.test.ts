import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../../../helpers/api";
import { sha256Hex } from "../../../../src/lib/crypto";
import { describeAdapterContract, HOSTER_TEST_TIMEOUT_MS } from "../../../helpers/hosters";
import { createTestAccount } from "../../../helpers/factories";
import { contentBytes } from "../../../servers/content";
import { GOOGLE_DRIVE } from "../../../servers/hoster-fixtures";

const LARGE = "1LargeFileAbCdEfGhIjKlMnOpQrStUv";

describeAdapterContract({
  adapterId: "google-drive",
  host: "drive.google.com",
  standInVar: "GOOGLE_DRIVE_DOWNLOAD_URL",
  // A large file: through the "can't scan for viruses" page to a confirmed URL that lapses.
  file: { link: `https://drive.google.com/file/d/${LARGE}/view?usp=sharing`, ...GOOGLE_DRIVE.files[LARGE]! },
  unavailableLink: "https://drive.google.com/file/d/1GoneFileAbCdEfGhIjKlMnOpQrStUv/view",
  limited: { link: "https://drive.google.com/file/d/1QuotaFileAbCdEfGhIjKlMnOpQrStUv/view", at: "check" },
  lapses: true,
});

describe("Google Drive specifics", { timeout: HOSTER_TEST_TIMEOUT_MS }, () => {
  it("takes the open?id= and uc?id= forms, and serves a small file without a warning page", async () => {
    const id = "1SmallFileAbCdEfGhIjKlMnOpQrStUv";
    const small = GOOGLE_DRIVE.files[id]!;
    const { token } = await createTestAccount({ premiumDays: 30 });
    for (const link of [`https://drive.google.com/open?id=${id}`, `https://drive.google.com/uc?export=download&id=${id}`]) {
      const made = await api("unrestrict/link", { token, form: { link } });
      expect(made.status).toBe(200);
      const body = (await made.json()) as { filename: string; download: string };
      expect(body.filename).toBe(small.name);
      const download = await exports.default.fetch(body.download);
      expect(await sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(await sha256Hex(contentBytes(small.seed, 0, small.size)));
    }
  });
});
