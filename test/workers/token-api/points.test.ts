import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { POINTS_PER_CONVERSION_BLOCK, PREMIUM_DAYS_PER_CONVERSION_BLOCK } from "../../../src/config";
import { DAY_MS } from "../../../src/lib/time";
import { api } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { accountState, completedEvent, deliver, purchase } from "../../helpers/payments";

const BLOCK_MS = PREMIUM_DAYS_PER_CONVERSION_BLOCK * DAY_MS;

async function setPoints(accountId: number, points: number): Promise<void> {
  await env.DB.prepare("UPDATE accounts SET points = ? WHERE id = ?").bind(points, accountId).run();
}

describe("POST /rest/1.0/settings/convertPoints", () => {
  it("turns each whole block of points into premium days from now, keeping the rest, and answers 204", async () => {
    const { accountId, token } = await createTestAccount();
    await setPoints(accountId, 2 * POINTS_PER_CONVERSION_BLOCK + 250);
    const before = Date.now();
    const response = await api("settings/convertPoints", { token, form: {} });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    const state = await accountState(accountId);
    expect(state.points).toBe(250);
    expect(state.premiumUntil).toBeGreaterThanOrEqual(before + 2 * BLOCK_MS);
    expect(state.premiumUntil).toBeLessThanOrEqual(Date.now() + 2 * BLOCK_MS);
    const user = (await (await api("user", { token })).json()) as { type: string; points: number; premium: number };
    expect(user).toMatchObject({ type: "premium", points: 250 });
    expect(user.premium).toBeGreaterThan((2 * BLOCK_MS) / 1000 - 60);
  });

  it("adds the days after the current expiry while premium", async () => {
    const { accountId, token } = await createTestAccount({ premiumDays: 12 });
    const { premiumUntil } = await accountState(accountId);
    await setPoints(accountId, POINTS_PER_CONVERSION_BLOCK);
    expect((await api("settings/convertPoints", { token, form: { ip: "203.0.113.5" } })).status).toBe(204);
    expect(await accountState(accountId)).toEqual({ premiumUntil: premiumUntil! + BLOCK_MS, points: 0 });
  });

  it("converts points earned by purchases: ten 30-day plans earn one block", async () => {
    const { accountId, token } = await createTestAccount();
    for (let i = 0; i < 10; i++) await deliver(completedEvent(purchase(accountId, "30")));
    const bought = await accountState(accountId);
    expect(bought.points).toBe(POINTS_PER_CONVERSION_BLOCK);
    expect((await api("settings/convertPoints", { token, form: {} })).status).toBe(204);
    expect(await accountState(accountId)).toEqual({ premiumUntil: bought.premiumUntil! + BLOCK_MS, points: 0 });
  });

  it("spends the points once when called twice at the same time", async () => {
    const { accountId, token } = await createTestAccount();
    await setPoints(accountId, POINTS_PER_CONVERSION_BLOCK + 1);
    const statuses = (await Promise.all([api("settings/convertPoints", { token, form: {} }), api("settings/convertPoints", { token, form: {} })])).map((r) => r.status).sort();
    expect(statuses).toEqual([204, 503]);
    const state = await accountState(accountId);
    expect(state.points).toBe(1);
    expect(state.premiumUntil! - Date.now()).toBeLessThanOrEqual(BLOCK_MS);
  });
});
