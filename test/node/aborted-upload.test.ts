/**
 * A client that stops sending its body mid-upload, on a real socket to the real Worker (wrangler
 * dev): the request is recorded as a client error (400), never as a 500. (wrangler dev's own proxy
 * answers the vanished client with a 500 of its own; only the Worker's journal says what the Worker did.)
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
});

afterAll(async () => {
  await server?.stop();
});

/** Sends the head and part of the body, then closes the sending side: the rest never comes. */
function abandonUpload(path: string, headers: string[], partialBody: string): Promise<void> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname, () => {
      socket.write([`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, ...headers, "", partialBody].join("\r\n"));
      setTimeout(() => socket.end(), 100);
    });
    socket.on("data", () => {});
    socket.on("close", () => resolve());
    socket.on("error", () => resolve());
  });
}

async function journalStatuses(path: string): Promise<number[]> {
  // Each query starts wrangler (about 2 s): wait for the after-response write once, then poll slowly.
  for (let attempt = 0; attempt < 5; attempt++) {
    await new Promise((r) => setTimeout(r, 500));
    const rows = server.query("JOURNAL", `SELECT status FROM request_journal WHERE path = '${path}'`);
    if (rows.length > 0) return rows.map((row) => Number(row.status));
  }
  return [];
}

describe("an upload the client abandons", () => {
  it.each([
    ["a declared Content-Length, token API", "/rest/1.0/unrestrict/check", ["Content-Length: 1000"], "link=https%3A%2F%2F"],
    ["a chunked body, site page", "/login", [`Origin: http://localhost`, "Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"], "7\r\nemail=a\r\n"],
    ["a chunked body, /api", "/api/register", [`Origin: http://localhost`, "Content-Type: application/json", "Transfer-Encoding: chunked"], "5\r\n{\"ema\r\n"],
  ])("with %s is journaled as a 400, not a 500", async (_case, path, headers, partial) => {
    await abandonUpload(path, headers.map((h) => h.replace("http://localhost", server.baseUrl)), partial);
    expect(await journalStatuses(path)).toEqual([400]);
  });
});
