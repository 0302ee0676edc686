ALTER TABLE `call_summary` ADD `compliance_reasons` text;--> statement-breakpoint
-- The Compliance flag now has one definition, complianceReasons() (preload/contract/schemas/flags.ts),
-- applied by CallsDao.refreshComplianceFlag whenever an analysis is stored or a reviewer changes an
-- answer: these triggers no longer set flag_compliance (everything else they copy is unchanged).
DROP TRIGGER `analyses_summary_ai`;
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
DROP TRIGGER `analyses_summary_au`;
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
    flag_escalation = coalesce(json_extract(new.body, '$.outcome') = 'escalated', 0),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
-- Reasons for the flags already set (the AI's answers; calls re-analysed or overridden later are
-- recomputed by the app).
UPDATE call_summary SET compliance_reasons = (
  SELECT json_group_array(r) FROM (
    SELECT 'Auto-fail: “' || json_extract(c.value, '$.question') || '” answered ' || CASE json_extract(c.value, '$.answer') WHEN 'no' THEN 'No' ELSE json_extract(c.value, '$.answer') END AS r
      FROM analyses a, json_each(a.body, '$.scorecard.criteria') AS c
      WHERE a.id = call_summary.analysis_id AND json_extract(c.value, '$.autoFail') AND json_extract(c.value, '$.answer') IN ('no', '1')
    UNION ALL
    SELECT 'Not met: ' || json_extract(c.value, '$.item')
      FROM analyses a, json_each(a.body, '$.compliance') AS c
      WHERE a.id = call_summary.analysis_id AND json_extract(c.value, '$.status') = 'not_met'))
WHERE analysis_id IS NOT NULL;
