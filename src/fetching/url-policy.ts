/**
 * The one place that decides whether a user-supplied URL may be fetched (SSRF rules,
 * security-and-privacy.md §5). Everything here is decided before any request leaves.
 */
import { MAX_LINK_LENGTH } from "../config";
import { AppError } from "../errors";
import { parseIpv4, parseIpv6 } from "../lib/ip-address";
import { isPublicIpAddress } from "./ip-ranges";

export type FetchPolicy = {
  /** host:port pairs that may be reached although local or on another port (tests, local dev). */
  allowlist: ReadonlySet<string>;
  /** Our own hostnames (site and download hosts): never fetched. */
  ownHosts: ReadonlySet<string>;
  /** Our own host:port pairs: never fetched, even if a misconfigured allow-list names them. */
  ownHostPorts: ReadonlySet<string>;
};

export type RefusalReason =
  | "not_a_url" | "too_long" | "scheme" | "credentials" | "ip_literal" | "local_name" | "own_host"
  | "port" | "bad_hostname" | "private_address" | "unresolvable" | "dns_failure" | "too_many_redirects";

/** A refused link: 400 link_refused (code 2) with the reason in the body. */
export function refuse(reason: RefusalReason): AppError {
  return new AppError("link_refused", { details: { reason } });
}

/** Builds the policy from the Worker's vars. */
export function fetchPolicyFromEnv(env: Pick<Env, "FETCH_ALLOWLIST" | "SITE_ORIGIN" | "DOWNLOAD_ORIGIN">): FetchPolicy {
  const allowlist = new Set(
    (env.FETCH_ALLOWLIST ?? "").split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean),
  );
  const ownHosts = new Set<string>();
  const ownHostPorts = new Set<string>();
  for (const origin of [env.SITE_ORIGIN, env.DOWNLOAD_ORIGIN]) {
    try {
      const url = new URL(origin);
      ownHosts.add(url.hostname);
      ownHostPorts.add(hostPort(url));
    } catch {
      // A malformed origin var names no host.
    }
  }
  return { allowlist, ownHosts, ownHostPorts };
}

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet", ".corp", ".localdomain"];
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function hostPort(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}:${port}`;
}

export type CheckedUrl = { url: URL; allowlisted: boolean };

/**
 * Parses a link and applies every rule that needs no network: http(s) only, no credentials, no IP
 * literal in any notation (the WHATWG parser turns 0x7f.1, 2130706433 and 0177.0.0.1 into
 * 127.0.0.1 first), no local names, not ours, ports 80/443. Throws link_refused.
 */
export function checkUrlSyntax(raw: string | URL, policy: FetchPolicy): CheckedUrl {
  const text = typeof raw === "string" ? raw.trim() : raw.href;
  if (text.length > MAX_LINK_LENGTH) throw refuse("too_long");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse("not_a_url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse("scheme");
  if (url.username !== "" || url.password !== "") throw refuse("credentials");
  // A trailing dot names the same host ("localhost." is localhost).
  const hostname = url.hostname.replace(/\.$/, "").toLowerCase();
  const ownHostPort = hostPort(url);
  if (policy.ownHostPorts.has(ownHostPort) || (policy.ownHosts.has(hostname) && !policy.allowlist.has(ownHostPort))) throw refuse("own_host");
  if (policy.allowlist.has(ownHostPort) && url.hostname === hostname) return { url, allowlisted: true };
  if (parseIpv4(hostname) || hostname.startsWith("[") || parseIpv6(hostname)) throw refuse("ip_literal");
  if (hostname === "localhost" || LOCAL_SUFFIXES.some((suffix) => hostname.endsWith(suffix))) throw refuse("local_name");
  const labels = hostname.split(".");
  // Single-label names resolve through search domains to internal hosts; all-numeric TLDs are IPs in disguise.
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1)!)) throw refuse("bad_hostname");
  if (url.port !== "" && url.port !== "80" && url.port !== "443") throw refuse("port");
  return { url, allowlisted: false };
}

/** True when every address is public unicast (and there is at least one). */
export function areAllPublic(addresses: readonly string[]): boolean {
  return addresses.length > 0 && addresses.every(isPublicIpAddress);
}
