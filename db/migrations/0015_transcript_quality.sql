CREATE TABLE `transcript_quality` (
	`recording_id` integer PRIMARY KEY NOT NULL,
	`transcript_hash` text NOT NULL,
	`score` real NOT NULL,
	`body` text NOT NULL,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `call_criteria_criterion_idx`;--> statement-breakpoint
ALTER TABLE `call_criteria` ADD `support` text;--> statement-breakpoint
CREATE INDEX `call_criteria_criterion_idx` ON `call_criteria` (`criterion_id`,`passed`,`overridden`,`support`);--> statement-breakpoint
DROP INDEX `call_summary_score_idx`;--> statement-breakpoint
ALTER TABLE `call_summary` ADD `transcript_quality` real;--> statement-breakpoint
ALTER TABLE `call_summary` ADD `unsupported_answers` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `call_summary` ADD `quotes_not_found` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `call_summary` ADD `needs_review` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `call_summary_quality_idx` ON `call_summary` (`transcript_quality`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_score_idx` ON `call_summary` (`score_pct`,`recording_id`,`needs_review`,`reviewed_at`);