import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krippendorffAlpha, percentAgreement } from '../../main/analysis/agreement.js';
import type { CalibrationDetail, CalibrationResults, CalibrationSummary, SaveAnswersResult } from '../../preload/contract/schemas/calibrations.js';
import type { RubricView } from '../../preload/contract/schemas/rubrics.js';
import { readAsText } from '../helpers/read-as-text.js';
import { seedCalls, type SeededCall } from '../helpers/seed-calls.js';
import { startUsersServer, type UsersServer } from '../helpers/users-server.js';

/**
 * Issue 15, calibration sessions over real HTTP in users mode: a lead picks calls and reviewers; each
 * reviewer saves drafts and submits once (final, audited); the results — for the lead and those who
 * submitted — put the answers side by side with the AI's, with percent agreement and Krippendorff's
 * alpha (nominal for yes/no, ordinal for 1–5) among reviewers and with the AI, the lead's consensus,
 * the ambiguous criteria, and each reviewer's agreement with the consensus. What a blind reviewer can
 * read elsewhere is tests/integration/calibration-blindness.test.ts.
 */
let s: UsersServer;
let calls: SeededCall[];
let rubric: RubricView;
let session: CalibrationSummary;
/** The AI's answers by call and criterion, as the lead reads them before the session. */
const ai = new Map<string, string>();

const call = <T>(who: string, method: string, path: string, body?: unknown) => s.call<T>(who, method, path, body);

beforeAll(async () => {
  s = await startUsersServer({
    accounts: [
      { username: 'lena', role: 'lead' }, { username: 'rev-a', role: 'reviewer' }, { username: 'rev-b', role: 'reviewer' }, { username: 'rev-c', role: 'reviewer' },
      { username: 'agent', role: 'agent', agentName: 'dana' }, { username: 'other-lead', role: 'lead' },
    ],
  });
  calls = seedCalls(s.core.db, { count: 8, seed: 5 }).slice(0, 4);
  rubric = (await call<RubricView[]>('lena', 'GET', '/api/v1/rubrics')).value.find((r) => r.name === 'Seed rubric')!;
  for (const c of calls) {
    const a = (await call<{ analysis: { scorecard: { criteria: { id: string; answer: string }[] } } }>('lena', 'GET', `/api/v1/recordings/${c.id}/analysis`)).value;
    for (const k of a.analysis.scorecard.criteria) ai.set(`${c.id}:${k.id}`, k.answer);
  }
}, 120_000);
afterAll(async () => {
  await s?.close();
});

const id = (who: string) => s.users[who]!.id;
const flip = (a: string) => (a === 'yes' ? 'no' : a === 'no' ? 'yes' : a);
/** A full set of answers: the AI's, with `change` applied per criterion. */
const answersLike = (change: (criterionId: string, ai: string, i: number) => string = (_, a) => a) =>
  calls.flatMap((c, i) => rubric.criteria.map((k) => ({ recordingId: c.id, criterionId: k.id, answer: change(k.id, ai.get(`${c.id}:${k.id}`)!, i), comment: '' })));

describe('making a session', () => {
  it('refuses what cannot work, saying what, why and what to do', async () => {
    const base = { name: 'May calibration', rubricId: rubric.id, recordingIds: calls.map((c) => c.id), participantIds: [id('rev-a'), id('rev-b')] };
    const one = await call('lena', 'POST', '/api/v1/calibrations', { ...base, participantIds: [id('rev-a')] });
    expect(one.status).toBe(400);
    expect(one.error!.message).toContain('at least two reviewers');
    const agent = await call('lena', 'POST', '/api/v1/calibrations', { ...base, participantIds: [id('rev-a'), id('agent')] });
    expect(agent.error!.message).toBe(`Account #${id('agent')} cannot score a calibration: not an active reviewer, lead or admin.`);
    expect(agent.error!.hint).toContain('/api/v1/assignments/reviewers');
    const ghost = await call('lena', 'POST', '/api/v1/calibrations', { ...base, recordingIds: [999_999] });
    expect(ghost.error!.message).toContain('No call has the id 999999');
    expect((await call('rev-a', 'POST', '/api/v1/calibrations', base)).status).toBe(403);
  });

  it('a lead starts one against the rubric\'s current version and leads it', async () => {
    const made = await call<CalibrationSummary>('lena', 'POST', '/api/v1/calibrations', {
      name: 'May calibration', rubricId: rubric.id, recordingIds: calls.map((c) => c.id), participantIds: [id('rev-a'), id('rev-b'), id('rev-c')], dueOn: '2024-06-01',
    });
    expect(made.status).toBe(200);
    session = made.value;
    expect(session).toMatchObject({ name: 'May calibration', rubricVersion: rubric.version, status: 'open', calls: 4, dueOn: '2024-06-01', me: { lead: true, participant: false, seesResults: true } });
    expect(session.participants.map((p) => p.submittedAt)).toEqual([null, null, null]);
    const again = await call('lena', 'POST', '/api/v1/calibrations', { name: 'may calibration', recordingIds: [calls[0]!.id], participantIds: [id('rev-a'), id('rev-b')] });
    expect(again.error!.message).toBe('A calibration session called “may calibration” exists already.');
    // Reviewers see the sessions they score; another reviewer's list stays theirs.
    expect((await call<CalibrationSummary[]>('rev-a', 'GET', '/api/v1/calibrations')).value.map((x) => x.name)).toEqual(['May calibration']);
  });
});

