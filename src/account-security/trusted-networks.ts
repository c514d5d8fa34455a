/**
 * Trusted networks (home, family): declared by the owner, they count as one network for the
 * account-sharing rule. Stored as CIDR prefixes of LINK_BINDING_PREFIX_BITS.
 */
import { and, asc, eq } from "drizzle-orm";
import { LINK_BINDING_PREFIX_BITS, TRUSTED_NETWORKS_MAX } from "../config";
import type { MainDb } from "../db/client";
import { trustedNetworks } from "../db/schema";
import { networkPrefix } from "../lib/network";
import { truncateText } from "../lib/text";

export type TrustedNetwork = { id: number; network: string; label: string; createdAt: number };

/** The prefix an address belongs to, as the sharing rule and trusted networks name it ("unknown" without an address). */
export function sharingNetworkOf(ip: string | null): string {
  return networkPrefix(ip, LINK_BINDING_PREFIX_BITS)?.text ?? "unknown";
}

export async function listTrustedNetworks(db: MainDb, input: { accountId: number }): Promise<TrustedNetwork[]> {
  return db
    .select({ id: trustedNetworks.id, network: trustedNetworks.network, label: trustedNetworks.label, createdAt: trustedNetworks.createdAt })
    .from(trustedNetworks)
    .where(eq(trustedNetworks.accountId, input.accountId))
    .orderBy(asc(trustedNetworks.createdAt));
}

export type AddTrustedOutcome = { kind: "added"; network: string } | { kind: "bad_address" } | { kind: "too_many" };

/**
 * Trusts the network of `ip` (the address the owner typed, or the one they are on). The count is
 * checked in the insert itself, so parallel adds cannot pass the maximum. Adding a network twice
 * keeps one row (the new label).
 */
export async function addTrustedNetwork(db: MainDb, input: { accountId: number; ip: string | null; label: string }, now: number): Promise<AddTrustedOutcome> {
  const prefix = networkPrefix(input.ip, LINK_BINDING_PREFIX_BITS);
  if (!prefix) return { kind: "bad_address" };
  const label = truncateText(input.label.trim() || prefix.text, 64);
  // Raw SQL: an insert gated on a count of the same table, which drizzle's builder cannot express.
  const { meta } = await db.$client
    .prepare(
      `INSERT INTO trusted_networks (account_id, network, label, created_at) SELECT ?1, ?2, ?3, ?4
       WHERE (SELECT count(*) FROM trusted_networks WHERE account_id = ?1 AND network <> ?2) < ?5
       ON CONFLICT (account_id, network) DO UPDATE SET label = excluded.label`,
    )
    .bind(input.accountId, prefix.text, label, now, TRUSTED_NETWORKS_MAX)
    .run();
  return meta.changes === 1 ? { kind: "added", network: prefix.text } : { kind: "too_many" };
}

export async function removeTrustedNetwork(db: MainDb, input: { accountId: number; networkId: number }): Promise<boolean> {
  const deleted = await db.delete(trustedNetworks).where(and(eq(trustedNetworks.id, input.networkId), eq(trustedNetworks.accountId, input.accountId))).returning({ id: trustedNetworks.id });
  return deleted.length > 0;
}
