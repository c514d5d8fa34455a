/**
 * Fetching user-supplied links: every hop vetted by the URL policy and by the addresses its host
 * resolves to, redirects followed by hand (at most 5), our own headers only, time-capped.
 */
import { MAX_REDIRECTS, ORIGIN_HEADERS_TIMEOUT_MS } from "../config";
import { AppError } from "../errors";
import { dohResolver, type Resolver } from "./dns";
import { areAllPublic, checkUrlSyntax, fetchPolicyFromEnv, refuse, type FetchPolicy } from "./url-policy";

export type FetchDeps = { policy: FetchPolicy; resolver: Resolver; fetcher: typeof fetch };

export function fetchDepsFromEnv(env: Pick<Env, "FETCH_ALLOWLIST" | "SITE_ORIGIN" | "DOWNLOAD_ORIGIN" | "DOH_URL">): FetchDeps {
  return { policy: fetchPolicyFromEnv(env), resolver: dohResolver(env.DOH_URL), fetcher: (input, init) => fetch(input, init) };
}

/** Throws link_refused unless the URL passes the syntax rules and its host resolves to public addresses only. */
export async function vetUrl(raw: string | URL, deps: FetchDeps): Promise<URL> {
  const { url, allowlisted } = checkUrlSyntax(raw, deps.policy);
  if (allowlisted) return url;
  const addresses = await deps.resolver.resolve(url.hostname.replace(/\.$/, ""));
  if (addresses.length === 0) throw refuse("unresolvable");
  if (!areAllPublic(addresses)) throw refuse("private_address");
  return url;
}

export type SafeRequest = { method?: "GET" | "HEAD" | "POST"; headers?: Record<string, string>; body?: string; timeoutMs?: number };
export type SafeResponse = { response: Response; url: URL };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches `raw` under the SSRF rules. Only the headers given here are sent, never the user's.
 * Redirect targets are vetted like the first URL; a 303 (or a POST redirected by 301/302) becomes a GET.
 */
export async function safeFetch(raw: string | URL, deps: FetchDeps, request: SafeRequest = {}): Promise<SafeResponse> {
  let url = await vetUrl(raw, deps);
  let method = request.method ?? "GET";
  let body = request.body;
  let headers = request.headers;
  for (let hop = 0; ; hop++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs ?? ORIGIN_HEADERS_TIMEOUT_MS);
    let response: Response;
    try {
      response = await deps.fetcher(url, { method, headers, body, redirect: "manual", signal: controller.signal });
    } catch (error) {
      // Refused or reset connections, TLS failures and the time cap: the hoster is unreachable (503, code 19).
      throw new AppError("hoster_unavailable", { cause: error, details: { reason: controller.signal.aborted ? "timeout" : "unreachable" } });
    } finally {
      clearTimeout(timer);
    }
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || location === null) return { response, url };
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw refuse("too_many_redirects");
    let target: URL;
    try {
      target = new URL(location, url);
    } catch {
      throw refuse("not_a_url");
    }
    const next = await vetUrl(target, deps);
    // Credentials go only to the host they were meant for.
    if (next.origin !== url.origin && headers) {
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !["authorization", "cookie", "proxy-authorization"].includes(name.toLowerCase())));
    }
    url = next;
    if (response.status === 303 || (method === "POST" && response.status !== 307 && response.status !== 308)) {
      method = "GET";
      body = undefined;
    }
  }
}
