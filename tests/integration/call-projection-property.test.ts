import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysesDao } from '../../db/dao/analyses-dao.js';
import type { CallProjectionDao } from '../../db/dao/call-projection-dao.js';
import type { JobsControlDao } from '../../db/dao/jobs-control-dao.js';
import type { JobsDao } from '../../db/dao/jobs-dao.js';
import { RecordingsDao } from '../../db/dao/recordings-dao.js';
import { TranscriptQualityDao } from '../../db/dao/transcript-quality-dao.js';
import { TranscriptsDao } from '../../db/dao/transcripts-dao.js';
import { openDatabase, type AppDatabase } from '../../db/open.js';
import type { CallAnalysis, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { totals } from '../../main/analysis/scoring.js';
import { createDaosWithProjection, type CallProjection } from '../../main/domains/calls/call-projection.js';
import { searchText } from '../../main/domains/calls/derive-call.js';
import { ReviewService } from '../../main/domains/reviews/review-service.js';
import { RubricService } from '../../main/domains/rubrics/rubric-service.js';

/**
 * The call projection's promise: whatever happens to a call's sources, through the app's write
 * points, the stored derived record (call_summary, call_criteria, the search rows) equals a projection
 * computed from scratch from the sources. A random sequence of imports, pipeline steps, analyses,
 * overrides, reviews, corrections, rubric edits, policy changes and deletions over 300 calls; every
 * call is checked after every step.
 */

const CALLS = 300;
const agents = ['dana', 'eli', 'farah', null] as const;
const criteriaIds = ['greeting', 'verify', 'empathy', 'tone'] as const;
const yesNo = ['yes', 'no', 'n/a'] as const;
const scale = ['1', '2', '3', '4', '5', 'n/a'] as const;

let dir: string;
let db: AppDatabase;
let settings: { transcriptQualityMin: number; unsupportedAnswers: 'show' | 'needs_review' };
let projection: CallProjection;
let dao: CallProjectionDao;
let jobs: JobsDao;
let control: JobsControlDao;
let reviews: ReviewService;
let rubrics: RubricService;
let rubricId: number;
const ids: number[] = [];

const rubricCriteria = (wording: string) => criteriaIds.map((id) => ({
  id, section: `Section ${id}`, question: `${wording}: ${id}?`, guidance: '', type: id === 'tone' ? ('scale_1_5' as const) : ('yes_no' as const),
  weight: id === 'verify' ? 20 : 10, allowNa: true, autoFail: id === 'verify',
}));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cca-projection-'));
  db = await openDatabase({ file: join(dir, 'app.db'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
  settings = { transcriptQualityMin: 60, unsupportedAnswers: 'show' };
  // Wired as the app's composition root wires them.
  const wired = createDaosWithProjection(db, () => settings);
  ({ calls: projection } = wired);
  dao = wired.daos.callProjection;
  jobs = wired.daos.jobs;
  control = wired.daos.jobsControl;
  reviews = new ReviewService(wired.daos, wired.daos.audit, projection);
  rubrics = new RubricService(wired.daos.rubrics, projection);
  rubricId = rubrics.save({ name: 'Property rubric', criteria: rubricCriteria('Did the agent') }).id;
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function importCall(i: number, agent: string | null): number {
  const recordings = new RecordingsDao(db);
  // As the import does: the recording and its record in one transaction, then its first steps.
  const id = recordings.transaction(() => {
    const row = recordings.insert({
      sha256: `prop-${i}-${Math.random()}`, fileName: `call-${i}.wav`, audioPath: `/p/${i}.wav`, sizeBytes: 1000, durationSec: 30 + i,
      channels: 2, sampleRate: 16000, codec: 'pcm_s16le', container: 'wav', stereoSplit: true, agent, queue: i % 2 ? 'billing' : null,
      callTime: i % 3 ? `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00` : null, metadataSources: {},
    });
    projection.sourcesChanged([row.id]);
    return row.id;
  });
  jobs.enqueue(id, ['transcribe', 'analyze', 'index'], Date.now());
  return id;
}

function transcriptOf(seed: number): NormalizedTranscript {
  return {
    language: 'en', durationSec: 60,
    speakers: [{ id: 's0', role: 'agent', name: null, roleConfidence: 1, roleSource: 'channel' }, { id: 's1', role: 'customer', name: null, roleConfidence: 1, roleSource: 'channel' }],
    segments: [0, 1, 2].map((k) => ({ speaker: k % 2 ? 's1' : 's0', role: k % 2 ? 'customer' : 'agent', start: k * 10, end: k * 10 + 9, text: `words ${seed} part ${k}`, words: [] })),
  } as NormalizedTranscript;
}

function analysisOf(answers: string[], support: ('evidence' | 'unsupported' | undefined)[], outcome: string, notMet: boolean, fabricated: number): CallAnalysis {
  const criteria: ScorecardCriterion[] = criteriaIds.map((id, k) => ({
    id, section: `Section ${id}`, question: `As asked: ${id}?`, type: id === 'tone' ? 'scale_1_5' : 'yes_no', answer: answers[k] as ScorecardCriterion['answer'],
    score: null, weight: id === 'verify' ? 20 : 10, autoFail: id === 'verify', source: 'ai', rationale: '.', evidence: [], ...(support[k] ? { support: support[k] } : {}),
  }));
  const t = totals(criteria);
  return {
    summary: '.', callReason: 'billing', outcome, sentiment: { start: 'neutral', end: outcome === 'escalated' ? 'negative' : 'positive', segments: [] },
    behaviours: [], actionItems: [], coachingNotes: [], topics: [], flags: Array.from({ length: fabricated }, () => ({ kind: 'fabricated_quote' as const, message: 'not in the call' })),
    compliance: [{ item: 'Recording disclosure', status: notMet ? 'not_met' : 'met', evidence: [] }],
    scorecard: { rubricId, rubricName: 'Property rubric', rubricVersion: 1, criteria, ...t },
  } as unknown as CallAnalysis;
}

let urgency = 1;
/**
 * Run the call's step (again) and finish it, storing `persist`'s results in its completion, as a step
 * runner does: the step is (re)created or re-run and put first in line, then claimed and completed.
 */
function finishStep(id: number, step: string, persist: () => void): void {
  const now = Date.now();
  jobs.enqueue(id, [step], now);
  control.rerun([id], step, [step], now, false);
  control.prioritize([id], urgency++, now);
  const [j] = jobs.claim({ steps: [step], limit: 1, now: now + 1e9, owner: 'prop', leaseMs: 60_000 });
  if (j) jobs.complete(j, { now, durationMs: 1, costUsd: null, persist: j.recordingId === id ? persist : undefined, unlock: () => [] });
}

const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('transcribe' as const), call: fc.nat(), cost: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('analyze' as const), call: fc.nat(), answers: fc.tuple(fc.constantFrom(...yesNo), fc.constantFrom(...yesNo), fc.constantFrom(...yesNo), fc.constantFrom(...scale)),
    support: fc.array(fc.constantFrom('evidence' as const, 'unsupported' as const, undefined), { minLength: 4, maxLength: 4 }),
    outcome: fc.constantFrom('resolved', 'escalated'), notMet: fc.boolean(), fabricated: fc.nat(2), cost: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('index' as const), call: fc.nat(), quality: fc.integer({ min: 0, max: 100 }), pii: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('fail' as const), call: fc.nat(), state: fc.constantFrom('failed' as const, 'waiting_retry' as const, 'waiting_network' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('override' as const), call: fc.nat(), criterion: fc.nat(3), answer: fc.nat(5) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('clearOverride' as const), call: fc.nat(), criterion: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('compliance' as const), call: fc.nat(), status: fc.constantFrom('met' as const, 'not_met' as const, 'clear' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reviewed' as const), call: fc.nat(), reviewed: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), call: fc.nat(), segment: fc.nat(2), text: fc.constantFrom('corrected words', 'another fix', null) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('metadata' as const), call: fc.nat(), agent: fc.constantFrom(...agents) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('rubric' as const), wording: fc.constantFrom('Did the agent', 'Has the agent', 'Agent') }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('policy' as const), min: fc.constantFrom(0, 40, 60, 80), unsupported: fc.constantFrom('show' as const, 'needs_review' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('queue' as const), action: fc.constantFrom('pause', 'resume', 'cancel', 'retry', 'rerun') }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), call: fc.nat() }), weight: 1 },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(o: Op): void {
  const id = 'call' in o ? ids[o.call % ids.length] : undefined;
  const exists = id !== undefined && new RecordingsDao(db).get(id) !== undefined;
  const hasAnalysis = exists && new AnalysesDao(db).latest(id) !== undefined;
  switch (o.kind) {
    case 'transcribe':
      if (exists) finishStep(id, 'transcribe', () => new TranscriptsDao(db).upsert({ recordingId: id, provider: 'openai', model: 'm', audioSec: 60, costUsd: o.cost, contentHash: `t${id}-${o.cost}`, body: transcriptOf(id) }));
      return;
    case 'analyze':
      if (exists) finishStep(id, 'analyze', () => new AnalysesDao(db).insert({
        recordingId: id, transcriptHash: `t${id}`, rubricId, rubricVersion: 1, model: 'm', promptVersion: `p${Math.random()}`,
        scorePct: totals(analysisOf(o.answers, o.support, o.outcome, o.notMet, o.fabricated).scorecard.criteria).scorePct,
        autoFailed: false, inputTokens: 1, outputTokens: 1, costUsd: o.cost, body: analysisOf(o.answers, o.support, o.outcome, o.notMet, o.fabricated),
      }));
      return;
    case 'index':
      if (exists) finishStep(id, 'index', () => {
        const q = new TranscriptQualityDao(db);
        q.saveFindings(id, { piiFound: o.pii });
        q.save(id, 'h', { score: o.quality } as never);
        projection.reindexText(id);
      });
      return;
    case 'fail': {
      const [j] = jobs.claim({ steps: ['transcribe', 'analyze', 'index'], limit: 1, now: Date.now() + 1e9, owner: 'prop', leaseMs: 60_000 });
      if (j) jobs.transition(j.id, j.fencingToken, { state: o.state, nextRunAt: 0 }, Date.now());
      return;
    }
    case 'override': {
      if (!hasAnalysis) return;
      const criterion = criteriaIds[o.criterion]!;
      const answer = criterion === 'tone' ? scale[o.answer % scale.length]! : yesNo[o.answer % yesNo.length]!;
      reviews.override(id, criterion, answer, 'Property test.', 'lead');
      return;
    }
    case 'clearOverride':
      if (exists) reviews.clearOverride(id, criteriaIds[o.criterion]!, 'lead');
      return;
    case 'compliance':
      if (!hasAnalysis) return;
      if (o.status === 'clear') reviews.clearComplianceOverride(id, 0, 'lead');
      else reviews.overrideCompliance(id, 0, o.status, 'Property test.', 'lead');
      return;
    case 'reviewed':
      if (exists) reviews.setReviewed(id, o.reviewed, 'lead');
      return;
    case 'edit': {
      if (!exists || !new TranscriptsDao(db).get(id)) return;
      const original = transcriptOf(id).segments[o.segment]!.text;
      reviews.editTranscript(id, o.segment, o.text ?? original, 'lead');
      return;
    }
    case 'metadata': {
      if (!exists) return;
      const recordings = new RecordingsDao(db);
      recordings.transaction(() => {
        recordings.updateMetadata(id, { agent: o.agent }, {});
        projection.sourcesChanged([id]);
      });
      return;
    }
    case 'rubric':
      rubrics.save({ name: 'Property rubric', criteria: rubricCriteria(o.wording) });
      return;
    case 'policy':
      settings = { transcriptQualityMin: o.min, unsupportedAnswers: o.unsupported };
      projection.policyChanged();
      return;
    case 'queue': {
      const now = Date.now();
      if (o.action === 'pause') control.pause(now);
      else if (o.action === 'resume') control.resume(now);
      else if (o.action === 'cancel') control.cancel(ids[0] ?? null, now);
      else if (o.action === 'retry') control.retry(null, now, false);
      else control.rerun(ids.slice(0, 20), 'analyze', ['analyze', 'index'], now, false);
      return;
    }
    case 'delete':
      if (exists) db.sqlite.prepare('DELETE FROM recordings WHERE id = ?').run(id);
      return;
  }
}

/** Every call's stored record equals a from-scratch projection of its sources. */
function expectProjected(step: string): void {
  for (const id of ids) {
    const fresh = projection.derive(id);
    const stored = dao.stored(id);
    expect(stored, `${step}: call ${id}`).toEqual(fresh);
    const transcript = new TranscriptsDao(db).get(id)?.body;
    const search = transcript ? searchText(transcript, dao.edits(id)) : [];
    expect(dao.searchRows(id).map((r) => r.text), `${step}: search text of call ${id}`).toEqual(search.map((s) => s.text));
  }
}

describe('call projection', () => {
  it('only plain full-text triggers are left: no rule lives in SQL', () => {
    const triggers = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(triggers).toEqual(['transcripts_fts_ad', 'transcripts_fts_ai', 'transcripts_fts_au']);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'view'").get()).toEqual({ n: 0 });
  });

  it('after every step of a random history over 300 calls, the stored record is the projection of the sources', () => {
    for (let i = 0; i < CALLS; i++) ids.push(importCall(i, agents[i % agents.length]!));
    expectProjected('imports');
    let applied = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 150, maxLength: 150 }), (ops) => {
        ops.forEach((o, k) => {
          apply(o);
          expectProjected(`step ${applied + k} (${o.kind})`);
        });
        applied += ops.length;
      }),
      { numRuns: 2, seed: 31_337, endOnFailure: true },
    );
    // The history reached the interesting states, so the checks above compared real records.
    const count = (sql: string) => (db.sqlite.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM call_criteria WHERE overridden = 1')).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM call_summary WHERE reviewed_at IS NOT NULL")).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM call_summary WHERE flag_compliance = 1')).toBeGreaterThan(0);
    expect(count('SELECT count(DISTINCT status) AS n FROM call_summary')).toBeGreaterThan(2);
    expect(count('SELECT count(*) AS n FROM transcript_edits')).toBeGreaterThan(0);
  });

  it('a full re-projection rewrites nothing that was already right, and repairs what was not', async () => {
    const before = ids.map((id) => dao.stored(id));
    db.sqlite.prepare('UPDATE call_summary SET score_pct = -1, status = ? WHERE recording_id = ?').run('bogus', ids[1]);
    db.sqlite.prepare('DELETE FROM call_criteria WHERE recording_id = ?').run(ids[2]);
    const progress: number[] = [];
    const result = await projection.reprojectAll({ batch: 64, onProgress: (p) => progress.push(p.done) });
    expect(result.done).toBe(result.total);
    expect(progress.at(-1)).toBe(result.total);
    expect(ids.map((id) => dao.stored(id))).toEqual(before);
    expect(projection.isStale()).toBe(false);
  });
});
