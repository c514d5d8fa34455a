CREATE TABLE `account_settings` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`download_port` text,
	`download_node` text,
	`streaming_language_preference` text,
	`streaming_quality` text,
	`mobile_streaming_quality` text,
	`streaming_cast_audio_preference` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `avatars` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`public_id` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `avatars_public_id_unique` ON `avatars` (`public_id`);--> statement-breakpoint
CREATE INDEX `avatars_uploaded_at_idx` ON `avatars` (`uploaded_at`);--> statement-breakpoint
CREATE TABLE `download_networks` (
	`account_id` integer NOT NULL,
	`network` text NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `network`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `download_networks_last_seen_at_idx` ON `download_networks` (`last_seen_at`);--> statement-breakpoint
CREATE TABLE `known_places` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`place_key` text NOT NULL,
	`country` text,
	`asn` integer,
	`as_organization` text,
	`city` text,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `known_places_account_id_place_key_idx` ON `known_places` (`account_id`,`place_key`);--> statement-breakpoint
CREATE INDEX `known_places_last_seen_at_idx` ON `known_places` (`last_seen_at`);--> statement-breakpoint
CREATE TABLE `login_challenges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`account_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`reason` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`country` text,
	`city` text,
	`asn` integer,
	`as_organization` text,
	`user_agent` text,
	`next` text,
	`device_user_code` text,
	`session_id` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `login_challenges_token_hash_unique` ON `login_challenges` (`token_hash`);--> statement-breakpoint
CREATE INDEX `login_challenges_account_id_idx` ON `login_challenges` (`account_id`);--> statement-breakpoint
CREATE INDEX `login_challenges_expires_at_idx` ON `login_challenges` (`expires_at`);--> statement-breakpoint
CREATE TABLE `remote_traffic_daily` (
	`account_id` integer NOT NULL,
	`day_at` integer NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `day_at`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remote_traffic_daily_day_at_idx` ON `remote_traffic_daily` (`day_at`);--> statement-breakpoint
CREATE TABLE `security_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`action` text NOT NULL,
	`ip` text,
	`country` text,
	`city` text,
	`asn` integer,
	`network` text,
	`detail` text,
	`caused_by` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `security_events_account_id_at_idx` ON `security_events` (`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `security_events_at_idx` ON `security_events` (`at`);--> statement-breakpoint
CREATE TABLE `trusted_networks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`network` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trusted_networks_account_id_network_idx` ON `trusted_networks` (`account_id`,`network`);--> statement-breakpoint
DROP INDEX `login_events_account_id_idx`;--> statement-breakpoint
ALTER TABLE `login_events` ADD `network` text;--> statement-breakpoint
CREATE INDEX `login_events_account_id_idx` ON `login_events` (`account_id`,`at`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `locked_at` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `lock_reason` text;--> statement-breakpoint
ALTER TABLE `device_codes` ADD `device_asn` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `ip` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `country` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `city` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `asn` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_ip` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_country` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_city` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `revoke_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_revoke_token_hash_unique` ON `sessions` (`revoke_token_hash`);