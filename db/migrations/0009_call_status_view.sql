-- Custom migration: one definition of a call's pipeline status. It was written out three times (the
-- two jobs triggers of 0005 and CallsDao.refreshSummary); now it is the view `call_status`, and
-- those read it. Worst state wins: any failed step → failed; running → processing; waiting for a
-- retry, network, configuration or a pause → waiting; queued behind finished steps → processing;
-- cancelled → cancelled; all done → done; no jobs yet → imported.
CREATE VIEW `call_status` AS
  SELECT recording_id,
    CASE
      WHEN sum(state = 'failed') > 0 THEN 'failed'
      WHEN sum(state = 'running') > 0 THEN 'processing'
      WHEN sum(state IN ('waiting_retry', 'waiting_network', 'waiting_config', 'paused')) > 0 THEN 'waiting'
      WHEN sum(state = 'queued') > 0 THEN CASE WHEN sum(state = 'done') > 0 THEN 'processing' ELSE 'queued' END
      WHEN sum(state = 'cancelled') > 0 THEN 'cancelled'
      ELSE 'done' END AS status
  FROM jobs GROUP BY recording_id;
--> statement-breakpoint
DROP TRIGGER `jobs_summary_ai`;
--> statement-breakpoint
DROP TRIGGER `jobs_summary_au`;
--> statement-breakpoint
CREATE TRIGGER `jobs_summary_ai` AFTER INSERT ON `jobs` BEGIN
  UPDATE call_summary SET status = coalesce((SELECT status FROM call_status WHERE recording_id = new.recording_id), 'imported')
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
CREATE TRIGGER `jobs_summary_au` AFTER UPDATE OF state ON `jobs` WHEN old.state IS NOT new.state BEGIN
  UPDATE call_summary SET status = coalesce((SELECT status FROM call_status WHERE recording_id = new.recording_id), 'imported')
  WHERE recording_id = new.recording_id;
END;
