PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_request_journal` (
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
	`account_id` integer
);
--> statement-breakpoint
INSERT INTO `__new_request_journal`("request_id", "at", "ip", "country", "region", "region_code", "city", "postal_code", "continent", "latitude", "longitude", "timezone", "asn", "as_organization", "colo", "is_eu", "method", "host", "path", "query", "status", "duration_ms", "response_bytes", "user_agent", "account_id") SELECT "request_id", "at", "ip", "country", "region", "region_code", "city", "postal_code", "continent", "latitude", "longitude", "timezone", "asn", "as_organization", "colo", "is_eu", "method", "host", "path", "query", "status", "duration_ms", "response_bytes", "user_agent", "account_id" FROM `request_journal`;--> statement-breakpoint
DROP TABLE `request_journal`;--> statement-breakpoint
ALTER TABLE `__new_request_journal` RENAME TO `request_journal`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `request_journal_at_idx` ON `request_journal` (`at`);