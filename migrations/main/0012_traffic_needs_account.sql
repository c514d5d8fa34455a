-- Traffic counters have no foreign key to accounts (migration 0011: rows a legal hold keeps must
-- outlive their account's deletion), so this trigger keeps what the foreign key gave: no counter is
-- ever written for an account that does not exist. A download still running when its account is
-- deleted counts nothing more, silently (RAISE(IGNORE) drops the row, upsert included).
CREATE TRIGGER `traffic_daily_needs_account` BEFORE INSERT ON `traffic_daily`
WHEN NOT EXISTS (SELECT 1 FROM `accounts` WHERE `id` = NEW.`account_id`)
BEGIN
  SELECT RAISE(IGNORE);
END;
