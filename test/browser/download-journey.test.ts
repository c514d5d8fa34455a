import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { contentBytes } from "../servers/content";
import { useChromium } from "./chromium";
import { signUpAndLogIn } from "./journeys";

const baseUrl = inject("baseUrl");
const downloadBaseUrl = inject("downloadBaseUrl");
const originUrl = inject("browserOriginUrl");
const browser = useChromium();

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("downloads in a real browser", () => {
  it("paste → generate → download → history → delete, clicking only", async () => {
    const context = await browser().newContext({ locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    await signUpAndLogIn(page, baseUrl, `downloads-${Date.now()}@example.test`, "a long and cheerful passphrase");

    const size = 3 * 1024 * 1024 + 17;
    const fileUrl = `${originUrl}/files/${size}/${encodeURIComponent("Vacances été.mkv")}?seed=5`;
    await page.getByRole("link", { name: "Download", exact: true }).click();
    await page.getByLabel("Links (one per line)").fill([fileUrl, "not a link at all"].join("\n"));
    await page.getByRole("button", { name: "Generate links" }).click();

    const good = page.locator('[data-result="ok"]');
    await expect(good.count()).resolves.toBe(1);
    await expect(good.textContent()).resolves.toContain("Vacances été.mkv");
    await expect(good.textContent()).resolves.toContain("3 MiB");
    await expect(page.locator('[data-result="error"]').count()).resolves.toBe(1);

    // The generated link lives on the download host, which never sees the session cookie.
    const link = good.locator(`a[href^="${downloadBaseUrl}/d/"]`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("Vacances été.mkv");
    const saved = await download.path();
    expect(sha256(new Uint8Array(await readFile(saved)))).toBe(sha256(contentBytes(5, 0, size)));
    expect((await context.cookies(downloadBaseUrl)).length).toBe(0);

    await page.getByRole("link", { name: "History" }).click();
    const row = page.locator("tr", { hasText: "Vacances été.mkv" });
    await expect(row.count()).resolves.toBe(1);
    await expect(page.locator("body").textContent()).resolves.toContain("Deleted on");
    await row.getByRole("button", { name: /Delete/ }).click();
    await page.waitForURL(`${baseUrl}/downloads`);
    await expect(page.locator("tr", { hasText: "Vacances été.mkv" }).count()).resolves.toBe(0);
    await context.close();
  });
});
