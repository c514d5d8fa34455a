ALTER TABLE `request_journal` ADD `ip_key` text;--> statement-breakpoint
CREATE INDEX `request_journal_ip_key_at_idx` ON `request_journal` (`ip_key`,`at`);--> statement-breakpoint
CREATE INDEX `request_journal_account_id_at_idx` ON `request_journal` (`account_id`,`at`);