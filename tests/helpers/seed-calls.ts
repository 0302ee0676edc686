import { createHash } from 'node:crypto';
import { AnalysesDao } from '../../db/dao/analyses-dao.js';
import { RecordingsDao } from '../../db/dao/recordings-dao.js';
import { RubricsDao } from '../../db/dao/rubrics-dao.js';
import { TranscriptsDao } from '../../db/dao/transcripts-dao.js';
import type { AppDatabase } from '../../db/open.js';
import type { CallAnalysis, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import type { NormalizedTranscript, TranscriptSegment } from '../../preload/contract/schemas/transcript.js';
import { seededRandom } from '../fakes/faults.js';
import { projectionFor } from './project-calls.js';

/**
 * Deterministic synthetic calls written through the app's DAOs and given their records by the call
 * projection (the full-text triggers index the transcripts exactly as in production): a recording, a transcript of short
 * segments and an analysis with a scorecard per call. Same seed → same data.
 */

export const seedAgents = ['dana', 'eli', 'farah', 'gus', 'hana', 'ivan', 'jo', 'kai', 'lena', 'marco', 'nia', 'omar', 'pia', 'quinn', 'rosa', 'sam', 'tara', 'uma', 'vic', 'wes'];
export const seedQueues = ['billing', 'retention', 'support', 'sales', 'claims', 'onboarding'];
const reasons = ['double charge', 'cancel subscription', 'password reset', 'upgrade plan', 'late delivery', 'claim status', 'address change', 'refund request'];
const outcomes = ['resolved', 'escalated', 'callback', 'unresolved'] as const;
const sentiments = ['positive', 'neutral', 'negative'] as const;
const agentLines = [
  'thank you for calling how can I help you today',
  'can I have your account number please',
  'I can see the charge on your statement',
  'let me check that for you one moment',
  'I have processed that change on the account',
  'is there anything else I can help with',
  'I understand that is frustrating',
  'this call may be recorded for quality and training',
];
const customerLines = [
  'hi I am calling about my bill',
  'yes it is four four one one',
  'I was charged twice this month',
  'I would like to cancel my subscription',
  'the parcel never arrived',
  'okay that sounds fine',
  'no that is everything thanks',
  'can you send me an email confirmation',
];
export const seedCriteria = [
  { id: 'greeting', section: 'Opening', question: 'Did the agent greet the customer?' },
  { id: 'verify_identity', section: 'Compliance', question: 'Did the agent verify identity?' },
  { id: 'recording_notice', section: 'Compliance', question: 'Was the recording disclosure given?' },
  { id: 'empathy', section: 'Soft skills', question: 'Did the agent show empathy?' },
  { id: 'resolution', section: 'Outcome', question: 'Was the issue resolved?' },
  { id: 'next_steps', section: 'Outcome', question: 'Were next steps explained?' },
  { id: 'closing', section: 'Closing', question: 'Did the agent close properly?' },
  { id: 'tone', section: 'Soft skills', question: 'Rate the tone (1-5).' },
];

export interface SeedOptions {
  count: number;
  seed?: number;
  /** Extra text put in one segment of the call at that 0-based index (e.g. a unique search phrase). */
  needles?: Record<number, string>;
  /** Calls without an analysis (pipeline not finished): every n-th call. 0 = none. */
  unanalyzedEvery?: number;
  /** First call date (calls spread over `days` days after it). */
  startDay?: string;
  days?: number;
  segmentsPerCall?: number;
  /** Rows per transaction. */
  batch?: number;
}

export interface SeededCall {
  id: number;
  index: number;
  agent: string;
  queue: string;
  callTime: string;
  durationSec: number;
  scorePct: number | null;
  sentiment: (typeof sentiments)[number] | null;
  outcome: (typeof outcomes)[number] | null;
}

export function seedCalls(db: AppDatabase, opts: SeedOptions): SeededCall[] {
  const rand = seededRandom(opts.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const recordings = new RecordingsDao(db);
  const transcripts = new TranscriptsDao(db);
  const analyses = new AnalysesDao(db);
  const rubricsDao = new RubricsDao(db);
  const rubric =
    rubricsDao.findByName('Seed rubric') ??
    rubricsDao.insert({
      name: 'Seed rubric',
      criteria: seedCriteria.map((c) => ({ ...c, guidance: '', type: c.id === 'tone' ? 'scale_1_5' : 'yes_no', weight: 10, allowNa: false, autoFail: c.id === 'verify_identity' })),
    });
  const start = Date.parse(`${opts.startDay ?? '2024-01-01'}T08:00:00Z`);
  const days = opts.days ?? 90;
  const segCount = opts.segmentsPerCall ?? 10;
  const batch = opts.batch ?? 1000;
  const out: SeededCall[] = [];
  const runId = `${opts.seed ?? 7}-${Date.now().toString(36)}`;

  const one = (index: number): SeededCall => {
    const agent = pick(seedAgents);
    const queue = pick(seedQueues);
    const when = new Date(start + Math.floor(rand() * days * 86_400_000));
    const callTime = when.toISOString().slice(0, 19);
    const durationSec = Math.round((60 + rand() * 900) * 10) / 10;
    const { id } = recordings.insert({
      sha256: createHash('sha256').update(`seed-${runId}-${index}`).digest('hex'), fileName: `${callTime.slice(0, 10)}_${agent}_${index}.wav`,
      audioPath: `/seed/${index}.wav`, sizeBytes: Math.round(durationSec * 32000), durationSec, channels: 2, sampleRate: 16000,
      codec: 'pcm_s16le', container: 'wav', stereoSplit: true, agent, queue, callTime, direction: rand() < 0.7 ? 'inbound' : 'outbound',
      externalCallId: `C${100000 + index}`, metadataSources: { agent: 'filename', queue: 'sidecar' },
    });
    const segments: TranscriptSegment[] = [];
    const step = durationSec / segCount;
    for (let s = 0; s < segCount; s++) {
      const role = s % 2 === 0 ? 'agent' : 'customer';
      let text = pick(role === 'agent' ? agentLines : customerLines);
      if (s === 3 && opts.needles?.[index]) text = `${text} ${opts.needles[index]}`;
      segments.push({ speaker: role === 'agent' ? 'speaker_0' : 'speaker_1', role, start: s * step, end: (s + 1) * step, text, words: [] });
    }
    const body: NormalizedTranscript = {
      language: 'en', durationSec,
      speakers: [
        { id: 'speaker_0', role: 'agent', name: null, roleConfidence: 1, roleSource: 'channel' },
        { id: 'speaker_1', role: 'customer', name: null, roleConfidence: 1, roleSource: 'channel' },
      ],
      segments,
    };
    const contentHash = `h-${runId}-${index}`;
    const transcriptCost = Math.round(durationSec * 0.0001 * 1e4) / 1e4;
    transcripts.upsert({ recordingId: id, provider: 'openai', model: 'gpt-4o-transcribe', audioSec: durationSec, costUsd: transcriptCost, contentHash, body });
    const analysed = !(opts.unanalyzedEvery && index % opts.unanalyzedEvery === opts.unanalyzedEvery - 1);
    if (!analysed) return { id, index, agent, queue, callTime, durationSec, scorePct: null, sentiment: null, outcome: null };

    const criteria: ScorecardCriterion[] = seedCriteria.map((c) => {
      const answer = c.id === 'tone' ? String(1 + Math.floor(rand() * 5)) : rand() < 0.8 ? 'yes' : 'no';
      const points = c.id === 'tone' ? ((Number(answer) - 1) / 4) * 10 : answer === 'yes' ? 10 : 0;
      return {
        id: c.id, section: c.section, question: c.question, type: c.id === 'tone' ? 'scale_1_5' : 'yes_no',
        answer: answer as ScorecardCriterion['answer'], score: points, weight: 10, autoFail: c.id === 'verify_identity',
        source: 'ai', rationale: 'Seeded.', evidence: [{ quote: segments[0]!.text, start: 0, end: step }],
      };
    });
    const earned = criteria.reduce((a, c) => a + (c.score ?? 0), 0);
    const autoFailed = criteria.some((c) => c.autoFail && c.answer === 'no');
    const scorePct = autoFailed ? 0 : Math.round((earned / 80) * 1000) / 10;
    const sentiment = pick(sentiments);
    const outcome = pick(outcomes);
    const analysis: CallAnalysis = {
      summary: 'Seeded call.', callReason: pick(reasons), outcome,
      sentiment: { start: pick(sentiments), end: sentiment, segments: [] },
      behaviours: [], actionItems: [], coachingNotes: [], topics: [], flags: [],
      compliance: [{ item: 'Recording disclosure', status: rand() < 0.9 ? 'met' : 'not_met', evidence: [] }],
      scorecard: { rubricId: rubric.id, rubricName: rubric.name, rubricVersion: rubric.version, criteria, earned, possible: 80, scorePct, autoFailed, autoFailedBy: autoFailed ? ['verify_identity'] : [] },
    };
    analyses.insert({
      recordingId: id, transcriptHash: contentHash, rubricId: rubric.id, rubricVersion: rubric.version, model: 'gpt-4o-mini',
      promptVersion: 'seed-1', scorePct, autoFailed, inputTokens: 1200, outputTokens: 400, costUsd: 0.002, body: analysis,
    });
    return { id, index, agent, queue, callTime, durationSec, scorePct, sentiment, outcome };
  };

  const projection = projectionFor(db);
  for (let i = 0; i < opts.count; i += batch) {
    db.sqlite.transaction(() => {
      const start = out.length;
      for (let j = i; j < Math.min(opts.count, i + batch); j++) out.push(one(j));
      projection.sourcesChanged(out.slice(start).map((c) => c.id));
    })();
  }
  return out;
}
