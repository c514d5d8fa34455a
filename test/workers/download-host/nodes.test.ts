import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chooseDownloadNode } from "../../../src/downloads/download-host";
import { bindingFor, linkSigningKey, signLinkTicket } from "../../../src/downloads/link-tickets";
import { parseDownloadNodes } from "../../../src/lib/download-nodes";
import { fetchWithEnv, unreachableDatabase } from "../../helpers/app-env";
import { originFile, SITE } from "../../helpers/api";
import { createTestAccount, type TestAccount } from "../../helpers/factories";
import { PLACES } from "../../helpers/web-client";

const NODES = JSON.stringify([
  { id: "par", url: "http://par.dl.test", latitude: 48.8566, longitude: 2.3522, countries: ["FR", "BE"], continent: "EU", label: "Paris" },
  { id: "sgp", url: "http://sgp.dl.test", latitude: 1.3521, longitude: 103.8198, countries: ["SG", "JP"], continent: "AS", label: "Singapore" },
  { id: "nyc", url: "http://nyc.dl.test", latitude: 40.7128, longitude: -74.006, countries: ["US", "CA"], continent: "NA", label: "New York" },
]);
const WITH_NODES = { DOWNLOAD_NODES: NODES };

async function generateFrom(account: TestAccount, cf: Record<string, unknown>, ip: string, name: string): Promise<string> {
  const { response } = await fetchWithEnv(
    `${SITE}/rest/1.0/unrestrict/link`,
    { method: "POST", headers: { authorization: `Bearer ${account.token}`, "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip }, body: new URLSearchParams({ link: originFile(2000, name, 3).url }).toString(), cf },
    WITH_NODES,
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { download: string }).download;
}

async function download(url: string, ip: string, overrides: Record<string, unknown> = WITH_NODES) {
  const { response, settled } = await fetchWithEnv(url, { headers: { "cf-connecting-ip": ip } }, overrides);
  const body = response.status === 200 ? await response.arrayBuffer() : await response.json();
  await settled();
  return { status: response.status, body };
}

describe("download routing", () => {
  it("gives requesters in Lyon, Tokyo and Boston links on the Paris, Singapore and New York nodes, which serve them", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const lyon = await generateFrom(account, PLACES.lyon, "198.51.100.10", "lyon.bin");
    const tokyo = await generateFrom(account, PLACES.tokyo, "203.0.113.10", "tokyo.bin");
    const boston = await generateFrom(account, PLACES.boston, "192.0.2.10", "boston.bin");
    expect(new URL(lyon).host).toBe("par.dl.test");
    expect(new URL(tokyo).host).toBe("sgp.dl.test");
    expect(new URL(boston).host).toBe("nyc.dl.test");
    const served = await download(lyon, "198.51.100.10");
    expect(served.status).toBe(200);
    expect((served.body as ArrayBuffer).byteLength).toBe(2000);
  });

  it("puts the link on the pinned node whatever the requester's place", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const { response } = await fetchWithEnv(
      `${SITE}/rest/1.0/settings/update`,
      { method: "POST", headers: { authorization: `Bearer ${account.token}`, "content-type": "application/x-www-form-urlencoded" }, body: "setting_name=download_node&setting_value=nyc" },
      WITH_NODES,
    );
    expect(response.status).toBe(204);
    expect(new URL(await generateFrom(account, PLACES.lyon, "198.51.100.10", "pinned.bin")).host).toBe("nyc.dl.test");
    const settings = await fetchWithEnv(`${SITE}/rest/1.0/settings`, { headers: { authorization: `Bearer ${account.token}` } }, WITH_NODES);
    expect(await settings.response.json()).toMatchObject({ download_node: "nyc", download_nodes: { auto: "Le plus proche", par: "Paris", sgp: "Singapore", nyc: "New York" } });
  });

  it("refuses on one node a link signed for another", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const paris = new URL(await generateFrom(account, PLACES.lyon, "198.51.100.10", "foreign.bin"));
    const onSingapore = await download(`http://sgp.dl.test${paris.pathname}`, "198.51.100.10");
    expect(onSingapore.status).toBe(403);
    expect(onSingapore.body).toMatchObject({ error: "wrong_download_node", error_code: 9, node: "sgp", link_node: "par" });
    // Rewriting the ticket's node does not help: the signature is per node.
    const renamed = paris.pathname.replace("/par.", "/sgp.");
    expect((await download(`http://sgp.dl.test${renamed}`, "198.51.100.10")).body).toMatchObject({ error: "invalid_download_link", error_code: 9 });
  });

  it("checks node, signature, expiry and network without any database call", async () => {
    const account = await createTestAccount({ premiumDays: 30 });
    const paris = new URL(await generateFrom(account, PLACES.lyon, "198.51.100.10", "nodb.bin"));
    const noDatabase = { ...WITH_NODES, DB: unreachableDatabase() };
    const [, , id, ticket, name] = paris.pathname.split("/");
    const [node, expiry, binding, mac] = ticket!.split(".");
    const flipped = `${mac!.slice(0, -1)}${mac!.endsWith("0") ? "1" : "0"}`;
    const expired = await signLinkTicket(linkSigningKey(env), { id: id!, node: { id: "par" }, binding: bindingFor({ remote: false, declaredIp: null, requesterIp: "198.51.100.10" }), expiresAt: Date.now() - 1000 });
    const cases: [string, string, number, string][] = [
      ["another node", `http://sgp.dl.test${paris.pathname}`, 403, "wrong_download_node"],
      ["an expired ticket", `http://par.dl.test/d/${id}/${expired}/${name}`, 404, "download_expired"],
      ["a forged signature", `http://par.dl.test/d/${id}/${node}.${expiry}.${binding}.${flipped}/${name}`, 403, "invalid_download_link"],
      ["another network", `http://par.dl.test${paris.pathname}`, 403, "ip_not_allowed"],
    ];
    for (const [what, url, status, error] of cases) {
      const answer = await download(url, what === "another network" ? "203.0.113.1" : "198.51.100.10", noDatabase);
      expect(answer.status, what).toBe(status);
      expect(answer.body, what).toMatchObject({ error });
    }
  });
});

