import { describe, expect, inject, it } from "vitest";
import { useChromium, recordRequests } from "./chromium";

const baseUrl = inject("baseUrl");
const browser = useChromium();

const LABELS: Record<string, string> = { up: "Up", degraded: "Degraded", down: "Unavailable", maintenance: "In maintenance" };

describe("hosters page in a real browser", () => {
  it("lists every hoster with its state and an example link of its own", async () => {
    // What the API says is supported: the page must show each of these, plus direct links.
    const hosts = (await (await fetch(`${baseUrl}/rest/1.0/hosts`)).json()) as Record<string, { id: string; name: string }>;
    const regexes = ((await (await fetch(`${baseUrl}/rest/1.0/hosts/regex`)).json()) as string[]).map((p) => new RegExp(p.slice(1, -1).replace(/\\\//g, "/")));
    expect(Object.keys(hosts).length).toBeGreaterThanOrEqual(12);

    const context = await browser().newContext({ locale: "en-GB" });
    const requests = recordRequests(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: "Hosters" }).first().click();
    await page.waitForURL(`${baseUrl}/hosts`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Hoster status");
    await expect(page.locator("tbody tr").count()).resolves.toBe(Object.keys(hosts).length + 1);

    const states: string[] = [];
    for (const [domain, { id, name }] of [...Object.entries(hosts), ["", { id: "direct", name: "" }] as const]) {
      const row = page.locator(`tr[data-hoster="${id}"]`);
      if (domain) await expect(row.locator("td").first().textContent(), id).resolves.toContain(`${name} (${domain}`);
      const state = (await row.locator("td[data-status]").getAttribute("data-status"))!;
      expect(Object.keys(LABELS), id).toContain(state);
      await expect(row.locator("td[data-status]").textContent(), id).resolves.toContain(LABELS[state]);
      states.push(state);
      const example = row.locator(".example-link code").first();
      await expect(example.isVisible()).resolves.toBe(true);
      const link = (await example.textContent())!;
      // A named hoster's example is a link on its main domain that /hosts/regex takes; direct links are any https link.
      if (domain) {
        expect(new URL(link).hostname.replace(/^www\./, ""), id).toBe(domain);
        expect(regexes.some((regex) => regex.test(link)), `${id}: ${link}`).toBe(true);
      }
      else expect(link.startsWith("https://"), link).toBe(true);
    }
    // `npm run dev` has no premium keys: the premium-API hosters say they are down, the public ones up.
    expect(states).toContain("up");
    expect(states).toContain("down");
    expect(requests.every((url) => url.startsWith(baseUrl))).toBe(true);
    await context.close();
  });
});
