CREATE TABLE `review_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recording_id` integer NOT NULL,
	`at_sec` real,
	`text` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_comments_recording_idx` ON `review_comments` (`recording_id`,`id`);--> statement-breakpoint
CREATE TABLE `review_overrides` (
	`recording_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`answer` text NOT NULL,
	`comment` text NOT NULL,
	`ai_answer` text,
	`actor` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`recording_id`, `criterion_id`),
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `review_state` (
	`recording_id` integer PRIMARY KEY NOT NULL,
	`reviewed` integer DEFAULT false NOT NULL,
	`reviewed_at` text,
	`reviewed_by` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `transcript_edits` (
	`recording_id` integer NOT NULL,
	`segment_index` integer NOT NULL,
	`original_text` text NOT NULL,
	`text` text NOT NULL,
	`actor` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`recording_id`, `segment_index`),
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
