CREATE TABLE `sampling_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`spec` text NOT NULL,
	`due_in_days` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_week` text,
	`last_run_at` integer,
	`last_result` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sampling_rules_name_unique` ON `sampling_rules` (`name`);