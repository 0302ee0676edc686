ALTER TABLE `review_state` ADD `acknowledged_at` text;--> statement-breakpoint
ALTER TABLE `review_state` ADD `acknowledged_by` text;--> statement-breakpoint
ALTER TABLE `review_state` ADD `acknowledged_score_pct` real;