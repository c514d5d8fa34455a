/** Hostname resolution over DNS-over-HTTPS (JSON API), so that links are vetted by the addresses they reach. */
import { DNS_TIMEOUT_MS } from "../config";
import { refuse } from "./url-policy";

export type Resolver = { resolve(hostname: string): Promise<string[]> };

const A = 1;
const AAAA = 28;

type DohAnswer = { Answer?: { type: number; data: string }[]; Status?: number };

/** NOERROR and NXDOMAIN are answers; any other status (SERVFAIL, REFUSED…) says nothing about the name. */
const ANSWERED = new Set([0, 3]);

/**
 * A resolver on a DoH JSON endpoint (Cloudflare's `https://cloudflare-dns.com/dns-query` in
 * production, a local stand-in in tests). Returns the A and AAAA addresses, [] when the name has
 * none. Fails closed: when either family's query fails (network, HTTP status, a DNS status other
 * than NOERROR/NXDOMAIN, a malformed answer), the link is refused, since the unseen family could
 * hold a private address.
 */
export function dohResolver(endpoint: string, fetcher: typeof fetch = fetch): Resolver {
  async function query(hostname: string, type: number): Promise<string[]> {
    const url = new URL(endpoint);
    url.searchParams.set("name", hostname);
    url.searchParams.set("type", type === A ? "A" : "AAAA");
    const response = await fetcher(url, { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(DNS_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`DoH answered HTTP ${response.status}`);
    const body = (await response.json()) as DohAnswer;
    if (typeof body.Status !== "number" || !ANSWERED.has(body.Status)) throw new Error(`DoH status ${String(body.Status)}`);
    return (body.Answer ?? []).filter((answer) => answer.type === type).map((answer) => answer.data);
  }
  return {
    async resolve(hostname) {
      try {
        const [v4, v6] = await Promise.all([query(hostname, A), query(hostname, AAAA)]);
        return [...v4, ...v6];
      } catch {
        throw refuse("dns_failure");
      }
    },
  };
}
