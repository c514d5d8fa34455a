/** Hostname resolution over DNS-over-HTTPS (JSON API), so that links are vetted by the addresses they reach. */

export type Resolver = { resolve(hostname: string): Promise<string[]> };

const DNS_TIMEOUT_MS = 3000;
const A = 1;
const AAAA = 28;

type DohAnswer = { Answer?: { type: number; data: string }[]; Status?: number };

/**
 * A resolver on a DoH JSON endpoint (Cloudflare's `https://cloudflare-dns.com/dns-query` in
 * production, a local stand-in in tests). Returns the A and AAAA addresses; [] when none or on failure.
 */
export function dohResolver(endpoint: string, fetcher: typeof fetch = fetch): Resolver {
  async function query(hostname: string, type: number): Promise<string[]> {
    const url = new URL(endpoint);
    url.searchParams.set("name", hostname);
    url.searchParams.set("type", type === A ? "A" : "AAAA");
    const response = await fetcher(url, { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(DNS_TIMEOUT_MS) });
    if (!response.ok) return [];
    const body = (await response.json()) as DohAnswer;
    return (body.Answer ?? []).filter((answer) => answer.type === type).map((answer) => answer.data);
  }
  return {
    async resolve(hostname) {
      try {
        const [v4, v6] = await Promise.all([query(hostname, A), query(hostname, AAAA)]);
        return [...v4, ...v6];
      } catch {
        return [];
      }
    },
  };
}
