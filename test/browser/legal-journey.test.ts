import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { useChromium } from "./chromium";
import { signUpAndLogIn } from "./journeys";

const baseUrl = inject("baseUrl");
const stateDir = inject("stateDir");
const PASSWORD = "a long and cheerful passphrase";
const browser = useChromium();

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function person(tag: string): Promise<{ context: BrowserContext; page: Page; email: string }> {
  const context = await browser().newContext({ locale: "en-GB", acceptDownloads: true });
  const page = await context.newPage();
  const email = `${tag}-${Date.now()}@example.test`;
  await signUpAndLogIn(page, baseUrl, email, PASSWORD);
  return { context, page, email };
}

describe("the legal procedure in a real browser", () => {
  it("an officer records a request, a second approves, the first downloads the export; the audit page shows the chain valid", async () => {
    const admin = await person("admin");
    // The first admin comes from the operator's command line, never from a web page.
    const promoted = spawnSync(process.execPath, [join("scripts", "admin-create.ts"), "--email", admin.email, "--persist-to", stateDir], { encoding: "utf8", env: { ...process.env, CI: "true" } });
    expect(promoted.status, promoted.stderr).toBe(0);
    const first = await person("officer-one");
    const second = await person("officer-two");

    await admin.page.goto(`${baseUrl}/staff/roles`);
    for (const officer of [first, second]) {
      await admin.page.getByLabel("Account's email address").fill(officer.email);
      await admin.page.getByLabel("Role").selectOption("legal");
      await admin.page.getByRole("button", { name: "Grant" }).click();
      await expect(admin.page.locator(".notice").textContent()).resolves.toBe("Role granted.");
    }

    const page1 = first.page;
    await page1.goto(`${baseUrl}/staff/requests`);
    await page1.getByLabel("Requesting authority").fill("Tribunal judiciaire de Lyon");
    await page1.getByLabel("Legal basis").selectOption("fr_judicial_requisition");
    await page1.getByLabel("Request reference").fill("PQ-2027-0099");
    await page1.getByLabel("Received on (YYYY-MM-DD)").fill("2027-03-02");
    await page1.getByLabel("Account (email address or number)").fill(admin.email);
    await page1.getByLabel("Start of the period (UTC)").fill("2026-01-01T00:00");
    await page1.getByLabel("End of the period (UTC, included)").fill("2026-12-31T00:00");
    await page1.getByLabel("Account data (email address, sign-up)").check();
    await page1.getByLabel("Login events").check();
    await page1.getByLabel("SHA-256 of the document received").fill(sha256(new TextEncoder().encode("the requisition, scanned")));
    await page1.getByRole("button", { name: "Record the request" }).click();
    await page1.waitForURL(/\/staff\/requests\/\d+$/);
    const requestUrl = page1.url();
    await expect(page1.getByTestId("request-status").textContent()).resolves.toBe("awaiting the second officer");

    await second.page.goto(requestUrl);
    await second.page.getByRole("button", { name: "Record the decision" }).click();
    await expect(second.page.getByTestId("request-status").textContent()).resolves.toBe("approved");

    await page1.reload();
    const [download] = await Promise.all([page1.waitForEvent("download"), page1.getByRole("button", { name: "Download the export (once)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^relais-disclosure-\d+-[0-9a-f]{12}\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]!)) as { files: { name: string; sha256: string }[] };
    expect(manifest.files.map((f) => f.name).sort()).toEqual(["account.csv", "account.json", "login_events.csv", "login_events.json"]);
    for (const f of manifest.files) expect(sha256(files[f.name]!)).toBe(f.sha256);
    expect(new TextDecoder().decode(files["account.json"]!)).toContain(admin.email);

    await page1.goto(requestUrl);
    await expect(page1.getByTestId("manifest-sha256").textContent()).resolves.toBe(sha256(files["manifest.json"]!));
    await page1.getByRole("link", { name: "Audit log" }).click();
    await expect(page1.getByTestId("chain-state").textContent()).resolves.toBe("Chain valid");
    await expect(page1.locator('td[data-outcome="done"]', { hasText: "done" }).count()).resolves.toBeGreaterThan(3);
    for (const p of [admin, first, second]) await p.context.close();
  });
});
