CREATE TABLE `retention_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category` text NOT NULL,
	`started_at` integer NOT NULL,
	`cutoff_at` integer NOT NULL,
	`rows_deleted` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`complete` integer NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `retention_runs_started_at_idx` ON `retention_runs` (`started_at`);