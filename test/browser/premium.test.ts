import { describe, expect, inject, it } from "vitest";
import { useChromium, recordRequests } from "./chromium";
import { signUpAndLogIn } from "./journeys";

const baseUrl = inject("baseUrl");
const stripeUrl = inject("browserStripeUrl");
const browser = useChromium();

describe("buying premium in a real browser", () => {
  it("shows the plans and, on Buy, follows the redirect to the Checkout URL the Stripe stand-in returned", async () => {
    const context = await browser().newContext({ locale: "en-GB" });
    const requests = recordRequests(context);
    const page = await context.newPage();
    await signUpAndLogIn(page, baseUrl, `premium-${Date.now()}@example.test`, "a long and cheerful passphrase");

    await page.getByRole("link", { name: "Premium", exact: true }).click();
    await page.waitForURL(`${baseUrl}/premium`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Premium");
    await expect(page.locator("[data-plan]").count()).resolves.toBe(4);
    await expect(page.locator('[data-plan="90"]').textContent()).resolves.toContain("€9.00");
    await expect(page.getByRole("button", { name: "Buy 30 days" }).isEnabled()).resolves.toBe(true);
    // Everything the premium page loaded came from our origin (no payment script, no third-party font),
    // and it has no field to type into: no card form is ever ours.
    expect(requests.every((url) => url.startsWith(baseUrl))).toBe(true);
    await expect(page.locator('main input:not([type="hidden"])').count()).resolves.toBe(0);

    await page.getByRole("button", { name: "Buy 30 days" }).click();
    await page.waitForURL(new RegExp(`^${stripeUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/pay/cs_test_`));
    await expect(page.locator("h1").textContent()).resolves.toBe("Stripe Checkout stand-in");
    await expect(page.getByTestId("amount").textContent()).resolves.toBe("400 eur");
    await expect(page.getByTestId("plan").textContent()).resolves.toBe("30");
    await context.close();
  });
});
