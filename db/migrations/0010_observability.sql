CREATE TABLE `problems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`recording_id` integer,
	`job_id` integer,
	`step` text NOT NULL,
	`provider` text NOT NULL,
	`category` text NOT NULL,
	`message` text NOT NULL,
	`hint` text NOT NULL,
	`fingerprint` text NOT NULL,
	`outcome` text NOT NULL,
	`attempt` integer NOT NULL,
	`trace_id` text,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `problems_at_idx` ON `problems` (`at`);--> statement-breakpoint
CREATE INDEX `problems_group_idx` ON `problems` (`category`,`step`,`provider`,`fingerprint`,`at`);--> statement-breakpoint
CREATE TABLE `provider_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`recording_id` integer,
	`job_id` integer,
	`step` text,
	`provider` text NOT NULL,
	`operation` text NOT NULL,
	`endpoint` text NOT NULL,
	`model` text,
	`bytes_sent` integer NOT NULL,
	`bytes_received` integer NOT NULL,
	`audio_sec` real,
	`chars_sent` integer,
	`status` integer,
	`error` text,
	`request_id` text,
	`cost_usd` real,
	`trace_id` text,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `provider_requests_recording_idx` ON `provider_requests` (`recording_id`,`at`);--> statement-breakpoint
CREATE INDEX `provider_requests_at_idx` ON `provider_requests` (`at`);