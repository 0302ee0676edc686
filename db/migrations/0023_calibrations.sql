CREATE TABLE `calibration_answers` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`recording_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`answer` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`, `recording_id`, `criterion_id`),
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `calibration_calls` (
	`session_id` integer NOT NULL,
	`recording_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`session_id`, `recording_id`),
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calibration_calls_recording_idx` ON `calibration_calls` (`recording_id`);--> statement-breakpoint
CREATE TABLE `calibration_consensus` (
	`session_id` integer NOT NULL,
	`recording_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`answer` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `recording_id`, `criterion_id`),
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `calibration_participants` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`submitted_at` integer,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calibration_participants_user_idx` ON `calibration_participants` (`user_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `calibration_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`rubric_id` integer NOT NULL,
	`rubric_version` integer NOT NULL,
	`criteria` text NOT NULL,
	`due_on` text,
	`status` text DEFAULT 'open' NOT NULL,
	`owner_id` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`rubric_id`) REFERENCES `rubrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calibration_sessions_name_unique` ON `calibration_sessions` (`name`);