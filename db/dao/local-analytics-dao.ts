import { and, asc, eq } from 'drizzle-orm';
import type { AudioMetrics, Waveform } from '../../preload/contract/schemas/audio-metrics.js';
import type { ConversationMetricsView, PiiFindingView, SegmentSentimentView } from '../../preload/contract/schemas/local-analytics.js';
import type { RuleResult } from '../../preload/contract/schemas/rules.js';
import type { AppDatabase } from '../open.js';
import { audioMetrics, localAnalyses, piiFindings, ruleResults } from '../schema/local-analytics.js';

export interface LocalAnalysisInput {
  transcriptHash: string;
  version: number;
  conversation: ConversationMetricsView;
  sentiment: SegmentSentimentView;
  pii: PiiFindingView[];
  rules: RuleResult[];
  computeMs: number;
}

/**
 * All SQL of the offline analytics. Writes are idempotent upserts keyed by recording: saving the same
 * result twice leaves one row set, and saving for a new transcript hash replaces the old rows in one
 * transaction (a reader never sees new metrics beside old PII findings).
 */
export class LocalAnalyticsDao {
  constructor(private readonly db: AppDatabase) {}

  /** True when metrics for exactly this audio content and algorithm version are stored. */
  hasAudioMetrics(recordingId: number, audioSha256: string, version: number): boolean {
    return this.db.timed('local.hasAudioMetrics', () =>
      this.db.orm
        .select({ id: audioMetrics.recordingId })
        .from(audioMetrics)
        .where(and(eq(audioMetrics.recordingId, recordingId), eq(audioMetrics.audioSha256, audioSha256), eq(audioMetrics.version, version)))
        .get() !== undefined,
    );
  }

  saveAudioMetrics(recordingId: number, audioSha256: string, version: number, m: AudioMetrics, computeMs: number): void {
    const { waveform, ...body } = m;
    const row = { recordingId, audioSha256, version, body, waveform, computeMs };
    this.db.timed('local.saveAudioMetrics', () =>
      this.db.orm
        .insert(audioMetrics)
        .values(row)
        .onConflictDoUpdate({
          target: audioMetrics.recordingId,
          set: { audioSha256, version, body, waveform, computeMs, computedAt: new Date().toISOString() },
        })
        .run(),
    );
  }

  getAudioMetrics(recordingId: number): { body: Omit<AudioMetrics, 'waveform'>; computedAt: string } | undefined {
    return this.db.timed('local.getAudioMetrics', () =>
      this.db.orm
        .select({ body: audioMetrics.body, computedAt: audioMetrics.computedAt })
        .from(audioMetrics)
        .where(eq(audioMetrics.recordingId, recordingId))
        .get(),
    );
  }

  getWaveform(recordingId: number): { waveform: Waveform; durationSec: number } | undefined {
    const row = this.db.timed('local.getWaveform', () =>
      this.db.orm
        .select({ waveform: audioMetrics.waveform, body: audioMetrics.body })
        .from(audioMetrics)
        .where(eq(audioMetrics.recordingId, recordingId))
        .get(),
    );
    return row && { waveform: row.waveform, durationSec: row.body.durationSec };
  }

  /** True when results for exactly this transcript content and algorithm version are stored. */
  hasLocalAnalysis(recordingId: number, transcriptHash: string, version: number): boolean {
    return this.db.timed('local.hasLocalAnalysis', () =>
      this.db.orm
        .select({ id: localAnalyses.recordingId })
        .from(localAnalyses)
        .where(and(eq(localAnalyses.recordingId, recordingId), eq(localAnalyses.transcriptHash, transcriptHash), eq(localAnalyses.version, version)))
        .get() !== undefined,
    );
  }

  /** Replace the transcript-based results of a recording (nested safely inside the queue's done transaction). */
  saveLocalAnalysis(recordingId: number, r: LocalAnalysisInput): void {
    this.db.timed('local.saveLocalAnalysis', () =>
      this.db.sqlite.transaction(() => {
        const values = {
          transcriptHash: r.transcriptHash, version: r.version, conversation: r.conversation, sentiment: r.sentiment,
          piiCount: r.pii.length, rulesFailed: r.rules.filter((x) => !x.passed).length, computeMs: r.computeMs,
        };
        this.db.orm
          .insert(localAnalyses)
          .values({ recordingId, ...values })
          .onConflictDoUpdate({ target: localAnalyses.recordingId, set: { ...values, computedAt: new Date().toISOString() } })
          .run();
        this.db.orm.delete(piiFindings).where(eq(piiFindings.recordingId, recordingId)).run();
        this.db.orm.delete(ruleResults).where(eq(ruleResults.recordingId, recordingId)).run();
        if (r.pii.length) {
          this.db.orm.insert(piiFindings).values(r.pii.map((f) => ({
            recordingId, category: f.category, text: f.text, segmentIndex: f.segmentIndex, charStart: f.charStart, charEnd: f.charEnd,
            startSec: f.start, endSec: f.end, confidence: f.confidence,
          }))).run();
        }
        if (r.rules.length) {
          this.db.orm.insert(ruleResults).values(r.rules.map((x) => ({
            recordingId, criterionId: x.criterionId, answer: x.answer, passed: x.passed, rationale: x.rationale, evidence: x.evidence,
          }))).run();
        }
      })(),
    );
  }

  getLocalAnalysis(recordingId: number): { transcriptHash: string; conversation: ConversationMetricsView; sentiment: SegmentSentimentView; computedAt: string } | undefined {
    return this.db.timed('local.getLocalAnalysis', () =>
      this.db.orm
        .select({ transcriptHash: localAnalyses.transcriptHash, conversation: localAnalyses.conversation, sentiment: localAnalyses.sentiment, computedAt: localAnalyses.computedAt })
        .from(localAnalyses)
        .where(eq(localAnalyses.recordingId, recordingId))
        .get(),
    );
  }

  listPii(recordingId: number): PiiFindingView[] {
    const rows = this.db.timed('local.listPii', () =>
      this.db.orm.select().from(piiFindings).where(eq(piiFindings.recordingId, recordingId)).orderBy(asc(piiFindings.startSec), asc(piiFindings.id)).all(),
    );
    return rows.map((r) => ({
      category: r.category, text: r.text, segmentIndex: r.segmentIndex, charStart: r.charStart, charEnd: r.charEnd,
      start: r.startSec, end: r.endSec, confidence: r.confidence,
    }));
  }

  listRules(recordingId: number): RuleResult[] {
    const rows = this.db.timed('local.listRules', () =>
      this.db.orm.select().from(ruleResults).where(eq(ruleResults.recordingId, recordingId)).orderBy(asc(ruleResults.id)).all(),
    );
    return rows.map((r) => ({ criterionId: r.criterionId, answer: r.answer, passed: r.passed, source: 'rule' as const, rationale: r.rationale, evidence: r.evidence }));
  }
}
