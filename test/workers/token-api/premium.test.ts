import { describe, expect, it } from "vitest";
import { FREE_LINKS_PER_DAY } from "../../../src/config";
import { api, originFile } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { completedEvent, deliver, purchase, refundedEvent } from "../../helpers/payments";

describe("premium bought through the webhook lifts the free plan's limits", () => {
  it("opens premium-only hosters after the purchase, and closes them after the refund", async () => {
    const { accountId, token } = await createTestAccount();
    const link = { link: "https://relais1test.1fichier.com/" };
    const free = await api("unrestrict/link", { token, form: link });
    expect(free.status).toBe(403);
    expect(await free.json()).toMatchObject({ error: "hoster_not_free", error_code: 20 });

    const p = purchase(accountId, "15");
    await deliver(completedEvent(p));
    expect((await api("unrestrict/link", { token, form: link })).status).toBe(200);

    await deliver(refundedEvent(p));
    expect((await api("unrestrict/link", { token, form: link })).status).toBe(403);
  });

  it("lifts the daily link limit", async () => {
    const { accountId, token } = await createTestAccount();
    const file = originFile(1000, "premium-lift.bin");
    for (let i = 0; i < FREE_LINKS_PER_DAY; i++) expect((await api("unrestrict/link", { token, form: { link: file.url } })).status).toBe(200);
    const limited = await api("unrestrict/link", { token, form: { link: file.url } });
    expect(limited.status).toBe(503);
    await deliver(completedEvent(purchase(accountId, "30")));
    expect((await api("unrestrict/link", { token, form: { link: file.url } })).status).toBe(200);
  });
});
