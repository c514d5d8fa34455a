/** `GET /api/account/security`: the security page's data as JSON, for the logged-in account only. */
import { Hono } from "hono";
import * as v from "valibot";
import { readSecurityOverview, sharingNetworkOf } from "../../../account-security";
import { LOGIN_HISTORY_PAGE_SIZE } from "../../../config";
import type { AppEnv } from "../../../env";
import { requireAccount } from "../guards";
import { apiInput } from "../input";

export const securityApi = new Hono<AppEnv>();

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const Query = v.object({ page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.toNumber(), v.minValue(1)), "1") });

securityApi.get("/security", requireAccount(), apiInput("query", Query), async (c) => {
  const { page } = c.req.valid("query");
  const session = c.var.session!;
  const now = Date.now();
  const o = await readSecurityOverview(c.var.db, { accountId: session.accountId, historyPage: page }, now);
  c.header("Cache-Control", "no-store");
  return c.json({
    locked: o.lockedAt !== null,
    locked_at: iso(o.lockedAt),
    current_network: sharingNetworkOf(c.var.client.ip),
    sessions: o.sessions.map((s) => ({
      id: s.id, current: s.id === session.id, user_agent: s.userAgent, ip: s.ip, country: s.country, city: s.city, asn: s.asn, started_at: iso(s.createdAt),
      last_seen_at: iso(s.lastSeenAt), last_ip: s.lastIp, last_country: s.lastCountry, last_city: s.lastCity, expires_at: iso(s.expiresAt),
    })),
    known_places: o.knownPlaces.map((p) => ({ id: p.id, country: p.country, asn: p.asn, as_organization: p.asOrganization, city: p.city, first_seen_at: iso(p.firstSeenAt), last_seen_at: iso(p.lastSeenAt) })),
    trusted_networks: o.trustedNetworks.map((n) => ({ id: n.id, network: n.network, label: n.label, created_at: iso(n.createdAt) })),
    private_token: o.privateToken ? { created_at: iso(o.privateToken.createdAt), last_used_at: iso(o.privateToken.lastUsedAt) } : null,
    apps: o.apps.map((a) => ({ id: a.familyId, client_id: a.clientId, name: a.name, connected_at: iso(a.connectedAt), last_used_at: iso(a.lastUsedAt) })),
    security_events: o.events.map((e) => ({ id: e.id, at: iso(e.at), kind: e.kind, action: e.action, ip: e.ip, country: e.country, city: e.city, asn: e.asn, network: e.network, detail: e.detail, caused_by: e.causedBy })),
    login_history: {
      total: o.loginHistory.total,
      page,
      page_size: LOGIN_HISTORY_PAGE_SIZE,
      entries: o.loginHistory.entries.map((h) => ({ at: iso(h.at), result: h.result, reason: h.reason, ip: h.ip, country: h.country, city: h.city, asn: h.asn, user_agent: h.userAgent })),
    },
  });
});
