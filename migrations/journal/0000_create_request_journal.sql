CREATE TABLE `request_journal` (
	`request_id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`ip` text,
	`country` text,
	`region` text,
	`region_code` text,
	`city` text,
	`postal_code` text,
	`continent` text,
	`latitude` real,
	`longitude` real,
	`timezone` text,
	`asn` integer,
	`as_organization` text,
	`colo` text,
	`is_eu` integer,
	`method` text NOT NULL,
	`host` text NOT NULL,
	`path` text NOT NULL,
	`query` text,
	`status` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`response_bytes` integer NOT NULL,
	`user_agent` text,
	`account_id` text
);
--> statement-breakpoint
CREATE INDEX `request_journal_at_idx` ON `request_journal` (`at`);