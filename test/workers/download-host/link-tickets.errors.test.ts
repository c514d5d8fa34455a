import { countRows } from "../../helpers/storage";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, originFile, originRequests } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";

let link: URL;
let accountId: number;

beforeAll(async () => {
  const account = await createTestAccount({ premiumDays: 30 });
  accountId = account.accountId;
  const response = await api("unrestrict/link", { token: account.token, form: { link: originFile(3000, "target.bin", 41).url }, headers: { "cf-connecting-ip": "198.51.100.10" } });
  link = new URL(((await response.json()) as { download: string }).download);
});

function parts() {
  const [, , id, ticket, name] = link.pathname.split("/");
  const [node, expiry, binding, mac] = ticket!.split(".");
  return { id: id!, name: name!, node: node!, expiry: expiry!, binding: binding!, mac: mac! };
}

describe("forged and malformed download links get a clear 4xx, never a 5xx, and reach neither the origin nor the counters", () => {
  it.each([
    ["a flipped signature bit", (p: ReturnType<typeof parts>) => `${p.node}.${p.expiry}.${p.binding}.${p.mac.slice(0, -1)}${p.mac.endsWith("0") ? "1" : "0"}`, 403, "invalid_download_link"],
    ["another network in the binding", (p: ReturnType<typeof parts>) => `${p.node}.${p.expiry}.4-cb007100-24.${p.mac}`, 403, "invalid_download_link"],
    ["a remote binding", (p: ReturnType<typeof parts>) => `${p.node}.${p.expiry}.any.${p.mac}`, 403, "invalid_download_link"],
    ["a later expiry", (p: ReturnType<typeof parts>) => `${p.node}.${(parseInt(p.expiry, 36) + 86_400).toString(36)}.${p.binding}.${p.mac}`, 403, "invalid_download_link"],
    ["another node", (p: ReturnType<typeof parts>) => `other.${p.expiry}.${p.binding}.${p.mac}`, 403, "wrong_download_node"],
    ["a short signature", (p: ReturnType<typeof parts>) => `${p.node}.${p.expiry}.${p.binding}.${p.mac.slice(2)}`, 403, "invalid_download_link"],
    ["no signature", (p: ReturnType<typeof parts>) => `${p.node}.${p.expiry}.${p.binding}`, 403, "invalid_download_link"],
    ["a binding with host bits", (p: ReturnType<typeof parts>) => `${p.node}.${p.expiry}.4-c633640a-24.${p.mac}`, 403, "invalid_download_link"],
    ["a prefix longer than an address", (p: ReturnType<typeof parts>) => `${p.node}.${p.expiry}.4-c6336400-99.${p.mac}`, 403, "invalid_download_link"],
    ["an empty ticket", () => "%20", 403, "invalid_download_link"],
    ["a 300-character ticket", () => "a".repeat(300), 404, "download_expired"],
    ["control characters", () => "%00%01.%0a", 403, "invalid_download_link"],
  ])("%s", async (_name, forge, status, error) => {
    const before = { origin: await originRequests(), traffic: await countRows("traffic_daily"), networks: await countRows("download_networks") };
    const p = parts();
    const response = await exports.default.fetch(`${link.origin}/d/${p.id}/${forge(p)}/${p.name}`, { headers: { "cf-connecting-ip": "198.51.100.10" } });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error, error_code: status === 404 ? 7 : 9 });
    expect({ origin: await originRequests(), traffic: await countRows("traffic_daily"), networks: await countRows("download_networks") }).toEqual(before);
  });

  it("a valid ticket on another link's id is refused", async () => {
    const p = parts();
    const other = "A".repeat(32);
    const response = await exports.default.fetch(`${link.origin}/d/${other}/${p.node}.${p.expiry}.${p.binding}.${p.mac}/${p.name}`, { headers: { "cf-connecting-ip": "198.51.100.10" } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "invalid_download_link" });
  });

  it("the untouched link still works, case-insensitively as download tools may change it", async () => {
    const p = parts();
    const response = await exports.default.fetch(`${link.origin}/D/${p.id.toLowerCase()}/${`${p.node}.${p.expiry}.${p.binding}.${p.mac}`.toUpperCase()}/${p.name}`, { headers: { "cf-connecting-ip": "198.51.100.10" } });
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(3000);
    expect(await countRows("download_networks", "account_id = ?", accountId)).toBe(1);
  });
});
