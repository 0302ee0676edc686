CREATE TABLE `metric_rollups` (
	`minute` integer NOT NULL,
	`name` text NOT NULL,
	`key` text DEFAULT '' NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`minute`, `name`, `key`)
);
