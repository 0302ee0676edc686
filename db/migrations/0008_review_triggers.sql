-- Custom migration: keep the reviewer's work (db/schema/reviews.ts) applied to the derived tables
-- that the Calls list, the Dashboard, search and exports read (call_summary, call_criteria,
-- transcript_fts), whoever rewrites those rows.
--
-- SQLite fires the most recently created trigger first, so these cannot simply be more AFTER
-- triggers on `analyses` / `transcripts` (the 0005 triggers would run after them and undo the
-- overrides). Instead they hang off the rows those triggers write:
-- 1. a call_criteria row inserted for a new analysis gets the reviewer's override back;
-- 2. a new or re-scored analysis on call_summary gets the final score recomputed with overrides;
-- 3. a transcript re-indexed into transcript_fts (the 0005 trigger ends by updating cost_usd) gets
--    the reviewer's segment corrections back, so search finds the corrected words.
CREATE TRIGGER `review_criteria_ai` AFTER INSERT ON `call_criteria`
WHEN EXISTS (SELECT 1 FROM review_overrides o WHERE o.recording_id = new.recording_id AND o.criterion_id = new.criterion_id) BEGIN
  UPDATE call_criteria SET
    final_answer = (SELECT o.answer FROM review_overrides o WHERE o.recording_id = new.recording_id AND o.criterion_id = new.criterion_id),
    overridden = (SELECT o.answer <> new.ai_answer FROM review_overrides o WHERE o.recording_id = new.recording_id AND o.criterion_id = new.criterion_id),
    passed = (SELECT CASE WHEN o.answer IN ('yes', '3', '4', '5') THEN 1 WHEN o.answer IN ('no', '1', '2') THEN 0 END
              FROM review_overrides o WHERE o.recording_id = new.recording_id AND o.criterion_id = new.criterion_id)
  WHERE recording_id = new.recording_id AND criterion_id = new.criterion_id;
END;
--> statement-breakpoint
-- The same arithmetic as main/analysis/scoring.ts totals() (yes = full weight, 1–5 linear, n/a left
-- out, an auto-fail criterion answered no/1 makes the call 0), over the analysis body with each
-- overridden answer substituted. tests/integration/review-overrides.test.ts checks it agrees with
-- totals() after a re-analysis. Only calls with overrides are touched.
CREATE TRIGGER `review_score_au` AFTER UPDATE OF analysis_id, score_pct ON `call_summary`
WHEN new.analysis_id IS NOT NULL AND EXISTS (SELECT 1 FROM review_overrides o WHERE o.recording_id = new.recording_id) BEGIN
  UPDATE call_summary SET (score_pct, auto_failed) = (
    WITH c AS (
      SELECT json_extract(j.value, '$.type') AS type, json_extract(j.value, '$.weight') AS weight,
             json_extract(j.value, '$.autoFail') AS af, coalesce(o.answer, json_extract(j.value, '$.answer')) AS ans
      FROM analyses a, json_each(a.body, '$.scorecard.criteria') AS j
      LEFT JOIN review_overrides o ON o.recording_id = a.recording_id AND o.criterion_id = json_extract(j.value, '$.id')
      WHERE a.id = new.analysis_id
    ), f AS (
      SELECT weight, type, af, ans,
             CASE WHEN ans = 'n/a' THEN NULL
                  WHEN type = 'yes_no' THEN CASE ans WHEN 'yes' THEN 1.0 WHEN 'no' THEN 0.0 END
                  WHEN ans IN ('1', '2', '3', '4', '5') THEN (CAST(ans AS REAL) - 1) / 4 END AS frac
      FROM c
    ), t AS (
      SELECT sum(CASE WHEN frac IS NOT NULL THEN weight END) AS possible, sum(frac * weight) AS earned,
             coalesce(max(frac IS NOT NULL AND af AND ((type = 'yes_no' AND ans = 'no') OR (type <> 'yes_no' AND ans = '1'))), 0) AS failed
      FROM f
    )
    SELECT CASE WHEN possible IS NULL OR possible = 0 THEN NULL WHEN failed THEN 0 ELSE round(earned * 100.0 / possible, 2) END, failed FROM t
  )
  WHERE recording_id = new.recording_id;
END;
--> statement-breakpoint
CREATE TRIGGER `review_fts_au` AFTER UPDATE OF cost_usd ON `call_summary`
WHEN EXISTS (SELECT 1 FROM transcript_edits e WHERE e.recording_id = new.recording_id) BEGIN
  DELETE FROM transcript_fts WHERE rowid IN (
    SELECT e.recording_id * 1000000 + e.segment_index FROM transcript_edits e, transcripts t, json_each(t.body, '$.segments') AS j
    WHERE e.recording_id = new.recording_id AND t.recording_id = e.recording_id AND CAST(j.key AS INTEGER) = e.segment_index
      AND json_extract(j.value, '$.text') = e.original_text);
  INSERT INTO transcript_fts(rowid, text, role, start_sec, recording_id)
    SELECT e.recording_id * 1000000 + e.segment_index, replace(replace(e.text, char(1), ''), char(2), ''),
           json_extract(j.value, '$.role'), json_extract(j.value, '$.start'), e.recording_id
    FROM transcript_edits e, transcripts t, json_each(t.body, '$.segments') AS j
    WHERE e.recording_id = new.recording_id AND t.recording_id = e.recording_id AND CAST(j.key AS INTEGER) = e.segment_index
      AND json_extract(j.value, '$.text') = e.original_text;
END;