describe('scoring', () => {
  it('keeps a draft, checks each answer against its criterion, and submits only a complete set, once', async () => {
    const path = `/api/v1/calibrations/${session.id}/answers`;
    const first = calls[0]!.id;
    const bad = await call('rev-a', 'POST', path, { answers: [{ recordingId: first, criterionId: 'greeting', answer: '3' }] });
    expect(bad.status).toBe(400);
    expect(bad.error!.message).toBe(`Answer for call #${first}, greeting: a yes/no criterion takes yes or no, not 3.`);
    expect((await call('rev-a', 'POST', path, { answers: [{ recordingId: first, criterionId: 'tone', answer: 'n/a' }] })).error!.message).toContain('does not allow n/a');
    expect((await call('rev-a', 'POST', path, { answers: [{ recordingId: first, criterionId: 'nope', answer: 'yes' }] })).error!.message).toContain('has no criterion “nope”');

    const draft = await call<SaveAnswersResult>('rev-a', 'POST', path, { answers: answersLike().slice(0, 5) });
    expect(draft.value).toEqual({ saved: 5, missing: 4 * 8 - 5, submittedAt: null });
    const early = await call('rev-a', 'POST', path, { answers: [], submit: true });
    expect(early.status).toBe(400);
    expect(early.error!.message).toMatch(/^27 answers are missing \(.+\), so the scores cannot be submitted yet\.$/);
    expect((await call('rev-a', 'GET', `/api/v1/calibrations/${session.id}/results`)).error!.message).toBe('The results of “May calibration” open once you submit your scores.');

    const done = await call<SaveAnswersResult>('rev-a', 'POST', path, { answers: answersLike(), submit: true });
    expect(done.value.missing).toBe(0);
    expect(done.value.submittedAt).not.toBeNull();
    expect((await call('rev-a', 'POST', path, { answers: [] })).error!.message).toBe('Your scores for “May calibration” were submitted and are final.');
  });

  it('shows a participant their own answers only', async () => {
    // rev-b disagrees with everyone on empathy (every call) and leaves a draft note.
    await call('rev-b', 'POST', `/api/v1/calibrations/${session.id}/answers`, { answers: answersLike((k, a) => (k === 'empathy' ? flip(a) : a)).map((x) => ({ ...x, comment: 'rev-b note' })) });
    const b = (await call<CalibrationDetail>('rev-b', 'GET', `/api/v1/calibrations/${session.id}`)).value;
    expect(b.myAnswers).toHaveLength(32);
    expect(b.criteria.map((k) => k.id)).toEqual(rubric.criteria.map((k) => k.id));
    expect(b.callList.map((k) => k.recordingId)).toEqual(calls.map((c) => c.id));
    const a = (await call<CalibrationDetail>('rev-a', 'GET', `/api/v1/calibrations/${session.id}`)).value;
    expect(JSON.stringify(a)).not.toContain('rev-b note');
    // rev-a submitted: the results are theirs now, with only the answers that are final (rev-b's draft is not).
    const r = (await call<CalibrationResults>('rev-a', 'GET', `/api/v1/calibrations/${session.id}/results`)).value;
    expect(r.reviewers.map((x) => x.name)).toEqual(['rev-a']);
    await call('rev-b', 'POST', `/api/v1/calibrations/${session.id}/answers`, { answers: [], submit: true });
  });
});

