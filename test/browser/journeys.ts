/** Steps that several browser tests share, done by clicking like a person. */
import type { Page } from "playwright-core";

/** Signs up, confirms the address from the local mailbox, and logs in; ends on the account page. */
export async function signUpAndLogIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await page.goto(`${baseUrl}/dev/mailbox`);
  const mail = page.locator("article.mail", { has: page.locator(".mail-to", { hasText: email }) }).first();
  await mail.locator('a[href*="/verify?token="]').click();
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await page.getByRole("link", { name: "Log in" }).first().click();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(`${baseUrl}/account`);
}
