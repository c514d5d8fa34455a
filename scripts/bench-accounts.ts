/**
 * Accounts figures for `npm run bench`: the CPU time of one password hash (600,000 PBKDF2
 * iterations in 6 calls, as production runs it), and the throughput of an API call authenticated by
 * token relative to an unauthenticated one, both against the real Worker under `wrangler dev`.
 */
import { hashPassword, PASSWORD_HASH_ITERATIONS } from "../src/accounts/password-hash.ts";
import { measureThroughput, median } from "./bench/measure.ts";
import { startDevServer } from "./lib/dev-server.ts";

const HASH_ROUNDS = 7;
const ROUNDS = 5;
const REQUESTS_PER_ROUND = 200;
const CONCURRENCY = 8;
/** Tokens to spread the calls over: each is limited to 250 API calls a minute, like Real-Debrid's. */
const TOKENS = 8;

async function benchPasswordHash(): Promise<void> {
  await hashPassword("warm-up passphrase", "bench-pepper");
  const cpuMs: number[] = [];
  const wallMs: number[] = [];
  for (let i = 0; i < HASH_ROUNDS; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await hashPassword("correct horse battery staple", "bench-pepper");
    wallMs.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  console.log(`accounts password hash (${PASSWORD_HASH_ITERATIONS} PBKDF2-SHA-256 iterations, Node WebCrypto): ${median(cpuMs).toFixed(0)} ms CPU, ${median(wallMs).toFixed(0)} ms wall (median of ${HASH_ROUNDS})`);
}

/** Signs up, logs in and makes a private API token through the real pages, as a user would. */
async function makeApiToken(baseUrl: string, n: number): Promise<string> {
  const email = `bench-${Date.now()}-${n}@example.test`;
  const password = "a bench passphrase that is long";
  const form = (fields: Record<string, string>, cookie?: string) => ({
    method: "POST",
    redirect: "manual" as const,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
  const registered = await fetch(`${baseUrl}/register`, form({ email, password }));
  if (!registered.ok) throw new Error(`register answered ${registered.status}`);
  const login = await fetch(`${baseUrl}/login`, form({ email, password }));
  const cookie = login.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error(`login answered ${login.status} without a session`);
  const page = await (await fetch(`${baseUrl}/account/api-token`, form({}, cookie))).text();
  const token = /data-testid="new-token">([A-Z2-7]{52})</.exec(page)?.[1];
  if (!token) throw new Error("no API token on the account page");
  return token;
}

async function benchAuthenticatedApi(): Promise<void> {
  const server = await startDevServer();
  try {
    const tokens: string[] = [];
    for (let n = 0; n < TOKENS; n++) tokens.push(await makeApiToken(server.baseUrl, n));
    let calls = 0;
    const authenticated = () => fetch(`${server.baseUrl}/rest/1.0/user`, { headers: { authorization: `Bearer ${tokens[calls++ % TOKENS]}` } });
    const anonymous = () => fetch(`${server.baseUrl}/rest/1.0/time`);
    await measureThroughput(authenticated, 100, CONCURRENCY); // warm-up
    await measureThroughput(anonymous, 100, CONCURRENCY);
    const withToken: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      without.push(await measureThroughput(anonymous, REQUESTS_PER_ROUND, CONCURRENCY));
      withToken.push(await measureThroughput(authenticated, REQUESTS_PER_ROUND, CONCURRENCY));
    }
    const ratio = median(withToken) / median(without);
    console.log(`accounts GET /rest/1.0/time (no auth): ${median(without).toFixed(0)} req/s; GET /rest/1.0/user (Bearer token): ${median(withToken).toFixed(0)} req/s`);
    console.log(`accounts authenticated/unauthenticated throughput ratio = ${ratio.toFixed(3)}`);
  } finally {
    await server.stop();
  }
}

/** Runs the accounts benchmarks and prints one line per figure. */
export async function benchAccounts(): Promise<void> {
  await benchPasswordHash();
  await benchAuthenticatedApi();
}
