import type { AudioMetrics, Waveform } from '../../preload/contract/schemas/audio-metrics.js';
import type { ConversationMetricsView, PiiFindingView, SegmentSentimentView } from '../../preload/contract/schemas/local-analytics.js';
import type { RuleResult } from '../../preload/contract/schemas/rules.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

export interface LocalAnalysisInput {
  transcriptHash: string;
  version: number;
  conversation: ConversationMetricsView;
  sentiment: SegmentSentimentView;
  pii: PiiFindingView[];
  rules: RuleResult[];
  computeMs: number;
}

const json = (v: unknown) => JSON.stringify(v);
const parse = (v: string): unknown => JSON.parse(v);

/**
 * All SQL of the offline analytics. Writes are idempotent upserts keyed by recording: saving the same
 * result twice leaves one row set, and saving for a new transcript hash replaces the old rows in one
 * transaction (a reader never sees new metrics beside old PII findings). Statements prepared once,
 * named parameters, every one timed (TimedStatements); JSON columns are written and parsed here.
 */
export class LocalAnalyticsDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'local');
  }

  /** True when metrics for exactly this audio content and algorithm version are stored. */
  hasAudioMetrics(recordingId: number, audioSha256: string, version: number): boolean {
    return this.stmts.run('hasAudioMetrics', 'SELECT 1 FROM audio_metrics WHERE recording_id = @recordingId AND audio_sha256 = @audioSha256 AND version = @version',
      (s) => s.get({ recordingId, audioSha256, version }) !== undefined);
  }

  saveAudioMetrics(recordingId: number, audioSha256: string, version: number, m: AudioMetrics, computeMs: number): void {
    const { waveform, ...body } = m;
    const params = { recordingId, audioSha256, version, body: json(body), waveform: json(waveform), computeMs, computedAt: new Date().toISOString() };
    this.stmts.run('saveAudioMetrics', `INSERT INTO audio_metrics (recording_id, audio_sha256, version, body, waveform, compute_ms)
        VALUES (@recordingId, @audioSha256, @version, @body, @waveform, @computeMs)
        ON CONFLICT(recording_id) DO UPDATE SET audio_sha256 = @audioSha256, version = @version, body = @body, waveform = @waveform, compute_ms = @computeMs,
          computed_at = @computedAt`, (s) => s.run(params));
  }

  getAudioMetrics(recordingId: number): { body: Omit<AudioMetrics, 'waveform'>; computedAt: string } | undefined {
    return this.stmts.run('getAudioMetrics', 'SELECT body, computed_at AS computedAt FROM audio_metrics WHERE recording_id = @recordingId', (s) => {
      const row = s.get({ recordingId }) as { body: string; computedAt: string } | undefined;
      return row && { body: parse(row.body) as Omit<AudioMetrics, 'waveform'>, computedAt: row.computedAt };
    });
  }

  getWaveform(recordingId: number): { waveform: Waveform; durationSec: number } | undefined {
    return this.stmts.run('getWaveform', 'SELECT waveform, body FROM audio_metrics WHERE recording_id = @recordingId', (s) => {
      const row = s.get({ recordingId }) as { waveform: string; body: string } | undefined;
      return row && { waveform: parse(row.waveform) as Waveform, durationSec: (parse(row.body) as Omit<AudioMetrics, 'waveform'>).durationSec };
    });
  }

  /** True when results for exactly this transcript content and algorithm version are stored. */
  hasLocalAnalysis(recordingId: number, transcriptHash: string, version: number): boolean {
    return this.stmts.run('hasLocalAnalysis', 'SELECT 1 FROM local_analyses WHERE recording_id = @recordingId AND transcript_hash = @transcriptHash AND version = @version',
      (s) => s.get({ recordingId, transcriptHash, version }) !== undefined);
  }

  /** Replace the transcript-based results of a recording (nested safely inside the queue's done transaction). */
  saveLocalAnalysis(recordingId: number, r: LocalAnalysisInput): void {
    this.stmts.runMany('saveLocalAnalysis', (prepare) =>
      this.db.sqlite.transaction(() => {
        prepare(`INSERT INTO local_analyses (recording_id, transcript_hash, version, conversation, sentiment, pii_count, rules_failed, compute_ms)
                 VALUES (@recordingId, @transcriptHash, @version, @conversation, @sentiment, @piiCount, @rulesFailed, @computeMs)
                 ON CONFLICT(recording_id) DO UPDATE SET transcript_hash = @transcriptHash, version = @version, conversation = @conversation,
                   sentiment = @sentiment, pii_count = @piiCount, rules_failed = @rulesFailed, compute_ms = @computeMs, computed_at = @computedAt`).run({
          recordingId, transcriptHash: r.transcriptHash, version: r.version, conversation: json(r.conversation), sentiment: json(r.sentiment),
          piiCount: r.pii.length, rulesFailed: r.rules.filter((x) => !x.passed).length, computeMs: r.computeMs, computedAt: new Date().toISOString(),
        });
        prepare('DELETE FROM pii_findings WHERE recording_id = @recordingId').run({ recordingId });
        prepare('DELETE FROM rule_results WHERE recording_id = @recordingId').run({ recordingId });
        if (r.pii.length) {
          const insert = prepare(`INSERT INTO pii_findings (recording_id, category, text, segment_index, char_start, char_end, start_sec, end_sec, confidence)
                                  VALUES (@recordingId, @category, @text, @segmentIndex, @charStart, @charEnd, @startSec, @endSec, @confidence)`);
          for (const f of r.pii) {
            insert.run({
              recordingId, category: f.category, text: f.text, segmentIndex: f.segmentIndex, charStart: f.charStart, charEnd: f.charEnd,
              startSec: f.start, endSec: f.end, confidence: f.confidence,
            });
          }
        }
        if (r.rules.length) {
          const insert = prepare(`INSERT INTO rule_results (recording_id, criterion_id, answer, passed, rationale, evidence)
                                  VALUES (@recordingId, @criterionId, @answer, @passed, @rationale, @evidence)`);
          for (const x of r.rules) {
            insert.run({ recordingId, criterionId: x.criterionId, answer: x.answer, passed: x.passed ? 1 : 0, rationale: x.rationale, evidence: json(x.evidence) });
          }
        }
      })(),
    );
  }

  getLocalAnalysis(recordingId: number): { transcriptHash: string; conversation: ConversationMetricsView; sentiment: SegmentSentimentView; computedAt: string } | undefined {
    return this.stmts.run('getLocalAnalysis', `SELECT transcript_hash AS transcriptHash, conversation, sentiment, computed_at AS computedAt
                                               FROM local_analyses WHERE recording_id = @recordingId`, (s) => {
      const row = s.get({ recordingId }) as { transcriptHash: string; conversation: string; sentiment: string; computedAt: string } | undefined;
      return row && {
        transcriptHash: row.transcriptHash, conversation: parse(row.conversation) as ConversationMetricsView,
        sentiment: parse(row.sentiment) as SegmentSentimentView, computedAt: row.computedAt,
      };
    });
  }

  listPii(recordingId: number): PiiFindingView[] {
    return this.stmts.run('listPii', `SELECT category, text, segment_index AS segmentIndex, char_start AS charStart, char_end AS charEnd,
                                        start_sec AS start, end_sec AS "end", confidence
                                      FROM pii_findings WHERE recording_id = @recordingId ORDER BY start_sec, id`,
    (s) => s.all({ recordingId }) as PiiFindingView[]);
  }

  listRules(recordingId: number): RuleResult[] {
    return this.stmts.run('listRules', 'SELECT criterion_id AS criterionId, answer, passed, rationale, evidence FROM rule_results WHERE recording_id = @recordingId ORDER BY id',
      (s) => (s.all({ recordingId }) as { criterionId: string; answer: RuleResult['answer']; passed: number; rationale: string; evidence: string }[]).map((r) => ({
        criterionId: r.criterionId, answer: r.answer, passed: r.passed === 1, source: 'rule' as const, rationale: r.rationale, evidence: parse(r.evidence) as RuleResult['evidence'],
      })));
  }
}
