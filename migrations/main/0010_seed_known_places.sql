-- Accounts created before the new-place check keep their places: the sign-up place and the places
-- of successful sign-ins still in the login history become known places (marked used now, so that
-- none is forgotten at once). Self-contained: it only reads accounts and login_events.
INSERT OR IGNORE INTO known_places (account_id, place_key, country, asn, as_organization, city, first_seen_at, last_seen_at)
SELECT id, coalesce(signup_country, '-') || ':' || coalesce(CAST(signup_asn AS TEXT), '-'), signup_country, signup_asn, signup_as_organization, signup_city,
       created_at, CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM accounts;
--> statement-breakpoint
INSERT OR IGNORE INTO known_places (account_id, place_key, country, asn, as_organization, city, first_seen_at, last_seen_at)
SELECT account_id, coalesce(country, '-') || ':' || coalesce(CAST(asn AS TEXT), '-'), country, asn, NULL, max(city), min(at), CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM login_events
WHERE result = 'success' AND account_id IS NOT NULL AND account_id IN (SELECT id FROM accounts)
GROUP BY account_id, country, asn;
