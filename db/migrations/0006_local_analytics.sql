CREATE TABLE `audio_metrics` (
	`recording_id` integer PRIMARY KEY NOT NULL,
	`audio_sha256` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`waveform` text NOT NULL,
	`compute_ms` integer,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `local_analyses` (
	`recording_id` integer PRIMARY KEY NOT NULL,
	`transcript_hash` text NOT NULL,
	`version` integer NOT NULL,
	`conversation` text NOT NULL,
	`sentiment` text NOT NULL,
	`pii_count` integer NOT NULL,
	`rules_failed` integer NOT NULL,
	`compute_ms` integer,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pii_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recording_id` integer NOT NULL,
	`category` text NOT NULL,
	`text` text NOT NULL,
	`segment_index` integer NOT NULL,
	`char_start` integer NOT NULL,
	`char_end` integer NOT NULL,
	`start_sec` real NOT NULL,
	`end_sec` real NOT NULL,
	`confidence` real NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pii_findings_recording_idx` ON `pii_findings` (`recording_id`,`start_sec`);--> statement-breakpoint
CREATE INDEX `pii_findings_category_idx` ON `pii_findings` (`category`,`recording_id`);--> statement-breakpoint
CREATE TABLE `rule_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recording_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`answer` text NOT NULL,
	`passed` integer NOT NULL,
	`rationale` text NOT NULL,
	`evidence` text NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rule_results_recording_idx` ON `rule_results` (`recording_id`);--> statement-breakpoint
CREATE INDEX `rule_results_criterion_idx` ON `rule_results` (`criterion_id`,`passed`);