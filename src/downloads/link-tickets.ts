/**
 * Download link tickets: the path segment that binds a generated link to its node and to the
 * network it may download from, checked by the node without any database call.
 *
 * Ticket: `<node>.<expiry, base 36 seconds>.<binding>.<mac>`, lower case, where binding is `any`
 * (remote traffic), `none` (generated without a known IP: only IP-less requests match; never in
 * production, where every request has one) or `4-<hex>-<bits>` / `6-<hex>-<bits>` (an IPv4 or
 * IPv6 prefix), and mac the first 128 bits of HMAC-SHA-256 over id, node, binding and expiry, with
 * the node's own key: HMAC(LINK_SIGNING_KEY, "relais-download-node:" + node id). A node elsewhere
 * holds only its own key: it can check its links, and sign for no other node.
 */
import { LINK_BINDING_PREFIX_BITS } from "../config";
import { AppError } from "../errors";
import { toHex } from "../lib/crypto";
import { networkPrefix, prefixContains, prefixFromHex, prefixHex, type NetworkPrefix } from "../lib/network";
import type { DownloadNode } from "./download-host";

export type LinkBinding = { kind: "any" } | { kind: "none" } | { kind: "network"; prefix: NetworkPrefix };

const encoder = new TextEncoder();
const MAC_BYTES = 16;

/** The signing secret; a missing one fails loudly, except in local development, which gets a fixed one. */
export function linkSigningKey(env: { LINK_SIGNING_KEY?: string; ENVIRONMENT?: string }): string {
  if (env.LINK_SIGNING_KEY) return env.LINK_SIGNING_KEY;
  if (env.ENVIRONMENT === "development") return "development-only-link-signing-key-never-used-in-production";
  throw new Error("LINK_SIGNING_KEY secret is not set");
}

/**
 * What a new link is bound to: anything for remote traffic; else the network of the end user's IP
 * an API client declared, else of the requester's IP.
 */
export function bindingFor(input: { remote: boolean; declaredIp: string | null; requesterIp: string | null }): LinkBinding {
  if (input.remote) return { kind: "any" };
  const prefix = networkPrefix(input.declaredIp ?? input.requesterIp, LINK_BINDING_PREFIX_BITS);
  return prefix ? { kind: "network", prefix } : { kind: "none" };
}

export function encodeBinding(binding: LinkBinding): string {
  if (binding.kind !== "network") return binding.kind;
  return `${binding.prefix.family}-${prefixHex(binding.prefix)}-${binding.prefix.bits}`;
}

function decodeBinding(text: string): LinkBinding | null {
  if (text === "any" || text === "none") return { kind: text };
  const match = /^([46])-([0-9a-f]{8}|[0-9a-f]{32})-(\d{1,3})$/.exec(text);
  if (!match) return null;
  const prefix = prefixFromHex(match[2]!, Number(match[3]));
  return prefix && String(prefix.family) === match[1] ? { kind: "network", prefix } : null;
}

const nodeKeys = new Map<string, Promise<CryptoKey>>();

/** The node's HMAC key, derived from the secret (cached per isolate). */
function nodeKey(secret: string, nodeId: string): Promise<CryptoKey> {
  const cacheKey = `${secret}\u0000${nodeId}`;
  let key = nodeKeys.get(cacheKey);
  if (!key) {
    key = (async () => {
      const master = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      const derived = await crypto.subtle.sign("HMAC", master, encoder.encode(`relais-download-node:${nodeId}`));
      return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    })();
    nodeKeys.set(cacheKey, key);
  }
  return key;
}

async function mac(secret: string, id: string, nodeId: string, binding: string, expiry: string): Promise<Uint8Array> {
  const signature = await crypto.subtle.sign("HMAC", await nodeKey(secret, nodeId), encoder.encode(`relais-link:v1|${id}|${nodeId}|${binding}|${expiry}`));
  return new Uint8Array(signature).slice(0, MAC_BYTES);
}

/** The ticket of link `id` on `node`, bound to `binding`, valid until `expiresAt` (ms). */
export async function signLinkTicket(secret: string, input: { id: string; node: Pick<DownloadNode, "id">; binding: LinkBinding; expiresAt: number }): Promise<string> {
  const expiry = Math.ceil(input.expiresAt / 1000).toString(36);
  const binding = encodeBinding(input.binding);
  return `${input.node.id}.${expiry}.${binding}.${toHex(await mac(secret, input.id.toUpperCase(), input.node.id, binding, expiry))}`;
}

/**
 * Checks a ticket presented to `node` for link `id` by a requester at `clientIp`, at `now`,
 * without a database call. Throws, in this order: invalid_download_link (malformed), wrong_download_node
 * (signed for another node), invalid_download_link (bad MAC), download_expired, ip_not_allowed
 * (another network). Returns the binding.
 */
export async function verifyLinkTicket(secret: string, input: { ticket: string; id: string; node: Pick<DownloadNode, "id">; clientIp: string | null }, now: number): Promise<LinkBinding> {
  const parts = input.ticket.toLowerCase().split(".");
  if (parts.length !== 4) throw new AppError("invalid_download_link");
  const [nodeId, expiry, bindingText, macHex] = parts as [string, string, string, string];
  const binding = decodeBinding(bindingText);
  if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(nodeId) || !/^[0-9a-z]{1,11}$/.test(expiry) || !binding || !/^[0-9a-f]{32}$/.test(macHex)) throw new AppError("invalid_download_link");
  if (nodeId !== input.node.id) throw new AppError("wrong_download_node", { details: { node: input.node.id, link_node: nodeId } });
  const expected = await mac(secret, input.id.toUpperCase(), nodeId, bindingText, expiry);
  const given = Uint8Array.from(macHex.match(/../g)!.map((pair) => parseInt(pair, 16)));
  // Both are MAC_BYTES long (checked above), as timingSafeEqual requires.
  if (!crypto.subtle.timingSafeEqual(expected, given)) throw new AppError("invalid_download_link");
  if (parseInt(expiry, 36) * 1000 <= now) throw new AppError("download_expired");
  if (binding.kind === "none" && input.clientIp !== null) throw new AppError("ip_not_allowed");
  if (binding.kind === "network" && !prefixContains(binding.prefix, input.clientIp)) {
    // The generating network is not told (the link may have been passed on): only how networks are compared.
    throw new AppError("ip_not_allowed", { details: { prefix_bits: binding.prefix.bits, remote_allowed: true } });
  }
  return binding;
}
