CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recording_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`due_on` text,
	`source` text NOT NULL,
	`stratum` text,
	`assigned_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_recording_unique` ON `assignments` (`recording_id`);--> statement-breakpoint
CREATE INDEX `assignments_reviewer_idx` ON `assignments` (`reviewer_id`,`due_on`);