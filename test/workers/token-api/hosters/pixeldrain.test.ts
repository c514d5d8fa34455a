import { describe, expect, it } from "vitest";
import { MAX_FOLDER_LINKS } from "../../../../src/config";
import { api } from "../../../helpers/api";
import { createTestAccount } from "../../../helpers/factories";
import { describeAdapterContract } from "../../../helpers/hosters";
import { PIXELDRAIN } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "pixeldrain",
  host: "pixeldrain.com",
  standInVar: "PIXELDRAIN_API_URL",
  file: { link: "https://pixeldrain.com/u/pxOk1234", ...PIXELDRAIN.files.pxOk1234! },
  unavailableLink: "https://pixeldrain.com/u/pxGone99",
  limited: { link: "https://pixeldrain.com/u/pxLimit01", at: "check" },
  folder: { link: "https://pixeldrain.com/l/LstAbc12", links: ["https://pixeldrain.com/u/pxOk1234", "https://pixeldrain.com/u/pxTwo567"] },
});

describe("pixeldrain specifics", () => {
  it(`answers at most ${MAX_FOLDER_LINKS} links for a folder, in the hoster's order`, async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const response = await api("unrestrict/folder", { token, form: { link: "https://pixeldrain.com/l/LstHuge1" } });
    expect(response.status).toBe(200);
    const links = (await response.json()) as string[];
    expect(PIXELDRAIN.lists.LstHuge1!.length).toBeGreaterThan(MAX_FOLDER_LINKS);
    expect(links).toEqual(PIXELDRAIN.lists.LstHuge1!.slice(0, MAX_FOLDER_LINKS).map((id) => `https://pixeldrain.com/u/${id}`));
  });

  it("answers a folder of a hoster without folders with [], and a refused link with its error", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const other = await api("unrestrict/folder", { token, form: { link: "https://pixeldrain.com/u/pxOk1234" } });
    expect(await other.json()).toEqual([]);
    const refused = await api("unrestrict/folder", { token, form: { link: "http://127.0.0.1:1/l/x" } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "link_refused", error_code: 2 });
    const gone = await api("unrestrict/folder", { token, form: { link: "https://pixeldrain.com/l/LstGone1" } });
    expect(gone.status).toBe(503);
    expect(await gone.json()).toMatchObject({ error: "file_unavailable", error_code: 24 });
  });
});
