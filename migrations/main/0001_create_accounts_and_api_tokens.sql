CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`password_hash` text,
	`role` text DEFAULT 'user' NOT NULL,
	`locale` text DEFAULT 'fr' NOT NULL,
	`created_at` integer NOT NULL,
	`email_verified_at` integer,
	`premium_until` integer,
	`points` integer DEFAULT 0 NOT NULL,
	`signup_ip` text,
	`signup_country` text,
	`signup_region` text,
	`signup_city` text,
	`signup_latitude` real,
	`signup_longitude` real,
	`signup_asn` integer,
	`signup_as_organization` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_normalized_unique` ON `accounts` (`email_normalized`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`token_hash` text NOT NULL,
	`client_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_account_id_idx` ON `api_tokens` (`account_id`);--> statement-breakpoint
CREATE INDEX `api_tokens_expires_at_idx` ON `api_tokens` (`expires_at`);