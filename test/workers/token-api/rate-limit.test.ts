import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { API_CALLS_PER_MINUTE } from "../../../src/config";
import { api } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";

describe("API rate limit", () => {
  it("allows 250 calls a minute per token, then 429 code 34 with Retry-After; refused calls count", async () => {
    const { token } = await createTestAccount();
    const other = await createTestAccount();
    // Stay inside one minute window: start right after a minute boundary if close to the next one.
    const msIntoMinute = Date.now() % 60_000;
    if (msIntoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - msIntoMinute));
    const statuses: number[] = [];
    for (let i = 0; i < API_CALLS_PER_MINUTE + 3; i++) {
      const response = await api("traffic", { token });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, API_CALLS_PER_MINUTE).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(API_CALLS_PER_MINUTE)).toEqual([429, 429, 429]);
    const refused = await api("downloads", { token });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ error: "too_many_requests", error_code: 34, limit: 250 });
    const { calls } = (await env.DB.prepare("SELECT max(calls) AS calls FROM api_rate_windows").first<{ calls: number }>())!;
    expect(calls).toBe(API_CALLS_PER_MINUTE + 4);
    // Another token is not affected.
    expect((await api("traffic", { token: other.token })).status).toBe(200);
  }, 90_000);
});
