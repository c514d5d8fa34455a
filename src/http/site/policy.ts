/** The privacy policy's versions as the site group set them, and the change notice a page shows once. */
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { claimPolicyNotice } from "../../my-data";
import { currentPolicyVersion, POLICY_VERSIONS, type PolicyVersion } from "../../retention/policy-versions";

export function policyVersionsOf(c: Context<AppEnv>): readonly PolicyVersion[] {
  return c.var.policyVersions ?? POLICY_VERSIONS;
}

export function currentPolicyOf(c: Context<AppEnv>): PolicyVersion {
  return currentPolicyVersion(policyVersionsOf(c));
}

/**
 * The versions a logged-in visitor is told about on this page (none on forms sent, or when already
 * told): claimed as the page renders, so a page that redirects instead never spends the notice.
 */
export async function policyNoticeFor(c: Context<AppEnv>): Promise<PolicyVersion[]> {
  const session = c.var.session;
  if (c.req.method !== "GET" || !session || !c.var.policyVersions) return [];
  return claimPolicyNotice(c.var.db, { accountId: session.accountId, versions: c.var.policyVersions }, Date.now());
}
