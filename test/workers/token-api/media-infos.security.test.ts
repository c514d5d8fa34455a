import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, SITE, unrestrictFixture } from "../../helpers/api";
import { createTestAccount } from "../../helpers/factories";
import { muxMp4 } from "../../helpers/media-fixtures";

const FILE = muxMp4({
  layout: "moov-first",
  timescale: 1000,
  duration: 60_000,
  tracks: [{ kind: "video", codec: "avc1", language: "eng", timescale: 1000, duration: 60_000, width: 640, height: 360 }],
  mediaBytes: 1000,
});

describe("mediaInfos is for the download's owner only", () => {
  it("another account's download id is unknown (404, code 7, as an id that never existed), and its file is not read", async () => {
    const owner = await createTestAccount({ premiumDays: 30 });
    const other = await createTestAccount({ premiumDays: 30 });
    const { id, fixture } = await unrestrictFixture(owner.token, "Private.Film.2020.mp4", FILE);
    const before = (await fixture.stats()).requests;
    const theirs = await api(`streaming/mediaInfos/${id}`, { token: other.token });
    const unknown = await api(`streaming/mediaInfos/${"A".repeat(32)}`, { token: other.token });
    expect(theirs.status).toBe(404);
    const [theirBody, unknownBody] = [(await theirs.json()) as Record<string, unknown>, (await unknown.json()) as Record<string, unknown>];
    expect(theirBody).toMatchObject({ error: "resource_not_found", error_code: 7 });
    expect({ ...theirBody, request_id: null }).toEqual({ ...unknownBody, request_id: null });
    expect((await fixture.stats()).requests).toBe(before);
    // The owner still gets it.
    expect((await api(`streaming/mediaInfos/${id}`, { token: owner.token })).status).toBe(200);
  });

  it("no token or a bad one: 401 bad_token (code 8), nothing read; transcode stays a 403 for anyone", async () => {
    const owner = await createTestAccount({ premiumDays: 30 });
    const { id, fixture } = await unrestrictFixture(owner.token, "Film.mp4", FILE);
    const before = (await fixture.stats()).requests;
    for (const headers of [{}, { authorization: "Bearer wrong" }] as Record<string, string>[]) {
      const response = await exports.default.fetch(`${SITE}/rest/1.0/streaming/mediaInfos/${id}`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "bad_token", error_code: 8 });
      // Transcoding is switched off for everyone: the same 403 with or without a token.
      const transcode = await exports.default.fetch(`${SITE}/rest/1.0/streaming/transcode/${id}`, { headers });
      expect(transcode.status).toBe(403);
      expect(await transcode.json()).toMatchObject({ error: "disabled_endpoint", error_code: 37 });
    }
    expect((await fixture.stats()).requests).toBe(before);
  });

  it("a deleted download is unknown", async () => {
    const owner = await createTestAccount({ premiumDays: 30 });
    const { id } = await unrestrictFixture(owner.token, "Gone.mp4", FILE);
    expect((await api(`downloads/delete/${id}`, { token: owner.token, method: "DELETE" })).status).toBe(204);
    const response = await api(`streaming/mediaInfos/${id}`, { token: owner.token });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "resource_not_found", error_code: 7 });
  });
});
