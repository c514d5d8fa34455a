/**
 * Versions of the privacy policy on the site: the page says its version and date, earlier versions
 * stay readable at stable addresses exactly as they were, sign-up records the version accepted, and
 * a new version is told once, with what changed, its acknowledgement recorded.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RETENTION_CATEGORIES } from "../../../src/retention/policy";
import { currentPolicyVersion, POLICY_VERSIONS, policyContentSha256, type PolicyContent, type PolicyVersion } from "../../../src/retention/policy-versions";
import { livePolicyContent } from "../../../src/views/privacy-page";
import { accountIdOf } from "../../helpers/account-data";
import { SITE, siteJson } from "../../helpers/api";
import { appFetcher } from "../../helpers/app-env";
import { registeredClient, WebClient } from "../../helpers/web-client";

/** The policy's own content on a page: intro, table and sections (not the version line around it). */
function documentOf(html: string): string {
  const start = html.indexOf('<div class="policy-document">');
  return html.slice(start, html.indexOf('<section id="policy-version-list">', start));
}

const policyRecord = (accountId: number) =>
  env.DB.prepare("SELECT policy_version_accepted, policy_notice_version, policy_notice_shown_at, policy_acknowledged_version, policy_acknowledged_at FROM accounts WHERE id = ?").bind(accountId).first();

/**
 * Version 1 as published, frozen with what it showed, and a version 2 whose live content says
 * something else: the situation right after a policy change.
 */
async function withVersionTwo(): Promise<{ versions: PolicyVersion[]; oldIntro: string }> {
  const live = livePolicyContent(RETENTION_CATEGORIES);
  const oldIntro = "Version one's own words, frozen when version two came.";
  const frozen: PolicyContent = { fr: { ...live.fr, intro: oldIntro }, en: { ...live.en, intro: oldIntro } };
  return {
    oldIntro,
    versions: [
      { ...POLICY_VERSIONS[0]!, frozen, sha256: await policyContentSha256(frozen) },
      { number: 2, publishedOn: "2027-01-15", changes: { fr: "Les liens sont désormais gardés moins longtemps.", en: "Links are now kept for a shorter time." }, sha256: await policyContentSha256(live) },
    ],
  };
}

describe("the privacy page's version", () => {
  it("shows the version in force and its date, and the stable address of every version", async () => {
    const current = currentPolicyVersion();
    const page = await new WebClient().get("/en/privacy");
    expect(page.html).toContain(`Version ${current.number}, in force since 30 November 2026`);
    expect(page.html).toContain(`href="/en/privacy/versions/${current.number}"`);
    const french = await new WebClient().get("/fr/privacy");
    expect(french.html).toContain(`Version ${current.number}, en vigueur depuis le 30 novembre 2026`);
    const stable = await new WebClient().get(`/en/privacy/versions/${current.number}`);
    expect(stable.status).toBe(200);
    expect(documentOf(stable.html)).toBe(documentOf(page.html));
    expect(documentOf(page.html).length).toBeGreaterThan(1000);
  });

  it("is the version sign-up accepts and records, on the page and through /api/register", async () => {
    expect((await new WebClient().get("/register")).html).toContain("By creating an account, you accept the privacy policy, version 1 of 30 November 2026.");
    const { email } = await registeredClient();
    expect(await policyRecord(await accountIdOf(email))).toMatchObject({ policy_version_accepted: 1, policy_notice_version: null });
    const address = `api-${Date.now()}@example.test`;
    const viaApi = await siteJson("/api/register", { method: "POST", headers: { "content-type": "application/json", origin: SITE }, body: JSON.stringify({ email: address, password: "correct horse battery staple" }) });
    expect(viaApi.status).toBe(202);
    expect(await policyRecord(await accountIdOf(address))).toMatchObject({ policy_version_accepted: 1 });
  });
});

