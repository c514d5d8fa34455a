CREATE TABLE `active_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `active_transfers_account_id_started_at_idx` ON `active_transfers` (`account_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `active_transfers_started_at_idx` ON `active_transfers` (`started_at`);--> statement-breakpoint
CREATE TABLE `api_rate_windows` (
	`token_id` integer NOT NULL,
	`window_at` integer NOT NULL,
	`calls` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`token_id`, `window_at`)
);
--> statement-breakpoint
CREATE INDEX `api_rate_windows_window_at_idx` ON `api_rate_windows` (`window_at`);--> statement-breakpoint
CREATE TABLE `downloads` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`adapter_id` text NOT NULL,
	`host` text NOT NULL,
	`key_id` text NOT NULL,
	`link_encrypted` text NOT NULL,
	`filename_encrypted` text NOT NULL,
	`download_encrypted` text NOT NULL,
	`filesize` integer NOT NULL,
	`mime_type` text NOT NULL,
	`chunks` integer NOT NULL,
	`remote` integer DEFAULT 0 NOT NULL,
	`generated_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`requester_ip` text,
	`requester_country` text,
	`requester_city` text,
	`requester_asn` integer,
	`declared_ip` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `downloads_account_id_generated_at_idx` ON `downloads` (`account_id`,`generated_at`);--> statement-breakpoint
CREATE INDEX `downloads_generated_at_idx` ON `downloads` (`generated_at`);--> statement-breakpoint
CREATE TABLE `traffic_daily` (
	`account_id` integer NOT NULL,
	`host` text NOT NULL,
	`day_at` integer NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`links` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `day_at`, `host`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `traffic_daily_day_at_idx` ON `traffic_daily` (`day_at`);