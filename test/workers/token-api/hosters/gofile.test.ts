import { describe, expect, it } from "vitest";
import { api } from "../../../helpers/api";
import { describeAdapterContract, HOSTER_TEST_TIMEOUT_MS } from "../../../helpers/hosters";
import { createTestAccount } from "../../../helpers/factories";
import { GOFILE } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "gofile",
  host: "gofile.io",
  standInVar: "GOFILE_API_URL",
  // A shared folder holding one file opens as that file.
  file: { link: "https://gofile.io/d/Single1", ...GOFILE.files["f1a2b3c4-0001"]! },
  unavailableLink: "https://gofile.io/d/NoSuchF",
  limited: { link: "https://gofile.io/d/Busy444", at: "check" },
  password: { link: "https://gofile.io/d/Locked3", right: "sesame", file: GOFILE.files["f1a2b3c4-0004"]! },
  folder: { link: "https://gofile.io/d/Multi22", links: ["https://gofile.io/d/Multi22#f1a2b3c4-0002", "https://gofile.io/d/Multi22#f1a2b3c4-0003"] },
  lapses: true,
});

describe("gofile specifics", { timeout: HOSTER_TEST_TIMEOUT_MS }, () => {
  it("answers a folder of several files with 400 folder_link, and each listed file unrestricts", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const folder = await api("unrestrict/link", { token, form: { link: "https://gofile.io/d/Multi22" } });
    expect(folder.status).toBe(400);
    expect(await folder.json()).toMatchObject({ error: "folder_link", error_code: 2 });
    const file = await api("unrestrict/link", { token, form: { link: "https://gofile.io/d/Multi22#f1a2b3c4-0003" } });
    expect(file.status).toBe(200);
    expect(await file.json()).toMatchObject({ filename: "photos.zip", filesize: 50_000 });
  });
});
