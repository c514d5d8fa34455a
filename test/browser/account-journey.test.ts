import { describe, expect, inject, it } from "vitest";
import { useChromium, recordRequests } from "./chromium";

// Vite sets BASE_URL to "/" in test workers, so the harness's injected value comes first.
const baseUrl = inject("baseUrl") ?? (process.env.BASE_URL?.startsWith("http") ? process.env.BASE_URL : "http://localhost:8788");
const browser = useChromium();

describe("account journey in a real browser", () => {
  it("registers, verifies from the local mailbox, logs in, sees the account, logs out — clicking only", async () => {
    const context = await browser().newContext({ locale: "en-GB" });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const email = `journey-${Date.now()}@example.test`;
    const password = "a long and cheerful passphrase";

    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: "Sign up" }).click();
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create my account" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Check your mailbox");

    // The local mailbox shows the mail; its link opens a page that confirms with a POST.
    await page.goto(`${baseUrl}/dev/mailbox`);
    const mail = page.locator("article.mail", { has: page.locator(".mail-to", { hasText: email }) }).first();
    await expect(mail.locator("h2").textContent()).resolves.toBe("Confirm your email address");
    await mail.locator('a[href*="/verify?token="]').click();
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Address confirmed");

    await page.getByRole("link", { name: "Log in" }).first().click();
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await expect(page.getByTestId("account-email").textContent()).resolves.toBe(email);

    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: "__Host-session", path: "/", httpOnly: true, secure: true, sameSite: "Lax" });

    await page.getByRole("link", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Log out");
    await expect(page.locator(".notice").textContent()).resolves.toBe("You are logged out.");
    expect(await context.cookies()).toEqual([]);

    await page.goto(`${baseUrl}/account`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(requests.every((url) => url.startsWith(baseUrl))).toBe(true);
    await context.close();
  });

  it("keeps the email and explains the problem when a password is refused", async () => {
    const context = await browser().newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/register`);
    await page.getByLabel("Adresse e-mail").fill("garde.moi@example.test");
    await page.getByLabel("Mot de passe").fill("motdepasse123");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await expect(page.locator(".error-text").textContent()).resolves.toContain("trop courant");
    await expect(page.getByLabel("Adresse e-mail").inputValue()).resolves.toBe("garde.moi@example.test");
    await expect(page.getByLabel("Mot de passe").inputValue()).resolves.toBe("");
    await context.close();
  });
});
