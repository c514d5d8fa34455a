/**
 * A stand-in for the mail transport's HTTP API (Resend's `POST /emails` shape: JSON `{from, to[],
 * subject, text}` with a Bearer key): it keeps what it received for tests to read at `/__mails`,
 * and answers 500 to recipients whose address starts with `fail`, like a transport outage.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StartedServer } from "./origin-server.ts";

export type ReceivedMail = { authorization: string | null; body: { from?: string; to?: string[]; subject?: string; text?: string } };

export async function startMailServer(port = 0): Promise<StartedServer> {
  const received: ReceivedMail[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://mail.test");
    if (url.pathname === "/__mails") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
      return;
    }
    if (url.pathname === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests }));
      return;
    }
    requests++;
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const body = JSON.parse(text || "{}") as ReceivedMail["body"];
      received.push({ authorization: req.headers.authorization ?? null, body });
      if (body.to?.[0]?.startsWith("fail")) res.writeHead(500, { "content-type": "application/json" }).end('{"message":"outage"}');
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `mail-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return { server, port: actualPort, url: `http://127.0.0.1:${actualPort}`, requests: () => requests };
}
