/** User text that the journal, the client context and login events cut: never inside a character. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readClientContext } from "../../../src/request-context/client-context";
import { waitForJournal } from "../../helpers/storage";
import { registeredClient, WebClient } from "../../helpers/web-client";

const GRIN = "\u{1F600}";
const GRIN_ENCODED = "%F0%9F%98%80";

describe("the request journal", () => {
  it("cuts path, query and User-Agent between characters", async () => {
    const response = await exports.default.fetch(`https://relais.test/no-such-page/${GRIN_ENCODED.repeat(100)}?q=${GRIN_ENCODED.repeat(100)}`, {
      headers: { "user-agent": "a".repeat(511) + GRIN },
    });
    expect(response.status).toBe(404);
    await response.arrayBuffer();
    const [row] = await waitForJournal(response.headers.get("x-request-id")!);
    // 1,024 characters at most: 84 whole escaped emoji after "/no-such-page/", 85 after "q=".
    expect(row).toMatchObject({
      path: `/no-such-page/${GRIN_ENCODED.repeat(84)}`,
      query: `q=${GRIN_ENCODED.repeat(85)}`,
      user_agent: "a".repeat(511),
    });
  });
});

describe("the client context", () => {
  it("cuts a place name from request.cf between characters", () => {
    const context = readClientContext(new Request("https://relais.test/", { cf: { city: "a".repeat(127) + GRIN, country: "FR" } }));
    expect(context.city).toBe("a".repeat(127));
  });
});

describe("login events", () => {
  it("keep a User-Agent cut between characters", async () => {
    const { email } = await registeredClient();
    const ip = "192.0.2.251";
    await new WebClient(ip, {}, { "user-agent": "b".repeat(511) + "e\u0301" }).post("/login", { email, password: "not the password at all" });
    const row = await env.DB.prepare("SELECT user_agent FROM login_events WHERE ip = ?").bind(ip).first<{ user_agent: string }>();
    expect(row?.user_agent).toBe("b".repeat(511));
  });
});
