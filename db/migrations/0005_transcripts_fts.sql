-- Custom migration (drizzle does not model virtual tables or triggers).
--
-- 1. transcript_fts: full-text index of transcript text, one row per segment, so a hit knows its
--    recording and start time (the UI can seek to it). rowid = recording_id * 1000000 + segment
--    index: deleting or replacing one recording's rows is a rowid range (fast on FTS5), not a scan.
--    \x01 and \x02 are stripped from the text because the DAO uses them as highlight markers.
-- 2. Triggers that keep call_summary / call_criteria (db/schema/call-summary.ts) in step with
--    recordings, jobs, transcripts and analyses, so the writers of those tables need no hook.
-- 3. Backfill of both from data already there.
CREATE VIRTUAL TABLE `transcript_fts` USING fts5(
  text, role UNINDEXED, start_sec UNINDEXED, recording_id UNINDEXED,
  tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `transcripts_fts_ai` AFTER INSERT ON `transcripts` BEGIN
  DELETE FROM transcript_fts WHERE rowid BETWEEN new.recording_id * 1000000 AND new.recording_id * 1000000 + 999999;
  INSERT INTO transcript_fts(rowid, text, role, start_sec, recording_id)
    SELECT new.recording_id * 1000000 + CAST(j.key AS INTEGER),
           replace(replace(coalesce(json_extract(j.value, '$.text'), ''), char(1), ''), char(2), ''),
           json_extract(j.value, '$.role'), json_extract(j.value, '$.start'), new.recording_id
    FROM json_each(new.body, '$.segments') AS j WHERE CAST(j.key AS INTEGER) < 1000000;
  UPDATE call_summary SET
    cost_usd = coalesce(new.cost_usd, 0) + coalesce((SELECT a.cost_usd FROM analyses a WHERE a.id = call_summary.analysis_id), 0),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
CREATE TRIGGER `transcripts_fts_au` AFTER UPDATE OF body, recording_id, cost_usd ON `transcripts` BEGIN
  DELETE FROM transcript_fts WHERE rowid BETWEEN old.recording_id * 1000000 AND old.recording_id * 1000000 + 999999;
  INSERT INTO transcript_fts(rowid, text, role, start_sec, recording_id)
    SELECT new.recording_id * 1000000 + CAST(j.key AS INTEGER),
           replace(replace(coalesce(json_extract(j.value, '$.text'), ''), char(1), ''), char(2), ''),
           json_extract(j.value, '$.role'), json_extract(j.value, '$.start'), new.recording_id
    FROM json_each(new.body, '$.segments') AS j WHERE CAST(j.key AS INTEGER) < 1000000;
  UPDATE call_summary SET
    cost_usd = coalesce(new.cost_usd, 0) + coalesce((SELECT a.cost_usd FROM analyses a WHERE a.id = call_summary.analysis_id), 0),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
CREATE TRIGGER `transcripts_fts_ad` AFTER DELETE ON `transcripts` BEGIN
  DELETE FROM transcript_fts WHERE rowid BETWEEN old.recording_id * 1000000 AND old.recording_id * 1000000 + 999999;
END;
--> statement-breakpoint
CREATE TRIGGER `recordings_summary_ai` AFTER INSERT ON `recordings` BEGIN
  INSERT OR IGNORE INTO call_summary(recording_id, call_at, agent, queue, duration_sec)
  VALUES (new.id, coalesce(new.call_time, new.imported_at), new.agent, new.queue, new.duration_sec);
END;
--> statement-breakpoint
CREATE TRIGGER `recordings_summary_au` AFTER UPDATE OF call_time, imported_at, agent, queue, duration_sec ON `recordings` BEGIN
  UPDATE call_summary SET
    call_at = coalesce(new.call_time, new.imported_at), agent = new.agent, queue = new.queue, duration_sec = new.duration_sec,
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE recording_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `jobs_summary_ai` AFTER INSERT ON `jobs` BEGIN
  UPDATE call_summary SET status = (
    SELECT CASE
      WHEN count(*) = 0 THEN 'imported'
      WHEN sum(state = 'failed') > 0 THEN 'failed'
      WHEN sum(state = 'running') > 0 THEN 'processing'
      WHEN sum(state IN ('waiting_retry', 'waiting_network', 'waiting_config', 'paused')) > 0 THEN 'waiting'
      WHEN sum(state = 'queued') > 0 THEN CASE WHEN sum(state = 'done') > 0 THEN 'processing' ELSE 'queued' END
      WHEN sum(state = 'cancelled') > 0 THEN 'cancelled'
      ELSE 'done' END
    FROM jobs WHERE recording_id = new.recording_id)
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
CREATE TRIGGER `jobs_summary_au` AFTER UPDATE OF state ON `jobs` WHEN old.state IS NOT new.state BEGIN
  UPDATE call_summary SET status = (
    SELECT CASE
      WHEN count(*) = 0 THEN 'imported'
      WHEN sum(state = 'failed') > 0 THEN 'failed'
      WHEN sum(state = 'running') > 0 THEN 'processing'
      WHEN sum(state IN ('waiting_retry', 'waiting_network', 'waiting_config', 'paused')) > 0 THEN 'waiting'
      WHEN sum(state = 'queued') > 0 THEN CASE WHEN sum(state = 'done') > 0 THEN 'processing' ELSE 'queued' END
      WHEN sum(state = 'cancelled') > 0 THEN 'cancelled'
      ELSE 'done' END
    FROM jobs WHERE recording_id = new.recording_id)
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
CREATE TRIGGER `analyses_summary_ai` AFTER INSERT ON `analyses` BEGIN
  UPDATE call_summary SET
    analysis_id = new.id,
    score_pct = new.score_pct,
    auto_failed = new.auto_failed,
    sentiment = json_extract(new.body, '$.sentiment.end'),
    sentiment_rank = CASE json_extract(new.body, '$.sentiment.end') WHEN 'positive' THEN 1 WHEN 'neutral' THEN 0 WHEN 'negative' THEN -1 END,
    outcome = json_extract(new.body, '$.outcome'),
    call_reason = json_extract(new.body, '$.callReason'),
    flag_compliance = (new.auto_failed OR EXISTS (SELECT 1 FROM json_each(new.body, '$.compliance') c WHERE json_extract(c.value, '$.status') = 'not_met')),
    flag_escalation = coalesce(json_extract(new.body, '$.outcome') = 'escalated', 0),
    cost_usd = coalesce((SELECT t.cost_usd FROM transcripts t WHERE t.recording_id = new.recording_id), 0) + coalesce(new.cost_usd, 0),
    analyzed_at = new.created_at,
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE recording_id = new.recording_id;
  DELETE FROM call_criteria WHERE recording_id = new.recording_id;
  INSERT OR REPLACE INTO call_criteria(recording_id, criterion_id, section, question, ai_answer, final_answer, passed, overridden)
    SELECT new.recording_id, json_extract(c.value, '$.id'), coalesce(json_extract(c.value, '$.section'), ''),
           coalesce(json_extract(c.value, '$.question'), ''), json_extract(c.value, '$.answer'), json_extract(c.value, '$.answer'),
           CASE WHEN json_extract(c.value, '$.answer') IN ('yes', '3', '4', '5') THEN 1
                WHEN json_extract(c.value, '$.answer') IN ('no', '1', '2') THEN 0 END,
           0
    FROM json_each(new.body, '$.scorecard.criteria') AS c
    WHERE json_extract(c.value, '$.id') IS NOT NULL AND json_extract(c.value, '$.answer') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `analyses_summary_au` AFTER UPDATE OF score_pct, auto_failed, body ON `analyses`
WHEN new.id = (SELECT analysis_id FROM call_summary WHERE recording_id = new.recording_id) BEGIN
  UPDATE call_summary SET
    score_pct = new.score_pct,
    auto_failed = new.auto_failed,
    sentiment = json_extract(new.body, '$.sentiment.end'),
    sentiment_rank = CASE json_extract(new.body, '$.sentiment.end') WHEN 'positive' THEN 1 WHEN 'neutral' THEN 0 WHEN 'negative' THEN -1 END,
    outcome = json_extract(new.body, '$.outcome'),
    call_reason = json_extract(new.body, '$.callReason'),
    flag_compliance = (new.auto_failed OR EXISTS (SELECT 1 FROM json_each(new.body, '$.compliance') c WHERE json_extract(c.value, '$.status') = 'not_met')),
    flag_escalation = coalesce(json_extract(new.body, '$.outcome') = 'escalated', 0),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
-- Backfill: a summary row per recording, FTS rows per transcript, then replay jobs and analyses.
INSERT OR IGNORE INTO call_summary(recording_id, call_at, agent, queue, duration_sec)
  SELECT id, coalesce(call_time, imported_at), agent, queue, duration_sec FROM recordings;
--> statement-breakpoint
INSERT INTO transcript_fts(rowid, text, role, start_sec, recording_id)
  SELECT t.recording_id * 1000000 + CAST(j.key AS INTEGER),
         replace(replace(coalesce(json_extract(j.value, '$.text'), ''), char(1), ''), char(2), ''),
         json_extract(j.value, '$.role'), json_extract(j.value, '$.start'), t.recording_id
  FROM transcripts t, json_each(t.body, '$.segments') AS j WHERE CAST(j.key AS INTEGER) < 1000000;
--> statement-breakpoint
UPDATE call_summary SET status = (
  SELECT CASE
    WHEN count(*) = 0 THEN 'imported'
    WHEN sum(state = 'failed') > 0 THEN 'failed'
    WHEN sum(state = 'running') > 0 THEN 'processing'
    WHEN sum(state IN ('waiting_retry', 'waiting_network', 'waiting_config', 'paused')) > 0 THEN 'waiting'
    WHEN sum(state = 'queued') > 0 THEN CASE WHEN sum(state = 'done') > 0 THEN 'processing' ELSE 'queued' END
    WHEN sum(state = 'cancelled') > 0 THEN 'cancelled'
    ELSE 'done' END
  FROM jobs WHERE jobs.recording_id = call_summary.recording_id);
--> statement-breakpoint
-- Re-fire the analysis trigger for each recording's newest analysis by touching it (same values).
UPDATE call_summary SET analysis_id = (SELECT max(a.id) FROM analyses a WHERE a.recording_id = call_summary.recording_id);
--> statement-breakpoint
UPDATE analyses SET score_pct = score_pct WHERE id IN (SELECT analysis_id FROM call_summary WHERE analysis_id IS NOT NULL);
--> statement-breakpoint
INSERT OR REPLACE INTO call_criteria(recording_id, criterion_id, section, question, ai_answer, final_answer, passed, overridden)
  SELECT a.recording_id, json_extract(c.value, '$.id'), coalesce(json_extract(c.value, '$.section'), ''),
         coalesce(json_extract(c.value, '$.question'), ''), json_extract(c.value, '$.answer'), json_extract(c.value, '$.answer'),
         CASE WHEN json_extract(c.value, '$.answer') IN ('yes', '3', '4', '5') THEN 1
              WHEN json_extract(c.value, '$.answer') IN ('no', '1', '2') THEN 0 END,
         0
  FROM call_summary s JOIN analyses a ON a.id = s.analysis_id, json_each(a.body, '$.scorecard.criteria') AS c
  WHERE json_extract(c.value, '$.id') IS NOT NULL AND json_extract(c.value, '$.answer') IS NOT NULL;
--> statement-breakpoint
UPDATE call_summary SET
  analyzed_at = (SELECT a.created_at FROM analyses a WHERE a.id = call_summary.analysis_id),
  cost_usd = coalesce((SELECT t.cost_usd FROM transcripts t WHERE t.recording_id = call_summary.recording_id), 0)
           + coalesce((SELECT a.cost_usd FROM analyses a WHERE a.id = call_summary.analysis_id), 0)
  WHERE analysis_id IS NOT NULL OR EXISTS (SELECT 1 FROM transcripts t WHERE t.recording_id = call_summary.recording_id);
