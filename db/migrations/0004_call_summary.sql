CREATE TABLE `call_criteria` (
	`recording_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`section` text DEFAULT '' NOT NULL,
	`question` text DEFAULT '' NOT NULL,
	`ai_answer` text NOT NULL,
	`final_answer` text NOT NULL,
	`passed` integer,
	`overridden` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`recording_id`, `criterion_id`),
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_criteria_criterion_idx` ON `call_criteria` (`criterion_id`,`passed`,`overridden`);--> statement-breakpoint
CREATE TABLE `call_summary` (
	`recording_id` integer PRIMARY KEY NOT NULL,
	`call_at` text NOT NULL,
	`agent` text,
	`queue` text,
	`duration_sec` real DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'imported' NOT NULL,
	`analysis_id` integer,
	`score_pct` real,
	`auto_failed` integer DEFAULT false NOT NULL,
	`sentiment` text,
	`sentiment_rank` integer,
	`outcome` text,
	`call_reason` text,
	`flag_compliance` integer DEFAULT false NOT NULL,
	`flag_pii` integer DEFAULT false NOT NULL,
	`flag_escalation` integer DEFAULT false NOT NULL,
	`cost_usd` real,
	`analyzed_at` text,
	`reviewed_at` text,
	`reviewed_by` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_summary_call_at_idx` ON `call_summary` (`call_at`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_agent_idx` ON `call_summary` (`agent`,`call_at`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_queue_idx` ON `call_summary` (`queue`,`call_at`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_duration_idx` ON `call_summary` (`duration_sec`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_status_idx` ON `call_summary` (`status`,`call_at`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_score_idx` ON `call_summary` (`score_pct`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_sentiment_idx` ON `call_summary` (`sentiment_rank`,`recording_id`);--> statement-breakpoint
CREATE INDEX `call_summary_analyzed_idx` ON `call_summary` (`analyzed_at`);