describe("choosing a node", () => {
  const nodes = parseDownloadNodes(NODES, "http://127.0.0.1:8787");
  const where = (place: Partial<{ latitude: number; longitude: number; country: string; continent: string }>) => ({ latitude: null, longitude: null, country: null, continent: null, ...place });

  it("falls back from coordinates to country, continent, then the first node", () => {
    expect(chooseDownloadNode(nodes, where({ country: "JP" })).id).toBe("sgp");
    expect(chooseDownloadNode(nodes, where({ country: "MX", continent: "NA" })).id).toBe("nyc");
    expect(chooseDownloadNode(nodes, where({ country: "AU", continent: "OC" })).id).toBe("par");
    expect(chooseDownloadNode(nodes, null).id).toBe("par");
    // Coordinates win over a country the node lists.
    expect(chooseDownloadNode(nodes, where({ latitude: 43.65, longitude: -79.38, country: "FR" })).id).toBe("nyc");
    // A pinned node that no longer exists is ignored.
    expect(chooseDownloadNode(nodes, where({ country: "FR" }), "gone").id).toBe("par");
  });

  it("defaults to one node, the Worker itself, and refuses a malformed list loudly", () => {
    expect(parseDownloadNodes("", "http://127.0.0.1:8787/")).toEqual([{ id: "main", url: "http://127.0.0.1:8787", label: "main", latitude: null, longitude: null, countries: [], continent: null }]);
    for (const bad of ["{", "[]", '[{"id":"auto","url":"https://a.test","latitude":0,"longitude":0}]', '[{"id":"a","url":"https://a.test/path","latitude":0,"longitude":0}]',
      '[{"id":"a","url":"https://a.test","latitude":91,"longitude":0}]', '[{"id":"a","url":"https://a.test","latitude":0,"longitude":0},{"id":"a","url":"https://b.test","latitude":0,"longitude":0}]']) {
      expect(() => parseDownloadNodes(bad, "http://127.0.0.1:8787"), bad).toThrow(/DOWNLOAD_NODES/);
    }
  });
});
