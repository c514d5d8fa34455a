import { describe, expect, inject, it } from "vitest";
import { RETENTION_CATEGORIES } from "../../src/retention/policy";
import { useChromium, recordRequests } from "./chromium";

const baseUrl = inject("baseUrl");
const browser = useChromium();

describe("privacy page in a real browser", () => {
  it("shows the policy with one row per retention category, sets no cookie, loads nothing from elsewhere", async () => {
    const context = await browser().newContext({ locale: "fr-FR" });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/privacy`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe("Politique de confidentialité");
    await expect(page.locator("tbody tr").count()).resolves.toBe(RETENTION_CATEGORIES.length);
    await expect(page.locator("#retention-request_journal td").nth(2).textContent()).resolves.toBe("1 an");
    expect(await context.cookies()).toEqual([]);
    expect(requests.length).toBeGreaterThan(1); // the page and its stylesheet
    expect(requests.every((url) => url.startsWith(baseUrl))).toBe(true);
    await context.close();
  });

  it("switches to English with the keyboard alone", async () => {
    const context = await browser().newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/privacy`);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Aller au contenu");
    // Tab through the header to the language switch, then follow it with Enter.
    for (let i = 0; i < 10; i++) {
      const text = await page.evaluate(() => document.activeElement?.textContent);
      if (text === "English") break;
      await page.keyboard.press("Tab");
    }
    await Promise.all([page.waitForURL(`${baseUrl}/en/privacy`), page.keyboard.press("Enter")]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Privacy policy");
    await context.close();
  });

  it("follows the visitor's colour scheme and stays readable on a phone", async () => {
    const context = await browser().newContext({ viewport: { width: 375, height: 740 }, colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/privacy`);
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).not.toBe(light);
    // Nothing overflows the viewport sideways but the table, which scrolls inside its wrapper.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/privacy-mobile-dark.png`, fullPage: true });
    await context.close();
  });
});
