import type { EstimatesDao, RecordingFacts } from '../../../db/dao/estimates-dao.js';
import type { Daos } from '../../../db/daos.js';
import type { JobsQueryDao } from '../../../db/dao/jobs-query-dao.js';
import type { CostEstimate, StepEstimate } from '../../../preload/contract/schemas/estimates.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';
import { approxTokens, instructions, tokensForChars, transcriptLine } from '../../analysis/prompt.js';
import { downstreamOf, type Pipeline } from '../../jobs/pipeline.js';
import { transcriptionModel } from '../../providers/factory.js';
import { monthStart } from '../analysis/budget.js';
import type { ProviderServices } from '../analysis/services.js';

/**
 * Typical figures for a model this app has not used yet. Measured on the fixtures' two-speaker calls
 * (../shared/fixtures/calls.json): the "[12.3 - 15.6] Agent: words" lines the model reads come to
 * about 17 characters per second of call; scorecard answers with rationale and evidence to about 90
 * output tokens per criterion plus 350 for summary, sentiment and the rest. Speeds are the providers'
 * usual ones (a few seconds per minute of audio; one structured answer in about ten seconds).
 */
export const typical = {
  transcriptCharsPerSec: 17,
  outputTokensBase: 350,
  outputTokensPerCriterion: 90,
  transcribeSecPerSec: 0.1,
  transcribeSecPerCall: 2,
  analyzeSecPerCall: 10,
};

/** History is used once it has this many calls of the model: one odd call should not set the price. */
const MIN_SAMPLES = 3;

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const round1 = (n: number) => Math.round(n * 10) / 10;

export interface EstimatorDeps {
  daos: Pick<Daos, 'estimates' | 'jobsQuery'>;
  providers: ProviderServices;
  settings: () => Settings;
  pipeline: Pipeline;
}

/**
 * Cost and time before they are spent, for a fresh import or a re-run from a step. Per paid step:
 * which calls will reach the provider (a transcript already attached is not transcribed again; an
 * unchanged transcript, rubric and model is a cache hit), what that costs from this app's recent
 * requests with the model when it has enough of them (what the provider really billed, stereo splits
 * included) or else from the price table, and how long it takes at the configured concurrency.
 */
export class CostEstimator {
  private readonly dao: EstimatesDao;
  private readonly jobs: JobsQueryDao;

  constructor(private readonly deps: EstimatorDeps) {
    this.dao = deps.daos.estimates;
    this.jobs = deps.daos.jobsQuery;
  }

  estimate(recordingIds: readonly number[], fromStep?: string): CostEstimate {
    const planned = new Set(fromStep ? downstreamOf(this.deps.pipeline, fromStep) : Object.keys(this.deps.pipeline));
    const facts = this.dao.facts(recordingIds);
    const s = this.deps.settings();
    // A re-run of transcribe forces it; after an import, a transcript dropped with the audio stands.
    const transcribed = new Set(
      planned.has('transcribe') ? facts.filter((f) => fromStep !== undefined || !f.hasTranscript).map((f) => f.id) : [],
    );
    const steps: StepEstimate[] = [];
    if (planned.has('transcribe')) steps.push(this.transcription(facts, transcribed, s));
    if (planned.has('analyze')) steps.push(this.analysis(facts, transcribed, s));

    const conc: Record<string, number> = { transcribe: s.transcribeConcurrency, analyze: s.analyzeConcurrency };
    // The steps overlap across calls: the slowest lane sets the pace, each other step adds one call's time.
    const lanes = steps.filter((e) => e.calls > 0).map((e) => ({ wall: e.providerSec / conc[e.step]!, one: e.providerSec / e.calls }));
    const slowest = Math.max(0, ...lanes.map((l) => l.wall));
    const seconds = lanes.length ? slowest + lanes.reduce((a, l) => a + l.one, 0) - (lanes.find((l) => l.wall === slowest)?.one ?? 0) : 0;
    const budget = s.monthlyBudgetUsd;
    return {
      recordings: facts.length,
      audioSec: round1(facts.reduce((a, f) => a + f.durationSec, 0)),
      steps,
      totalUsd: round6(steps.reduce((a, e) => a + (e.usd ?? 0), 0)),
      savedUsd: round6(steps.reduce((a, e) => a + e.savedUsd, 0)),
      unpriced: [...new Set(steps.filter((e) => e.usd === null && e.calls > 0).map((e) => e.model))],
      seconds: Math.round(seconds),
      budgetLeftUsd: budget > 0 ? round6(Math.max(0, budget - this.jobs.costSince(monthStart(Date.now())))) : null,
    };
  }

