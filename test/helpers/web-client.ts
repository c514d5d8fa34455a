/** A minimal browser for tests in workerd: keeps the session cookie, sends our Origin on POSTs like a browser would. */
import { env, exports } from "cloudflare:workers";
import { countRows, waitFor } from "./storage";

export const ORIGIN = "https://relais.test";

export type Page = { response: Response; status: number; html: string; setCookies: string[] };

export class WebClient {
  cookie: string | null = null;
  /** Another app to talk to (createApp with options: test/helpers/app-env.ts `appFetcher`); the Worker's own by default. */
  fetcher: ((request: Request) => Promise<Response>) | null = null;
  constructor(
    readonly ip = "203.0.113.10",
    readonly cf: Record<string, unknown> = { country: "FR", city: "Lyon" },
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; body?: BodyInit } = {}): Promise<Page> {
    const headers: Record<string, string> = { "cf-connecting-ip": this.ip, "user-agent": "web-client-test/1.0", "accept-language": "en", ...this.extraHeaders, ...init.headers };
    if (this.cookie) headers.cookie = this.cookie;
    const method = init.method ?? (init.form ? "POST" : "GET");
    // `origin: undefined` in init.headers means "send no Origin", like a non-browser client.
    if (method !== "GET" && !(init.headers && "origin" in init.headers)) headers.origin = ORIGIN;
    for (const [name, value] of Object.entries(headers)) if (value === undefined) delete headers[name];
    let body = init.body;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const sent = { method, headers, body, cf: this.cf, redirect: "manual" } as const;
    const response = this.fetcher ? await this.fetcher(new Request(`${ORIGIN}${path}`, sent)) : await exports.default.fetch(`${ORIGIN}${path}`, sent);
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const value = pair.slice(pair.indexOf("=") + 1);
      this.cookie = /max-age=0/i.test(line) || value === "" ? null : pair;
    }
    return { response, status: response.status, html: (await response.text()).replaceAll("&#39;", "'"), setCookies };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request(path, { headers });
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>) {
    return this.request(path, { form, headers });
  }
}

/** The 6-digit code of a sign-in code mail. */
export function loginCodeFromMail(body: string): string {
  const code = /^(\d{6})$/m.exec(body)?.[1];
  if (!code) throw new Error("no sign-in code in mail");
  return code;
}

/** The first link to `path` in a mail. */
export function linkFromMail(body: string, path: string): URL {
  const link = (body.match(/https?:\/\/\S+/g) ?? []).map((text) => new URL(text)).find((url) => url.pathname === path);
  if (!link) throw new Error(`no ${path} link in mail`);
  return link;
}

/** The challenge token a held sign-in's page carries in its forms. */
export function challengeFromPage(html: string): string {
  const challenge = /name="challenge" value="([A-Z2-7]{52})"/.exec(html)?.[1];
  if (!challenge) throw new Error("no challenge on page");
  return challenge;
}

/** Places the tests sign in from (request.cf as Cloudflare gives it: coordinates as strings). */
export const PLACES = {
  paris: { country: "FR", city: "Paris", continent: "EU", latitude: "48.8566", longitude: "2.3522", asn: 3215, asOrganization: "Orange" },
  lyon: { country: "FR", city: "Lyon", continent: "EU", latitude: "45.7640", longitude: "4.8357", asn: 3215, asOrganization: "Orange" },
  saoPaulo: { country: "BR", city: "São Paulo", continent: "SA", latitude: "-23.5505", longitude: "-46.6333", asn: 28573, asOrganization: "Claro" },
  berlin: { country: "DE", city: "Berlin", continent: "EU", latitude: "52.52", longitude: "13.405", asn: 3320, asOrganization: "Deutsche Telekom" },
  tokyo: { country: "JP", city: "Tokyo", continent: "AS", latitude: "35.6762", longitude: "139.6503", asn: 2516, asOrganization: "KDDI" },
  boston: { country: "US", city: "Boston", continent: "NA", latitude: "42.3601", longitude: "-71.0589", asn: 7922, asOrganization: "Comcast" },
} as const;

/** The newest mail to `recipient` in the local mailbox, waiting for the after-response send. */

/** The newest mail to `recipient` whose subject contains `subjectPart`, waiting for the after-response send. */
export async function waitForMail(recipient: string, subjectPart = "", timeoutMs = 3000): Promise<{ subject: string; body: string }> {
  const read = () =>
    env.DB.prepare("SELECT subject, body FROM dev_mailbox WHERE recipient = ? AND subject LIKE ? ORDER BY created_at DESC, id DESC LIMIT 1")
      .bind(recipient, `%${subjectPart}%`)
      .first<{ subject: string; body: string }>();
  const mail = await waitFor(read, (row) => row !== null, timeoutMs);
  if (!mail) throw new Error(`no mail to ${recipient}`);
  return mail;
}

export function mailCount(recipient: string): Promise<number> {
  return countRows("dev_mailbox", "recipient = ?", recipient);
}

/** The `token` query parameter of the first link in a mail. */
export function tokenFromMail(body: string): string {
  const link = /https?:\/\/\S+/.exec(body)?.[0];
  const token = link ? new URL(link).searchParams.get("token") : null;
  if (!token) throw new Error("no token link in mail");
  return token;
}

export const GOOD_PASSWORD = "correct horse battery staple";

let counter = 0;
export function uniqueEmail(tag = "user"): string {
  return `${tag}${++counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** Registers, verifies by the mailed link and logs in: a ready logged-in client (`cf`: where it signs up and in). */
export async function registeredClient(options: { ip?: string; password?: string; cf?: Record<string, unknown> } = {}): Promise<{ client: WebClient; email: string; password: string }> {
  const client = new WebClient(options.ip ?? `198.51.100.${(++counter % 250) + 1}`, options.cf);
  const email = uniqueEmail();
  const password = options.password ?? GOOD_PASSWORD;
  const registered = await client.post("/register", { email, password });
  if (registered.status !== 200) throw new Error(`register answered ${registered.status}`);
  const mail = await waitForMail(email, "Confirm");
  const verified = await client.post("/verify", { token: tokenFromMail(mail.body) });
  if (verified.status !== 200) throw new Error(`verify answered ${verified.status}`);
  const login = await client.post("/login", { email, password });
  if (login.status !== 303) throw new Error(`login answered ${login.status}`);
  return { client, email, password };
}
