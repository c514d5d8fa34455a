CREATE TABLE `payment_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payment_events_received_at_idx` ON `payment_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checkout_session_id` text,
	`payment_intent_id` text,
	`account_id` integer,
	`plan_days` integer,
	`amount_minor` integer,
	`currency` text,
	`amount_refunded_minor` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`dispute_status` text,
	`ip_country` text,
	`billing_country` text,
	`premium_from` integer,
	`premium_until` integer,
	`points_granted` integer DEFAULT 0 NOT NULL,
	`revoked_ms` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`paid_at` integer,
	`reversed_at` integer,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`last_event_id` text,
	`keep_until` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_checkout_session_id_unique` ON `payments` (`checkout_session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_payment_intent_id_unique` ON `payments` (`payment_intent_id`);--> statement-breakpoint
CREATE INDEX `payments_account_id_idx` ON `payments` (`account_id`);--> statement-breakpoint
CREATE INDEX `payments_keep_until_idx` ON `payments` (`keep_until`);