import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { useChromium, recordRequests } from "./chromium";
import { signUpAndLogIn } from "./journeys";

const baseUrl = inject("baseUrl");
const browser = useChromium();

describe("my data and account deletion in a real browser", () => {
  it("views my data, downloads it in one click, deletes the account, and is logged out — clicking only", async () => {
    const context = await browser().newContext({ locale: "en-GB" });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const email = `my-data-${Date.now()}@example.test`;
    const password = "a long and tidy passphrase";
    await signUpAndLogIn(page, baseUrl, email, password);

    // My data, from the account page: every category, each item with the date it goes.
    await page.getByRole("link", { name: "My data: see, download, correct" }).click();
    await page.waitForURL(`${baseUrl}/account/data`);
    await expect(page.locator("h1").textContent()).resolves.toBe("My data");
    await expect(page.locator("section[data-category]").count()).resolves.toBeGreaterThan(20);
    await expect(page.locator('section[data-category="accounts"] li').first().textContent()).resolves.toContain(email);
    await expect(page.locator('section[data-category="sessions"] li').first().textContent()).resolves.toMatch(/^deleted by /);

    // One click: the JSON file.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download all my data (JSON)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^relais-data-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(await readFile((await download.path())!, "utf8")) as { format: string; categories: Record<string, { items: Record<string, unknown>[] }> };
    expect(document.format).toBe("relais-account-data");
    expect(document.categories.accounts!.items[0]!.email).toBe(email);
    expect(document.categories.sessions!.items.length).toBeGreaterThan(0);

    // Deleting the account: what goes, what the law keeps, then the password and the box.
    await page.getByRole("link", { name: "Delete my account" }).click();
    await page.waitForURL(`${baseUrl}/account/delete`);
    await expect(page.locator("#kept li").count()).resolves.toBeGreaterThanOrEqual(3);
    await page.getByLabel("Current password").fill(password);
    await page.getByLabel("I understand that my account will be deleted for good").check();
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Your account is deleted");
    await expect(page.locator("#kept li").count()).resolves.toBeGreaterThanOrEqual(3);

    // Logged out: no cookie, and the account pages send to the login page.
    expect(await context.cookies()).toEqual([]);
    await page.goto(`${baseUrl}/account/data`);
    expect(new URL(page.url()).pathname).toBe("/login");
    // The old password opens nothing.
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.locator(".notice.error").textContent()).resolves.toContain("Wrong email or password");
    expect(requests.every((url) => url.startsWith(baseUrl))).toBe(true);
    await context.close();
  });
});
