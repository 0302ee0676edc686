CREATE TABLE `recordings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`original_path` text,
	`audio_path` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`duration_sec` real NOT NULL,
	`channels` integer NOT NULL,
	`sample_rate` integer NOT NULL,
	`codec` text NOT NULL,
	`container` text NOT NULL,
	`bit_rate` integer,
	`stereo_split` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'imported' NOT NULL,
	`agent` text,
	`customer` text,
	`account` text,
	`queue` text,
	`campaign` text,
	`call_time` text,
	`direction` text,
	`external_call_id` text,
	`metadata_sources` text DEFAULT '{}' NOT NULL,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_sha256_unique` ON `recordings` (`sha256`);--> statement-breakpoint
CREATE INDEX `recordings_imported_at_idx` ON `recordings` (`imported_at`);--> statement-breakpoint
CREATE INDEX `recordings_call_time_idx` ON `recordings` (`call_time`);--> statement-breakpoint
CREATE INDEX `recordings_agent_idx` ON `recordings` (`agent`,`call_time`);--> statement-breakpoint
CREATE INDEX `recordings_status_idx` ON `recordings` (`status`);--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
