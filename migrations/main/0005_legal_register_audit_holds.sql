CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_account_id` integer,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`subject` text NOT NULL,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `legal_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`exported_by` integer NOT NULL,
	`exported_at` integer NOT NULL,
	`manifest_sha256` text NOT NULL,
	`file_hashes` text NOT NULL,
	`account_ids` text NOT NULL,
	`accounts_disclosed` integer NOT NULL,
	`user_notified` integer NOT NULL,
	`notification_note` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `legal_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `legal_exports_request_id_unique` ON `legal_exports` (`request_id`);--> statement-breakpoint
CREATE INDEX `legal_exports_exported_at_idx` ON `legal_exports` (`exported_at`);--> statement-breakpoint
CREATE TABLE `legal_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`scope_kind` text NOT NULL,
	`account_id` integer,
	`ip_prefix` text,
	`ip_low` text,
	`ip_high` text,
	`window_from` integer,
	`window_to` integer,
	`categories` text NOT NULL,
	`reference` text NOT NULL,
	`request_id` integer,
	`placed_by` integer NOT NULL,
	`placed_at` integer NOT NULL,
	`review_at` integer NOT NULL,
	`expires_at` integer,
	`extended_at` integer,
	`released_at` integer,
	`released_by` integer,
	FOREIGN KEY (`request_id`) REFERENCES `legal_requests`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `legal_holds_account_id_idx` ON `legal_holds` (`account_id`);--> statement-breakpoint
CREATE INDEX `legal_holds_placed_at_idx` ON `legal_holds` (`placed_at`);--> statement-breakpoint
CREATE TABLE `legal_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authority` text NOT NULL,
	`legal_basis` text NOT NULL,
	`reference` text NOT NULL,
	`received_at` integer NOT NULL,
	`deadline_at` integer,
	`scope_kind` text NOT NULL,
	`scope_account_id` integer,
	`scope_ip_prefix` text,
	`scope_ip_low` text,
	`scope_ip_high` text,
	`window_from` integer NOT NULL,
	`window_to` integer NOT NULL,
	`categories` text NOT NULL,
	`document_sha256` text NOT NULL,
	`notification_forbidden` integer NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_reason` text,
	`approved_categories` text
);
--> statement-breakpoint
CREATE INDEX `legal_requests_received_at_idx` ON `legal_requests` (`received_at`);--> statement-breakpoint
ALTER TABLE `retention_runs` ADD `rows_held` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `retention_runs` ADD `held_by` text;