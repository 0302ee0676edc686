CREATE TABLE `disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recording_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`answer` text NOT NULL,
	`at_sec` real,
	`comment` text NOT NULL,
	`raised_by` text NOT NULL,
	`raised_role` text NOT NULL,
	`raised_at` text NOT NULL,
	`reviewer` text,
	`status` text DEFAULT 'open' NOT NULL,
	`new_answer` text,
	`resolved_by` text,
	`resolved_at` text,
	`resolution` text,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `disputes_recording_idx` ON `disputes` (`recording_id`);--> statement-breakpoint
CREATE INDEX `disputes_status_idx` ON `disputes` (`status`,`raised_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `disputes_open_unique` ON `disputes` (`recording_id`,`criterion_id`) WHERE status = 'open';--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient` text NOT NULL,
	`kind` text NOT NULL,
	`recording_id` integer,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`recipient`,`id`);--> statement-breakpoint
ALTER TABLE `review_comments` ADD `coaching` integer DEFAULT false NOT NULL;