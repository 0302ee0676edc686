import type { Logger } from 'pino';
import type { Daos } from '../../../db/daos.js';
import type { AnalysesDao, AnalysisKey } from '../../../db/dao/analyses-dao.js';
import type { AnalysisRow } from '../../../db/schema/index.js';
import type { AnalysisView } from '../../../preload/contract/schemas/analysis.js';
import { assembleAnalysis } from '../../analysis/assemble.js';
import type { OpenAIAnalyzerOptions } from '../../analysis/openai-analyzer.js';
import { PROMPT_VERSION } from '../../analysis/prompt.js';
import type { AnalyzerResult } from '../../analysis/types.js';
import { AppError, isAppError } from '../../errors.js';
import { keyHint } from '../../providers/errors.js';
import type { ProviderEnv } from '../../providers/factory.js';
import type { ProviderStatusBook } from '../../providers/status.js';
import { analyzeTranscript, type AnalyzeInput } from '../../steps/analyze.js';
import type { RubricService } from '../rubrics/rubric-service.js';
import type { TranscriptionService } from '../transcripts/transcription-service.js';

/**
 * Analyses a recording's transcript against a rubric. Cached by (transcript hash, rubric id + version,
 * model, prompt version): asking again with nothing changed returns the stored analysis without any
 * provider request. A changed rubric or model re-runs the analysis only; the transcript is untouched.
 */
export type AnalyzeOutcome =
  | { kind: 'done'; cached: boolean; costUsd: number | null; save: () => AnalysisRow }
  | { kind: 'needs_key'; message: string; hint: string };

export const toAnalysisView = (r: AnalysisRow, cached: boolean): AnalysisView => ({
  id: r.id, recordingId: r.recordingId, model: r.model, promptVersion: r.promptVersion, transcriptHash: r.transcriptHash,
  inputTokens: r.inputTokens, outputTokens: r.outputTokens, costUsd: r.costUsd, createdAt: r.createdAt, cached, analysis: r.body,
});

export class AnalysisService {
  readonly analyses: AnalysesDao;

  constructor(
    daos: Pick<Daos, 'analyses'>,
    private readonly env: ProviderEnv & { analyzer?: OpenAIAnalyzerOptions },
    private readonly status: ProviderStatusBook,
    private readonly transcription: TranscriptionService,
    private readonly rubrics: RubricService,
    private readonly logger: Logger,
  ) {
    this.analyses = daos.analyses;
  }

  keyFor(recordingId: number, rubricId?: number): AnalysisKey {
    const t = this.transcription.get(recordingId);
    const rubric = this.rubrics.resolve(rubricId);
    return { transcriptHash: t.contentHash, rubricId: rubric.id, rubricVersion: rubric.version, model: this.env.settings().analysisModel, promptVersion: PROMPT_VERSION };
  }

  /** Analysing now would be answered from the cache (the recording must have a transcript). */
  cached(recordingId: number): boolean {
    return this.analyses.findByKey(this.keyFor(recordingId), recordingId) !== undefined;
  }

  /** The current analysis already matches what would be computed now. */
  isCurrent(recordingId: number): boolean {
    const latest = this.analyses.latest(recordingId);
    if (!latest || !this.transcription.transcripts.exists(recordingId)) return false;
    const key = this.keyFor(recordingId, latest.rubricId);
    const def = this.rubrics.resolve();
    return latest.rubricId === def.id && latest.transcriptHash === key.transcriptHash && latest.rubricVersion === key.rubricVersion &&
      latest.model === key.model && latest.promptVersion === key.promptVersion;
  }

  /**
   * Analyse the transcript against a rubric. `compute` runs the model call where the queue's transport
   * runs it (this process or a worker service); without one (the "Analyze" button) it runs here. This
   * side answers from the cache, checks the key, decides rule criteria and stores.
   */
  async analyze(recordingId: number, opts: { rubricId?: number; signal?: AbortSignal; compute?: (input: AnalyzeInput) => Promise<AnalyzerResult> } = {}): Promise<AnalyzeOutcome> {
    const t = this.transcription.get(recordingId);
    const rubric = this.rubrics.resolve(opts.rubricId);
    const key = this.keyFor(recordingId, rubric.id);
    const hit = this.analyses.findByKey(key, recordingId);
    if (hit) {
      const latest = this.analyses.latest(recordingId);
      return { kind: 'done', cached: true, costUsd: 0, save: () => (latest?.id === hit.id ? hit : this.analyses.touch(hit, recordingId)) };
    }
    // The model is asked even when every criterion is rule-decided: summary, sentiment and coaching
    // notes still need it.
    const hint = keyHint('openai');
    if (!this.env.secret('OPENAI_API_KEY')) return { kind: 'needs_key', message: 'No OpenAI API key is configured (the analysis model needs one).', hint };
    if (this.status.keyRejected('openai')) return { kind: 'needs_key', message: 'OpenAI needs a valid key: it rejected the one configured.', hint };
    const input: AnalyzeInput = { transcript: t.body, criteria: rubric.criteria.filter((c) => !c.rule), model: key.model };
    let usage: AnalyzerResult;
    try {
      usage = await (opts.compute ?? ((i) => this.computeHere(i, opts.signal)))(input);
    } catch (e) {
      if (isAppError(e)) {
        this.status.failed('openai', e);
        if (e.category === 'auth') return { kind: 'needs_key', message: e.message, hint };
      }
      throw e;
    }
    this.status.succeeded('openai');
    const flags = usage.parts > 1 ? [{ kind: 'chunked' as const, message: `The transcript was analysed in ${usage.parts} parts and merged (too long for one request).` }] : [];
    const body = assembleAnalysis(t.body, rubric, usage.output, flags);
    const costUsd = this.env.prices.tokenCost(key.model, usage.inputTokens, usage.outputTokens);
    this.logger.info({ recordingId, model: key.model, rubricId: rubric.id, scorePct: body.scorecard.scorePct, parts: usage.parts, flags: body.flags.length, costUsd }, 'analysed');
    return {
      kind: 'done', cached: false, costUsd,
      save: () => this.analyses.insert({
        recordingId, ...key, scorePct: body.scorecard.scorePct, autoFailed: body.scorecard.autoFailed, inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens, costUsd, requestIds: usage.requestIds, body,
      }),
    };
  }

  /** The model call in this process (a reviewer's "Analyze", outside the queue). */
  private computeHere(input: AnalyzeInput, signal: AbortSignal | undefined): Promise<AnalyzerResult> {
    return analyzeTranscript(input, { providers: this.env, apiStyles: this.status.apiStyles, analyzer: this.env.analyzer, signal });
  }

  latest(recordingId: number): AnalysisRow {
    const row = this.analyses.latest(recordingId);
    if (!row) throw new AppError('not_found', `Recording #${recordingId} has not been analysed yet.`, 'Wait for the analyze step in the Queue, or start it with "Analyze".');
    return row;
  }
}
