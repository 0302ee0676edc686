CREATE TABLE `transcript_findings` (
	`recording_id` integer PRIMARY KEY NOT NULL,
	`pii_found` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Custom part. A call's derived record (call_summary, call_criteria, corrected search text) has one
-- owner now: the call projection (main/domains/calls/call-projection.ts), in TypeScript, called in the
-- same transaction as every source change. The triggers that carried its rules (status, scores, pass
-- rule, overrides, corrections) and the status view go; the full-text triggers on `transcripts` stay,
-- as plain index maintenance. The projection's version is not stored yet, so the next start
-- re-projects every call (resumable) from its sources.
DROP TRIGGER IF EXISTS `recordings_summary_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `recordings_summary_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `jobs_summary_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `jobs_summary_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `analyses_summary_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `analyses_summary_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_criteria_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_score_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_fts_au`;
--> statement-breakpoint
DROP VIEW IF EXISTS `call_status`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `transcripts_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `transcripts_fts_au`;
--> statement-breakpoint
CREATE TRIGGER `transcripts_fts_ai` AFTER INSERT ON `transcripts` BEGIN
  DELETE FROM transcript_fts WHERE rowid BETWEEN new.recording_id * 1000000 AND new.recording_id * 1000000 + 999999;
  INSERT INTO transcript_fts(rowid, text, role, start_sec, recording_id)
    SELECT new.recording_id * 1000000 + CAST(j.key AS INTEGER),
           replace(replace(coalesce(json_extract(j.value, '$.text'), ''), char(1), ''), char(2), ''),
           json_extract(j.value, '$.role'), json_extract(j.value, '$.start'), new.recording_id
    FROM json_each(new.body, '$.segments') AS j WHERE CAST(j.key AS INTEGER) < 1000000;
END;
--> statement-breakpoint
CREATE TRIGGER `transcripts_fts_au` AFTER UPDATE OF body, recording_id ON `transcripts` BEGIN
  DELETE FROM transcript_fts WHERE rowid BETWEEN old.recording_id * 1000000 AND old.recording_id * 1000000 + 999999;
  INSERT INTO transcript_fts(rowid, text, role, start_sec, recording_id)
    SELECT new.recording_id * 1000000 + CAST(j.key AS INTEGER),
           replace(replace(coalesce(json_extract(j.value, '$.text'), ''), char(1), ''), char(2), ''),
           json_extract(j.value, '$.role'), json_extract(j.value, '$.start'), new.recording_id
    FROM json_each(new.body, '$.segments') AS j WHERE CAST(j.key AS INTEGER) < 1000000;
END;
--> statement-breakpoint
-- The personal-data flag was computed by the index step and kept only in call_summary: carried over.
INSERT INTO transcript_findings(recording_id, pii_found) SELECT recording_id, flag_pii FROM call_summary WHERE flag_pii = 1;
