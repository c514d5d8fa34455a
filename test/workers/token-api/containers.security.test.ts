import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, dohRequests, originFixture, originRequests, SITE } from "../../helpers/api";
import { encodeCcf, encodeRsdf } from "../../helpers/containers";
import { createTestAccount } from "../../helpers/factories";

describe("containers without an account", () => {
  it("containerFile and containerLink answer 401 bad_token (code 8), and the link is not fetched", async () => {
    const file = await encodeRsdf(["https://a.example/x"]);
    const fixture = await originFixture("list.rsdf", [file]);
    for (const headers of [{}, { authorization: "Bearer not-a-token" }] as Record<string, string>[]) {
      const upload = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/containerFile`, { method: "PUT", headers, body: file as BodyInit });
      expect(upload.status).toBe(401);
      expect(await upload.json()).toMatchObject({ error: "bad_token", error_code: 8 });
      const byLink = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/containerLink`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ link: fixture.url }).toString(),
      });
      expect(byLink.status).toBe(401);
      expect(await byLink.json()).toMatchObject({ error: "bad_token", error_code: 8 });
    }
    expect((await fixture.stats()).requests).toBe(0);
  });
});

describe("containerLink fetches only what the SSRF rules allow", () => {
  const HOSTILE = [
    "http://127.0.0.1/list.rsdf", "http://[::1]/list.rsdf", "http://0x7f.1/list.ccf", "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/list.rsdf", "http://[fd12:3456::1]/x", "http://localhost/x.rsdf", "http://metadata.google.internal/x",
    "http://user:pass@files.example.com/x.rsdf", "https://files.example.com:8443/x.rsdf", "http://localhost:8787/rest/1.0/user",
    "file:///etc/passwd", "ftp://files.example.com/x.rsdf",
  ];

  it("refuses local, private, credentialed and odd-port links before any DNS query or fetch", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const [origin, dns] = [await originRequests(), await dohRequests()];
    for (const link of HOSTILE) {
      const response = await api("unrestrict/containerLink", { token, form: { link } });
      expect(response.status, link).toBe(400);
      expect(await response.json(), link).toMatchObject({ error: "link_refused", error_code: 2 });
    }
    expect([await originRequests(), await dohRequests()]).toEqual([origin, dns]);
  });

  it("refuses a redirect to a private address, and never follows it", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const link = `${env.TEST_ORIGIN_URL}/redirect?to=${encodeURIComponent("http://10.1.2.3/list.rsdf")}`;
    const response = await api("unrestrict/containerLink", { token, form: { link } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "link_refused", error_code: 2, reason: "ip_literal" });
  });
});

describe("refusals never quote a container's contents", () => {
  it("a damaged container's error names the reason, not the links it holds", async () => {
    const { token } = await createTestAccount({ premiumDays: 30 });
    const secret = "https://cloud.example/s/QxT7bK2mNp9wZr4#s3cret-key";
    // A valid first link and one that is not an address: the container is refused as a whole.
    const file = await encodeCcf(["https://a.example/ok", `${secret} not-a-link`]);
    const response = await exports.default.fetch(`${SITE}/rest/1.0/unrestrict/containerFile`, { method: "PUT", headers: { authorization: `Bearer ${token}` }, body: file as BodyInit });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: "container_invalid", reason: "not_a_link" });
    expect(body).not.toContain("QxT7bK2mNp9wZr4");
    expect(body).not.toContain("s3cret");
    expect(body).not.toContain("a.example");
  });
});
