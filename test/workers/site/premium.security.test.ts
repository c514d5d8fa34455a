import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp } from "../../../src/app";
import { describe, expect, it } from "vitest";
import { accountState, standInSessions } from "../../helpers/payments";
import { ORIGIN, registeredClient, WebClient } from "../../helpers/web-client";

describe("premium forms", () => {
  it("send a visitor to the login page and create no session", async () => {
    const before = (await standInSessions()).length;
    const page = await new WebClient().post("/premium/checkout", { plan: "30" });
    expect(page.status).toBe(303);
    expect(page.response.headers.get("location")).toBe("/login");
    expect((await new WebClient().post("/premium/convert-points", {})).response.headers.get("location")).toBe("/login");
    expect((await standInSessions()).length).toBe(before);
  });

  it("refuse a cross-site checkout or conversion (CSRF) and change nothing", async () => {
    const { client, email } = await registeredClient();
    const accountId = (await env.DB.prepare("SELECT id FROM accounts WHERE email = ?").bind(email).first<{ id: number }>())!.id;
    await env.DB.prepare("UPDATE accounts SET points = 2000 WHERE id = ?").bind(accountId).run();
    const before = (await standInSessions()).length;
    expect((await client.post("/premium/checkout", { plan: "30" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await client.post("/premium/convert-points", {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await standInSessions()).length).toBe(before);
    expect(await accountState(accountId)).toEqual({ premiumUntil: null, points: 2000 });
  });

  it("buy for the logged-in account only: a client_reference_id sent in the form is ignored", async () => {
    const { client, email } = await registeredClient();
    const accountId = (await env.DB.prepare("SELECT id FROM accounts WHERE email = ?").bind(email).first<{ id: number }>())!.id;
    const page = await client.post("/premium/checkout", { plan: "15", client_reference_id: "1", account_id: "1" });
    expect(page.status).toBe(303);
    const created = (await standInSessions()).find((s) => s.session.url === page.response.headers.get("location"))!;
    expect(created.session.client_reference_id).toBe(String(accountId));
    expect(created.session.metadata.account_id).toBe(String(accountId));
  });
});

describe("the simulator's buyer lookup", () => {
  it("answers in development only: 404 in production, for a known address too", async () => {
    const { email } = await registeredClient();
    const path = `/dev/payments/buyer?${new URLSearchParams({ email, plan: "30" })}`;
    const dev = await new WebClient().get(path);
    expect(dev.status).toBe(200);
    expect(JSON.parse(dev.html)).toMatchObject({ plan: "30", amountMinor: 400, currency: "eur" });
    expect((await new WebClient().get(`/dev/payments/buyer?email=nobody%40example.test&plan=30`)).status).toBe(404);
    const ctx = createExecutionContext();
    const production = await createApp().fetch(new Request(`${ORIGIN}${path}`), { ...env, ENVIRONMENT: "production" }, ctx);
    await waitOnExecutionContext(ctx);
    expect(production.status).toBe(404);
    expect(await production.text()).not.toContain(email);
  });
});
