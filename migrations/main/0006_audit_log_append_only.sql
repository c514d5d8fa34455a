-- The audit log is append-only, enforced by the database itself: no row is ever changed, and a
-- row may be deleted only once past its retention period (LEGAL_RECORD_RETENTION_DAYS = 2190 days,
-- by the database's clock; the condition is AUDIT_LOG_DELETABLE_SQL in src/retention/policy.ts,
-- and a test checks the two agree).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
WHEN NOT (OLD.at < CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 189216000000)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows are kept 6 years');
END;
