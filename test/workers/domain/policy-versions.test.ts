/**
 * Versions of the privacy policy: what each showed is pinned by its hash, so the live policy cannot
 * change without a new version, and an earlier version keeps reading as it did.
 */
import { describe, expect, it } from "vitest";
import { RETENTION_CATEGORIES } from "../../../src/retention/policy";
import { currentPolicyVersion, POLICY_VERSIONS, policyContentSha256 } from "../../../src/retention/policy-versions";
import { livePolicyContent } from "../../../src/views/privacy-page";

describe("privacy policy versions", () => {
  it("are numbered 1, 2, 3… with dates that never go back", () => {
    expect(POLICY_VERSIONS.map((v) => v.number)).toEqual(POLICY_VERSIONS.map((_, i) => i + 1));
    for (const [i, version] of POLICY_VERSIONS.entries()) {
      expect(version.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (i > 0) expect(version.publishedOn >= POLICY_VERSIONS[i - 1]!.publishedOn).toBe(true);
      expect(version.changes.fr.length).toBeGreaterThan(0);
      expect(version.changes.en.length).toBeGreaterThan(0);
    }
  });

  it("pin the live policy to the current version's hash: changing the policy needs a new version", async () => {
    const live = livePolicyContent(RETENTION_CATEGORIES);
    const hash = await policyContentSha256(live);
    const current = currentPolicyVersion();
    expect(
      hash,
      `The privacy policy (its text or the retention module) no longer matches version ${current.number}. Publish a version: set version ${current.number}'s \`frozen\` to the content it showed, then add version ${current.number + 1} with sha256 "${hash}". The live content is:\n${JSON.stringify(live)}`,
    ).toBe(current.sha256);
    expect(current.frozen).toBeUndefined();
  });

  it("keep every earlier version's frozen content, whose hash is the one it was published with", async () => {
    for (const version of POLICY_VERSIONS.slice(0, -1)) {
      expect(version.frozen, `version ${version.number} has no frozen content`).toBeDefined();
      expect(await policyContentSha256(version.frozen!)).toBe(version.sha256);
    }
  });
});
