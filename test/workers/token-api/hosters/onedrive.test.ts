import { describe, expect, it } from "vitest";
import { api } from "../../../helpers/api";
import { describeAdapterContract, HOSTER_TEST_TIMEOUT_MS } from "../../../helpers/hosters";
import { createTestAccount } from "../../../helpers/factories";
import { ONEDRIVE } from "../../../servers/hoster-fixtures";

const LINK = "https://1drv.ms/u/s!AkX9d2Lq0bVhgQ5k3rT_pYzQwErT";

describeAdapterContract({
  adapterId: "onedrive",
  host: "1drv.ms",
  standInVar: "ONEDRIVE_API_URL",
  file: { link: LINK, ...ONEDRIVE.files[LINK]! },
  unavailableLink: "https://1drv.ms/u/s!GoneGoneGoneGoneGone",
  limited: { link: "https://1drv.ms/u/s!BusyBusyBusyBusyBusy", at: "check" },
  lapses: true,
});

describe("OneDrive specifics", { timeout: HOSTER_TEST_TIMEOUT_MS }, () => {
  it("answers a shared folder with 503 code 24: its files have no links of their own", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const response = await api("unrestrict/link", { token, form: { link: "https://1drv.ms/f/s!FolderFolderFolder" } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "file_unavailable", error_code: 24, reason: "folder" });
  });
});
