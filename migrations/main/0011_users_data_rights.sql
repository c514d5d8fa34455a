CREATE TABLE `closed_accounts` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`password_hash` text,
	`signed_up_at` integer NOT NULL,
	`signup_ip` text,
	`closed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `closed_accounts_email_normalized_idx` ON `closed_accounts` (`email_normalized`);--> statement-breakpoint
CREATE INDEX `closed_accounts_closed_at_idx` ON `closed_accounts` (`closed_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_traffic_daily` (
	`account_id` integer NOT NULL,
	`host` text NOT NULL,
	`day_at` integer NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`links` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `day_at`, `host`)
);
--> statement-breakpoint
INSERT INTO `__new_traffic_daily`("account_id", "host", "day_at", "bytes", "links") SELECT "account_id", "host", "day_at", "bytes", "links" FROM `traffic_daily`;--> statement-breakpoint
DROP TABLE `traffic_daily`;--> statement-breakpoint
ALTER TABLE `__new_traffic_daily` RENAME TO `traffic_daily`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `traffic_daily_day_at_idx` ON `traffic_daily` (`day_at`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `policy_version_accepted` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `policy_notice_version` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `policy_notice_shown_at` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `policy_acknowledged_version` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `policy_acknowledged_at` integer;