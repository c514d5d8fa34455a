import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { POINTS_PER_CONVERSION_BLOCK } from "../../../src/config";
import { api } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { accountState } from "../../helpers/payments";

describe("convertPoints refusals", () => {
  it("answers 503 not_enough_points below one block, changing nothing", async () => {
    const { accountId, token } = await createTestAccount({ premiumDays: 3 });
    await env.DB.prepare("UPDATE accounts SET points = ? WHERE id = ?").bind(POINTS_PER_CONVERSION_BLOCK - 1, accountId).run();
    const before = await accountState(accountId);
    const response = await api("settings/convertPoints", { token, form: {} });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "not_enough_points", error_code: 25, message: "Not enough fidelity points to convert.", request_id: expect.any(String) });
    expect(await accountState(accountId)).toEqual(before);
  });

  it("needs a valid token (401 bad_token) and POST (404 unknown_method otherwise), changing nothing", async () => {
    const { accountId } = await createTestAccount();
    await env.DB.prepare("UPDATE accounts SET points = 5000 WHERE id = ?").bind(accountId).run();
    const noToken = await api("settings/convertPoints", { form: {} });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ error: "bad_token", error_code: 8 });
    const badToken = await api("settings/convertPoints", { token: "not-a-token", form: {} });
    expect(badToken.status).toBe(401);
    const get = await api("settings/convertPoints", { token: "whatever" });
    expect([401, 404]).toContain(get.status);
    expect(await accountState(accountId)).toEqual({ premiumUntil: null, points: 5000 });
  });

  it("spends only the caller's points", async () => {
    const caller = await createTestAccount();
    const other = await createTestAccount();
    await env.DB.prepare("UPDATE accounts SET points = 3000 WHERE id IN (?, ?)").bind(caller.accountId, other.accountId).run();
    expect((await api("settings/convertPoints", { token: caller.token, form: {} })).status).toBe(204);
    expect(await accountState(other.accountId)).toEqual({ premiumUntil: null, points: 3000 });
  });
});