  private transcription(facts: RecordingFacts[], transcribed: Set<number>, s: Settings): StepEstimate {
    const provider = s.transcriptionProvider;
    const model = transcriptionModel(s);
    const going = facts.filter((f) => transcribed.has(f.id));
    const sec = going.reduce((a, f) => a + f.durationSec, 0);
    const h = this.dao.transcription(model);
    const useHistory = h.samples >= MIN_SAMPLES && h.usdPerSec !== null;
    let usd: number | null = 0;
    for (const f of going) {
      const one = useHistory ? f.durationSec * h.usdPerSec! : this.deps.providers.prices.transcriptionCost(model, f.durationSec, {});
      usd = one === null || usd === null ? null : usd + one;
    }
    const secPerSec = h.secPerSec ?? typical.transcribeSecPerSec;
    return {
      step: 'transcribe', provider, model, calls: going.length, skipped: facts.length - going.length, audioSec: round1(sec),
      usd: usd === null ? null : round6(usd), savedUsd: 0,
      providerSec: round1(sec * secPerSec + going.length * (h.secPerSec === null ? typical.transcribeSecPerCall : 0)),
      basis: useHistory ? 'history' : 'price_table',
    };
  }

  private analysis(facts: RecordingFacts[], transcribed: Set<number>, s: Settings): StepEstimate {
    const { analysis, rubrics, prices } = this.deps.providers;
    const model = s.analysisModel;
    const criteria = rubrics.resolve().criteria.filter((c) => !c.rule);
    const fixedTokens = approxTokens(instructions(criteria));
    const h = this.dao.analysis(model);
    const useHistory = h.samples >= MIN_SAMPLES && h.inputTokensPerSec !== null;
    const output = useHistory ? h.outputTokensPerCall! : typical.outputTokensBase + typical.outputTokensPerCriterion * criteria.length;
    let usd: number | null = 0;
    let saved = 0;
    let calls = 0;
    let sec = 0;
    for (const f of facts) {
      // The transcript there now is what the model will read unless transcribe runs first.
      const transcript = transcribed.has(f.id) || !f.hasTranscript ? null : this.deps.providers.transcription.transcripts.get(f.id);
      const input = transcript
        ? fixedTokens + approxTokens(transcript.body.segments.map((seg) => transcriptLine(transcript.body, seg)).join('\n'))
        : useHistory ? f.durationSec * h.inputTokensPerSec! : fixedTokens + tokensForChars(f.durationSec * typical.transcriptCharsPerSec);
      const one = prices.tokenCost(model, Math.round(input), Math.round(output));
      if (transcript && analysis.cached(f.id)) {
        saved += one ?? 0;
        continue;
      }
      calls++;
      sec += f.durationSec;
      usd = one === null || usd === null ? null : usd + one;
    }
    return {
      step: 'analyze', provider: 'openai', model, calls, skipped: facts.length - calls, audioSec: round1(sec),
      usd: usd === null ? null : round6(usd), savedUsd: round6(saved),
      providerSec: round1(calls * (h.secPerCall ?? typical.analyzeSecPerCall)),
      basis: useHistory ? 'history' : 'price_table',
    };
  }
}