describe("a new version of the policy", () => {
  it("is told once to a user who signed up under version 1, whose acknowledgement is stored; version 1 still reads as it did", async () => {
    const before = await new WebClient().get("/en/privacy");
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    const { versions, oldIntro } = await withVersionTwo();
    client.fetcher = appFetcher({ policyVersions: versions });

    // The next visit: the notice, with what changed, and the change recorded as shown.
    const first = await client.get("/account");
    expect(first.status).toBe(200);
    expect(first.html).toContain('data-policy-notice="2"');
    expect(first.html).toContain("Our privacy policy changed");
    expect(first.html).toContain("Links are now kept for a shorter time.");
    expect(first.html).toContain('href="/en/privacy/versions/2"');
    const shown = await policyRecord(accountId);
    expect(shown).toMatchObject({ policy_version_accepted: 1, policy_notice_version: 2, policy_acknowledged_version: null });
    expect(shown!.policy_notice_shown_at).toEqual(expect.any(Number));

    // Once: not on the next pages.
    for (const path of ["/account", "/account/data", "/downloads", "/en/privacy"]) expect((await client.get(path)).html, path).not.toContain("data-policy-notice");

    // "I have read it": stored with its time, and the visitor goes back where they were.
    const acknowledged = await client.post("/privacy/acknowledge", { version: "2", return_to: "/account" });
    expect(acknowledged.status).toBe(303);
    expect(acknowledged.response.headers.get("location")).toBe("/account");
    const record = await policyRecord(accountId);
    expect(record).toMatchObject({ policy_acknowledged_version: 2 });
    expect(record!.policy_acknowledged_at as number).toBeGreaterThanOrEqual(shown!.policy_notice_shown_at as number);
    expect((await client.get("/account/data")).html).toContain("Acknowledgement recorded: version 2");

    // Version 1 at its stable address: exactly what the page said while it was in force (but its intro, frozen apart here).
    const old = await client.get("/en/privacy/versions/1");
    expect(old.status).toBe(200);
    expect(old.html).toContain("This is version 1, since replaced.");
    expect(old.html).toContain(oldIntro);
    expect(documentOf(old.html)).toBe(documentOf(before.html).replace(/<p>[^<]*<\/p>/, `<p>${oldIntro}</p>`));
    const current = await client.get("/en/privacy");
    expect(current.html).toContain("Version 2, in force since 15 January 2027");
    expect(current.html).not.toContain(oldIntro);

    // Someone signing up now accepts version 2, and is told nothing.
    const newcomer = new WebClient("198.51.100.240");
    newcomer.fetcher = client.fetcher;
    expect((await newcomer.get("/register")).html).toContain("version 2 of 15 January 2027");
  });

  it("is told to an account from before numbered versions (version 1's changes), once", async () => {
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    await env.DB.prepare("UPDATE accounts SET policy_version_accepted = NULL WHERE id = ?").bind(accountId).run();
    const page = await client.get("/account/settings");
    expect(page.html).toContain('data-policy-notice="1"');
    expect(page.html).toContain(POLICY_VERSIONS[0]!.changes.en);
    expect((await client.get("/account/settings")).html).not.toContain("data-policy-notice");
  });

  it("is not spent by a form sent, a JSON call or an anonymous visit: the next page shows it", async () => {
    const { client, email } = await registeredClient();
    const accountId = await accountIdOf(email);
    client.fetcher = appFetcher({ policyVersions: (await withVersionTwo()).versions });
    expect((await client.post("/account/settings", { setting_name: "streaming_quality", setting_value: "low" })).html).not.toContain("data-policy-notice");
    expect((await client.get("/api/me/data")).status).toBe(200);
    const anonymous = new WebClient();
    anonymous.fetcher = client.fetcher;
    expect((await anonymous.get("/en/privacy")).html).not.toContain("data-policy-notice");
    expect(await policyRecord(accountId)).toMatchObject({ policy_notice_version: null });
    expect((await client.get("/account")).html).toContain('data-policy-notice="2"');
  });
});

describe("every promise of the privacy page", () => {
  it("links to what keeps it, and every link leads to a page that opens (or a row of the page)", async () => {
    const { client } = await registeredClient();
    for (const prefix of ["", "/en"]) {
      const page = await client.get(`${prefix}/privacy`);
      const sections = [...page.html.matchAll(/<section id="policy-([a-z]+)">([\s\S]*?)<\/section>/g)];
      expect(sections.length).toBeGreaterThan(7);
      for (const [, id, body] of sections) {
        const links = [...body!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
        if (id !== "versions") expect(links.length, `section ${id} links to what keeps its promise`).toBeGreaterThan(0);
        for (const href of links) {
          if (href.startsWith("#")) expect(page.html, href).toContain(`id="${href.slice(1)}"`);
          else expect((await client.get(href)).status, href).toBe(200);
        }
      }
    }
  });
});
