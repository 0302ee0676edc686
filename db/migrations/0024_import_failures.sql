CREATE TABLE `import_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`file_name` text NOT NULL,
	`source_path` text,
	`category` text NOT NULL,
	`message` text NOT NULL,
	`hint` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_failures_batch_idx` ON `import_failures` (`batch_id`,`id`);