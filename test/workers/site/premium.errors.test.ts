import { describe, expect, it } from "vitest";
import { ledgerRows, standInSessions } from "../../helpers/payments";
import { registeredClient } from "../../helpers/web-client";

describe("checkout with a bad plan", () => {
  it("re-renders the plans with a 400 and creates no session, for an unknown, missing or odd plan", async () => {
    const { client } = await registeredClient();
    const before = (await standInSessions()).length;
    const forms: Record<string, string>[] = [{ plan: "7" }, {}, { plan: "" }, { plan: "30 " }, { plan: "__proto__" }, { plan: "30", extra: "x".repeat(1000) }];
    for (const form of forms) {
      const page = await client.post("/premium/checkout", form);
      if ("extra" in form) {
        // Unknown fields are ignored: a valid plan still goes through.
        expect(page.status).toBe(303);
        continue;
      }
      expect(page.status, JSON.stringify(form)).toBe(400);
      expect(page.html).toContain("Choose one of the plans offered.");
      expect(page.html).toContain('action="/premium/checkout"');
    }
    expect((await standInSessions()).length).toBe(before + 1);
    expect(await ledgerRows()).toEqual([]);
  });

  it("answers a JSON body to the form with 415, creating nothing", async () => {
    const { client } = await registeredClient();
    const before = (await standInSessions()).length;
    const page = await client.request("/premium/checkout", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ plan: "30" }) });
    expect(page.status).toBe(415);
    expect((await standInSessions()).length).toBe(before);
  });
});
