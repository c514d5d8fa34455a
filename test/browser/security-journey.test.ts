import { describe, expect, inject, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { useChromium } from "./chromium";
import { signUpAndLogIn } from "./journeys";

const baseUrl = inject("baseUrl");
const browser = useChromium();

/** A browser "in" a place: wrangler dev has no real request.cf, the development header stands in (ASCII JSON, as browsers require). */
function placeHeader(place: Record<string, unknown>): Record<string, string> {
  return { "X-Relais-Dev-Location": JSON.stringify(place).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) };
}

const PARIS = { country: "FR", asn: 3215, city: "Paris", latitude: 48.85, longitude: 2.35, continent: "EU" };
const SAO_PAULO = { country: "BR", asn: 28573, city: "São Paulo", latitude: -23.55, longitude: -46.63, continent: "SA" };

async function newContext(place: Record<string, unknown>): Promise<BrowserContext> {
  const context = await browser().newContext({ locale: "en-GB" });
  await context.setExtraHTTPHeaders(placeHeader(place));
  return context;
}

describe("the security page in a real browser", () => {
  it("shows sessions with their places, revokes one, and shows the login history", async () => {
    const email = `security-${Date.now()}@example.test`;
    const password = "a long and watchful passphrase";
    const home = await newContext(PARIS);
    const homePage = await home.newPage();
    await signUpAndLogIn(homePage, baseUrl, email, password);

    // Signing in from São Paulo: held until the code from the (local) mailbox is typed.
    const away = await newContext(SAO_PAULO);
    const awayPage = await away.newPage();
    await awayPage.goto(`${baseUrl}/login`);
    await awayPage.getByLabel("Email address").fill(email);
    await awayPage.getByLabel("Password").fill(password);
    await awayPage.getByRole("button", { name: "Log in" }).click();
    await expect(awayPage.locator("h1").textContent()).resolves.toBe("Confirm this sign-in");
    await homePage.goto(`${baseUrl}/dev/mailbox`);
    const mail = homePage.locator("article.mail", { has: homePage.locator(".mail-to", { hasText: email }) }).filter({ hasText: "Sign-in code" }).first();
    const code = /^(\d{6})$/m.exec((await mail.locator(".mail-body").textContent()) ?? "")![1]!;
    await awayPage.getByLabel("Code from the email").fill(code);
    await awayPage.getByRole("button", { name: "Confirm" }).click();
    await awayPage.waitForURL(`${baseUrl}/account`);

    await homePage.goto(`${baseUrl}/account`);
    await homePage.getByRole("link", { name: "Security: sessions, places, login history" }).click();
    await expect(homePage.locator("h1").textContent()).resolves.toBe("Account security");
    const rows = homePage.getByTestId("session-row");
    await expect(rows.count()).resolves.toBe(2);
    const awayRow = rows.filter({ hasText: "São Paulo, BR" });
    await expect(awayRow.count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: "Paris, FR" }).filter({ hasText: "this session" }).count()).resolves.toBe(1);
    await expect(awayRow.textContent()).resolves.toContain("Chrome");

    await awayRow.getByRole("button", { name: "Close" }).click();
    await expect(homePage.locator(".notice").first().textContent()).resolves.toBe("Session closed.");
    await expect(homePage.getByTestId("session-row").count()).resolves.toBe(1);
    await awayPage.goto(`${baseUrl}/account`);
    expect(new URL(awayPage.url()).pathname).toBe("/login");

    // The login history: the sign-up place's sign-in, the code asked from São Paulo, then the code's success.
    const history = homePage.getByTestId("history-row");
    await expect(history.filter({ hasText: "code asked" }).filter({ hasText: "São Paulo" }).count()).resolves.toBe(1);
    await expect(history.filter({ hasText: "code from email" }).count()).resolves.toBe(1);
    await expect(homePage.getByTestId("event-row").filter({ hasText: "Sign-in from a new place" }).count()).resolves.toBe(1);
    await home.close();
    await away.close();
  });
});
