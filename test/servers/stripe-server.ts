/**
 * A local stand-in for the part of Stripe's API that Relais calls (https://docs.stripe.com/api):
 * `POST /v1/checkout/sessions` with a secret key, form-encoded with bracketed keys as the SDK
 * sends them, answering a Checkout Session whose `url` is a payment page served here
 * (`GET /pay/<id>`). Errors are `{error: {type, message}}` as upstream. `GET /__sessions` lists
 * the sessions created with the parameters received, for tests.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StartedServer } from "./origin-server.ts";

export const STRIPE_TEST_SECRET_KEY = "sk_test_relais_standin";

type Params = { [key: string]: string | Params };
export type StandInSession = Record<string, unknown> & { id: string; url: string; client_reference_id: string | null; metadata: Record<string, string>; amount_total: number; currency: string };
export type RecordedSession = { session: StandInSession; params: Params; headers: Record<string, string | string[] | undefined> };

/** `a[b][0][c]=x` → `{a: {b: {"0": {c: "x"}}}}`, as Stripe reads the SDK's form encoding. */
function parseBracketed(body: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = root;
    path.slice(0, -1).forEach((part) => {
      if (typeof node[part] !== "object") node[part] = {};
      node = node[part] as Params;
    });
    node[path[path.length - 1]!] = value;
  }
  return root;
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

export async function startStripeServer(port = 0): Promise<StartedServer & { sessions: () => RecordedSession[] }> {
  let requests = 0;
  let counter = 0;
  const recorded: RecordedSession[] = [];
  let base = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stripe.test");
    const reply = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname === "/__stats") return reply(200, { requests });
    if (url.pathname === "/__sessions") return reply(200, recorded);
    requests++;
    const pay = /^\/pay\/(cs_test_\w+)$/.exec(url.pathname);
    if (req.method === "GET" && pay) {
      const found = recorded.find((r) => r.session.id === pay[1]);
      if (!found) return res.writeHead(404, { "content-type": "text/plain" }).end("no such session");
      const { session } = found;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        `<!doctype html><html lang="en"><head><title>Checkout stand-in</title></head><body><h1>Stripe Checkout stand-in</h1>` +
          `<p data-testid="session">${session.id}</p><p data-testid="amount">${session.amount_total} ${session.currency}</p><p data-testid="plan">${session.metadata.plan ?? ""}</p></body></html>`,
      );
    }
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      if (req.headers.authorization !== `Bearer ${STRIPE_TEST_SECRET_KEY}`) {
        return reply(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
      }
      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        const params = parseBracketed(raw);
        const item = ((params.line_items as Params | undefined)?.["0"] ?? {}) as Params;
        const priceData = (item.price_data ?? {}) as Params;
        const amount = Number(priceData.unit_amount) * Number(item.quantity ?? 1);
        if (str(params.mode) !== "payment" || !Number.isInteger(amount) || !str(priceData.currency) || !str(params.success_url)) {
          return reply(400, { error: { type: "invalid_request_error", message: "Missing required param." } });
        }
        const id = `cs_test_${++counter}${Math.random().toString(36).slice(2, 10)}`;
        const session: StandInSession = {
          id,
          object: "checkout.session",
          mode: "payment",
          status: "open",
          payment_status: "unpaid",
          payment_intent: null,
          client_reference_id: str(params.client_reference_id),
          metadata: (params.metadata ?? {}) as Record<string, string>,
          amount_total: amount,
          currency: str(priceData.currency)!,
          success_url: str(params.success_url),
          cancel_url: str(params.cancel_url),
          customer_email: str(params.customer_email),
          expires_at: Number(params.expires_at) || null,
          created: Math.floor(Date.now() / 1000),
          livemode: false,
          url: `${base}/pay/${id}`,
        };
        recorded.push({ session, params, headers: req.headers });
        return reply(200, session);
      }
      return reply(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${url.pathname}).` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${actualPort}`;
  return { server, port: actualPort, url: base, requests: () => requests, sessions: () => recorded };
}
