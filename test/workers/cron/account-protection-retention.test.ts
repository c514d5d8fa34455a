import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, utcDayStart } from "../../../src/lib/time";
import { AVATAR_RETENTION_DAYS, DOWNLOAD_NETWORK_RETENTION_DAYS, KNOWN_PLACE_RETENTION_DAYS, SECURITY_EVENT_RETENTION_DAYS, TRAFFIC_COUNTER_RETENTION_DAYS } from "../../../src/retention/policy";
import { fireCron } from "../../helpers/storage";

const NOW = Date.parse("2027-06-15T12:07:00Z");

async function account(email: string): Promise<number> {
  return (await env.DB.prepare("INSERT INTO accounts (email, email_normalized, created_at, email_verified_at) VALUES (?1, ?1, ?2, ?2) RETURNING id").bind(email, NOW - 400 * DAY_MS).first<{ id: number }>())!.id;
}

async function values(sql: string): Promise<unknown[]> {
  return (await env.DB.prepare(sql).all()).results.map((row) => Object.values(row)[0]);
}

describe("account protection data is swept by the cron on time", () => {
  it("keeps each record a day before its deadline and deletes it a day after, leaving data kept with the account alone", async () => {
    const a = await account("retention@example.test");
    const young = (days: number) => NOW - (days - 1) * DAY_MS;
    const old = (days: number) => NOW - (days + 1) * DAY_MS;
    const statements = [
      env.DB.prepare("INSERT INTO known_places (account_id, place_key, country, first_seen_at, last_seen_at) VALUES (?1, 'FR:-', 'FR', ?2, ?2), (?1, 'BR:-', 'BR', ?3, ?3)").bind(a, young(KNOWN_PLACE_RETENTION_DAYS), old(KNOWN_PLACE_RETENTION_DAYS)),
      env.DB.prepare("INSERT INTO security_events (account_id, at, kind, action) VALUES (?1, ?2, 'young', 'x'), (?1, ?3, 'old', 'x')").bind(a, young(SECURITY_EVENT_RETENTION_DAYS), old(SECURITY_EVENT_RETENTION_DAYS)),
      env.DB.prepare("INSERT INTO download_networks (account_id, network, last_seen_at) VALUES (?1, 'young', ?2), (?1, 'old', ?3)").bind(a, NOW - HOUR_MS, old(DOWNLOAD_NETWORK_RETENTION_DAYS)),
      env.DB.prepare("INSERT INTO remote_traffic_daily (account_id, day_at, bytes) VALUES (?1, ?2, 1), (?1, ?3, 2)").bind(a, utcDayStart(young(TRAFFIC_COUNTER_RETENTION_DAYS)), utcDayStart(old(TRAFFIC_COUNTER_RETENTION_DAYS))),
      env.DB.prepare("INSERT INTO avatars (account_id, public_id, content_type, bytes, uploaded_at) VALUES (?1, 'young.png', 'image/png', 1, ?2)").bind(a, young(AVATAR_RETENTION_DAYS)),
      env.DB.prepare("INSERT INTO login_challenges (token_hash, account_id, purpose, reason, code_hash, created_at, expires_at) VALUES ('live', ?1, 'login', 'new_place', 'x', ?2, ?3), ('dead', ?1, 'login', 'new_place', 'x', ?2, ?4)").bind(a, NOW - HOUR_MS, NOW + 60_000, NOW - 60_000),
      env.DB.prepare("INSERT INTO trusted_networks (account_id, network, label, created_at) VALUES (?1, '198.51.100.0/24', 'Home', ?2)").bind(a, NOW - 900 * DAY_MS),
      env.DB.prepare("INSERT INTO account_settings (account_id, download_node, updated_at) VALUES (?1, 'main', ?2)").bind(a, NOW - 900 * DAY_MS),
    ];
    await env.DB.batch(statements);
    const b = await account("retention-old-avatar@example.test");
    await env.DB.prepare("INSERT INTO avatars (account_id, public_id, content_type, bytes, uploaded_at) VALUES (?1, 'old.png', 'image/png', 1, ?2)").bind(b, old(AVATAR_RETENTION_DAYS)).run();

    expect((await fireCron(new Date(NOW))).outcome).toBe("ok");
    expect(await values("SELECT country FROM known_places")).toEqual(["FR"]);
    expect(await values("SELECT kind FROM security_events")).toEqual(["young"]);
    expect(await values("SELECT network FROM download_networks")).toEqual(["young"]);
    expect(await values("SELECT bytes FROM remote_traffic_daily")).toEqual([1]);
    expect(await values("SELECT public_id FROM avatars")).toEqual(["young.png"]);
    expect(await values("SELECT token_hash FROM login_challenges")).toEqual(["live"]);
    expect(await values("SELECT label FROM trusted_networks")).toEqual(["Home"]);
    expect(await values("SELECT download_node FROM account_settings")).toEqual(["main"]);
    const { results } = await env.DB.prepare("SELECT category FROM retention_runs WHERE started_at = ? AND error IS NULL").bind(NOW).all<{ category: string }>();
    expect(results.map((r) => r.category)).toEqual(expect.arrayContaining(["known_places", "security_events", "download_networks", "remote_traffic", "avatars", "login_challenges"]));
  });
});
