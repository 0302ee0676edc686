CREATE TABLE `transcripts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recording_id` integer NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`request_id` text,
	`audio_sec` real NOT NULL,
	`cost_usd` real,
	`usage` text DEFAULT '{}' NOT NULL,
	`language` text,
	`content_hash` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transcripts_recording_id_unique` ON `transcripts` (`recording_id`);--> statement-breakpoint
CREATE TABLE `rubrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`criteria` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`builtin` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rubrics_name_unique` ON `rubrics` (`name`);--> statement-breakpoint
CREATE TABLE `analyses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recording_id` integer NOT NULL,
	`transcript_hash` text NOT NULL,
	`rubric_id` integer NOT NULL,
	`rubric_version` integer NOT NULL,
	`model` text NOT NULL,
	`prompt_version` text NOT NULL,
	`score_pct` real,
	`auto_failed` integer DEFAULT false NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cost_usd` real,
	`request_ids` text DEFAULT '[]' NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rubric_id`) REFERENCES `rubrics`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `analyses_cache_uq` ON `analyses` (`recording_id`,`transcript_hash`,`rubric_id`,`rubric_version`,`model`,`prompt_version`);--> statement-breakpoint
CREATE INDEX `analyses_key_idx` ON `analyses` (`transcript_hash`,`rubric_id`,`rubric_version`,`model`,`prompt_version`);--> statement-breakpoint
CREATE INDEX `analyses_recording_idx` ON `analyses` (`recording_id`,`id`);