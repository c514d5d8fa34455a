CREATE TABLE `hoster_outcomes` (
	`hoster_id` text NOT NULL,
	`minute_at` integer NOT NULL,
	`checks_ok` integer DEFAULT 0 NOT NULL,
	`checks_failed` integer DEFAULT 0 NOT NULL,
	`downloads_ok` integer DEFAULT 0 NOT NULL,
	`downloads_failed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hoster_id`, `minute_at`)
);
--> statement-breakpoint
CREATE INDEX `hoster_outcomes_minute_at_idx` ON `hoster_outcomes` (`minute_at`);