describe('results', () => {
  it('puts the answers side by side with the AI\'s and measures agreement with the tested statistics', async () => {
    const r = await call<CalibrationResults>('lena', 'GET', `/api/v1/calibrations/${session.id}/results`);
    expect(r.status).toBe(200);
    const { reviewers, criteria, threshold } = r.value;
    expect(threshold).toBe(0.667);
    expect(reviewers.map((x) => x.name)).toEqual(['rev-a', 'rev-b']);
    const empathy = criteria.find((k) => k.criterionId === 'empathy')!;
    expect(empathy.level).toBe('nominal');
    expect(empathy.calls.map((k) => k.ai)).toEqual(calls.map((c) => ai.get(`${c.id}:empathy`)));
    expect(empathy.calls.map((k) => k.answers)).toEqual(calls.map((c) => [ai.get(`${c.id}:empathy`), flip(ai.get(`${c.id}:empathy`)!)]));
    // Never agreeing: 0 % among reviewers, alpha below the threshold, flagged ambiguous; half the answers match the AI.
    expect(empathy.amongReviewers.percent).toBe(0);
    const matrix = empathy.calls.map((k) => k.answers);
    expect(empathy.amongReviewers.alpha).toBeCloseTo(krippendorffAlpha(matrix, 'nominal')!, 10);
    expect(empathy.amongReviewers.alpha!).toBeLessThan(threshold);
    expect(empathy.ambiguous).toBe(true);
    expect(empathy.reviewersMatchAi).toBe(0.5);
    expect(empathy.withAi.percent).toBeCloseTo(percentAgreement(empathy.calls.map((k) => [...k.answers, k.ai]))!, 10);
    const tone = criteria.find((k) => k.criterionId === 'tone')!;
    expect(tone.level).toBe('ordinal');
    expect(tone.amongReviewers.percent).toBe(1);
    expect(tone.ambiguous).toBe(false);
    expect(tone.reviewersMatchAi).toBe(1);
    expect(criteria.filter((k) => k.ambiguous).map((k) => k.criterionId)).toEqual(['empathy']);
  });

  it('takes the lead\'s consensus and scores each reviewer against it', async () => {
    const path = `/api/v1/calibrations/${session.id}/consensus`;
    for (const c of calls) {
      expect((await call('lena', 'PUT', path, { recordingId: c.id, criterionId: 'empathy', answer: ai.get(`${c.id}:empathy`) })).status).toBe(200);
    }
    expect((await call('lena', 'PUT', path, { recordingId: calls[0]!.id, criterionId: 'tone', answer: 'yes' })).error!.message).toBe('Consensus for tone: a 1–5 criterion takes 1 to 5, not yes.');
    expect((await call('other-lead', 'PUT', path, { recordingId: calls[0]!.id, criterionId: 'empathy', answer: 'yes' })).error!.message).toBe('Only the lead of “May calibration” (lena) can set the consensus.');
    expect((await call('rev-a', 'PUT', path, { recordingId: calls[0]!.id, criterionId: 'empathy', answer: 'yes' })).status).toBe(403);
    const r = (await call<CalibrationResults>('lena', 'GET', `/api/v1/calibrations/${session.id}/results`)).value;
    expect(r.criteria.find((k) => k.criterionId === 'empathy')!.calls.map((k) => k.consensus)).toEqual(calls.map((c) => ai.get(`${c.id}:empathy`)));
    expect(r.reviewers).toEqual([
      { userId: id('rev-a'), name: 'rev-a', matchesConsensus: 1, compared: 4 },
      { userId: id('rev-b'), name: 'rev-b', matchesConsensus: 0, compared: 4 },
    ]);
  });

  it('exports as CSV (a row per criterion and call, a column per reviewer) and as a PDF', async () => {
    const res = await fetch(`${s.origin}/api/v1/calibrations/${session.id}/results.csv`, { headers: { Authorization: `Bearer ${s.tokens.lena}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('calibration-May_calibration.csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Criterion id,Section,Question,Call id,Call,Agent,Reviewer: rev-a,Reviewer: rev-b,AI,Consensus,% agreement (reviewers),Alpha (reviewers),% agreement (with AI),Alpha (with AI),Reviewers matching AI,Ambiguous');
    expect(lines).toHaveLength(1 + 8 * 4);
    const empathy = lines.find((l) => l.startsWith(`empathy,Soft skills,Did the agent show empathy?,${calls[0]!.id},`))!;
    const ai0 = ai.get(`${calls[0]!.id}:empathy`)!;
    expect(empathy).toContain(`,${ai0},${flip(ai0)},${ai0},${ai0},0,`);
    expect(empathy.endsWith(',0.5,true')).toBe(true);
    const pdf = await fetch(`${s.origin}/api/v1/calibrations/${session.id}/results.pdf`, { headers: { Authorization: `Bearer ${s.tokens.lena}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await readAsText(pdf);
    for (const words of ['May calibration', 'Criteria to reword', 'Did the agent show empathy?', 'rev-a', 'rev-b']) expect(text).toContain(words);
    expect((await fetch(`${s.origin}/api/v1/calibrations/${session.id}/results.csv`, { headers: { Authorization: `Bearer ${s.tokens['rev-c']}` } })).status).toBe(403);
  }, 60_000);

  it('is for the lead and those who submitted only', async () => {
    expect((await call('rev-c', 'GET', `/api/v1/calibrations/${session.id}/results`)).error!.message).toBe('The results of “May calibration” open once you submit your scores.');
    expect((await call('other-lead', 'GET', `/api/v1/calibrations/${session.id}/results`)).error!.message).toBe('The results of “May calibration” are for its lead and the reviewers who scored it.');
    expect((await call('agent', 'GET', `/api/v1/calibrations/${session.id}/results`)).status).toBe(403);
  });

  it('closes: no more answers, nobody blind any more, every step audited', async () => {
    const blindBefore = await call('rev-c', 'GET', `/api/v1/recordings/${calls[0]!.id}/analysis`);
    expect(blindBefore.status).toBe(403);
    expect((await call('rev-a', 'POST', `/api/v1/calibrations/${session.id}/close`)).status).toBe(403);
    const closed = await call<CalibrationSummary>('lena', 'POST', `/api/v1/calibrations/${session.id}/close`);
    expect(closed.value).toMatchObject({ status: 'closed' });
    expect((await call('rev-c', 'POST', `/api/v1/calibrations/${session.id}/answers`, { answers: [] })).error!.message).toBe('“May calibration” was closed by its lead; it takes no more answers.');
    expect((await call('rev-c', 'GET', `/api/v1/recordings/${calls[0]!.id}/analysis`)).status).toBe(200);
    const audit = (await call<{ entries: { action: string; actor: string }[] }>('lena', 'GET', '/api/v1/audit?entity=calibration')).value;
    expect(audit.entries.map((a) => `${a.actor} ${a.action}`).reverse()).toEqual([
      'lena create', 'rev-a submit', 'rev-b submit', ...calls.map(() => 'lena consensus'), 'lena close',
    ]);
  });
});

describe('a lead who scores too', () => {
  it('is blind on the session\'s calls like any participant until they submit', async () => {
    const made = await call<CalibrationSummary>('lena', 'POST', '/api/v1/calibrations', { name: 'Lead scores too', rubricId: rubric.id, recordingIds: [calls[1]!.id], participantIds: [id('lena'), id('rev-a')] });
    expect(made.value.me).toEqual({ lead: true, participant: true, submitted: false, seesResults: true });
    const peek = await call('lena', 'GET', `/api/v1/recordings/${calls[1]!.id}/analysis`);
    expect(peek.status).toBe(403);
    expect(peek.error!.message).toBe('You are scoring this call blind in calibration “Lead scores too”; its answers open once you submit your scores.');
    // Another lead, not in it, is not blind.
    expect((await call('other-lead', 'GET', `/api/v1/recordings/${calls[1]!.id}/analysis`)).status).toBe(200);
    await call('lena', 'POST', `/api/v1/calibrations/${made.value.id}/answers`, { answers: answersLike().filter((a) => a.recordingId === calls[1]!.id), submit: true });
    expect((await call('lena', 'GET', `/api/v1/recordings/${calls[1]!.id}/analysis`)).status).toBe(200);
  });
});
