CREATE TABLE `import_batch_recordings` (
	`batch_id` text NOT NULL,
	`recording_id` integer NOT NULL,
	PRIMARY KEY(`batch_id`, `recording_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_batch_recordings_recording_idx` ON `import_batch_recordings` (`recording_id`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`files` integer NOT NULL,
	`estimate` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_batches_created_idx` ON `import_batches` (`created_at`);