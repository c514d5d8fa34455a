/**
 * A stand-in DNS-over-HTTPS JSON resolver (Cloudflare's `/dns-query?name=&type=` shape) with a
 * fixed zone, counting queries: hostile names resolve to private ranges, and tests prove that
 * refused links never reach an origin.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StartedServer } from "./origin-server.ts";

import { TEST_ZONE } from "./test-zone.ts";

export { TEST_ZONE };

/** name → answers, by record type (1 = A, 28 = AAAA, 5 = CNAME). */
const ZONE: Record<string, { type: number; data: string }[]> = {
  [`private10.${TEST_ZONE}`]: [{ type: 1, data: "10.0.0.5" }],
  [`private172.${TEST_ZONE}`]: [{ type: 1, data: "172.16.3.4" }],
  [`private192.${TEST_ZONE}`]: [{ type: 1, data: "192.168.1.1" }],
  [`loopback.${TEST_ZONE}`]: [{ type: 1, data: "127.0.0.1" }],
  [`metadata.${TEST_ZONE}`]: [{ type: 1, data: "169.254.169.254" }],
  [`cgnat.${TEST_ZONE}`]: [{ type: 1, data: "100.64.0.1" }],
  [`zero.${TEST_ZONE}`]: [{ type: 1, data: "0.0.0.0" }],
  [`multicast.${TEST_ZONE}`]: [{ type: 1, data: "224.0.0.1" }],
  [`ula.${TEST_ZONE}`]: [{ type: 28, data: "fd00::1" }],
  [`linklocal6.${TEST_ZONE}`]: [{ type: 28, data: "fe80::1" }],
  [`loopback6.${TEST_ZONE}`]: [{ type: 28, data: "::1" }],
  [`mapped6.${TEST_ZONE}`]: [{ type: 28, data: "::ffff:127.0.0.1" }],
  [`nat64.${TEST_ZONE}`]: [{ type: 28, data: "64:ff9b::a00:1" }],
  [`mixed.${TEST_ZONE}`]: [{ type: 1, data: "93.184.216.34" }, { type: 1, data: "10.1.2.3" }],
  [`cname.${TEST_ZONE}`]: [{ type: 5, data: `internal.${TEST_ZONE}.` }, { type: 1, data: "192.168.7.7" }],
};

export async function startDohServer(port = 0): Promise<StartedServer> {
  let requests = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://doh.test");
    if (url.pathname === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests }));
      return;
    }
    requests++;
    const name = (url.searchParams.get("name") ?? "").toLowerCase().replace(/\.$/, "");
    const type = url.searchParams.get("type") === "AAAA" ? 28 : 1;
    const records = ZONE[name];
    const answer = records?.filter((r) => r.type === type || r.type === 5).map((r) => ({ name, type: r.type, TTL: 60, data: r.data }));
    res.writeHead(200, { "content-type": "application/dns-json" });
    res.end(JSON.stringify({ Status: records ? 0 : 3, Answer: answer && answer.length ? answer : undefined }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return { server, port: actualPort, url: `http://127.0.0.1:${actualPort}`, requests: () => requests };
}
