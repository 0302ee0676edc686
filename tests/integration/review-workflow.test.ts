import { localAdmin } from '../../main/contract/registry.js';
import { JobsDao } from '../../db/dao/jobs-dao.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysesDao } from '../../db/dao/analyses-dao.js';
import { totals } from '../../main/analysis/scoring.js';
import type { AnalysisView, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import type { CallList } from '../../preload/contract/schemas/calls.js';
import type { DashboardView } from '../../preload/contract/operations/dashboard.js';
import { applyTranscriptEdits, type AuditEntryView, type ReviewView } from '../../preload/contract/schemas/reviews.js';
import type { TranscriptView } from '../../preload/contract/operations/transcripts.js';
import { startCallsHarness, type CallsHarness } from './calls-harness.js';

/**
 * The reviewer workflow end to end through the registry against real SQLite: overrides recompute the
 * final score with the app's scoring function and reach the Calls list, the dashboard and a
 * re-analysis (SQL triggers); review state, comments and transcript corrections are audited; a
 * correction is searchable and never overwrites the provider's text.
 */
let h: CallsHarness;
let id: number;
beforeAll(async () => {
  h = await startCallsHarness({ count: 6, seed: 7, unanalyzedEvery: 0 });
  id = h.calls[0]!.id;
});
afterAll(() => h?.close());

const review = (name: string, input: Record<string, unknown>) => h.invoke<ReviewView>(name, { id, ...input });
const listRow = async () => (await h.invoke<CallList>('calls.list', { limit: 50 })).items.find((r) => r.id === id)!;
const row = (sql: string, ...p: unknown[]) => h.core.db.sqlite.prepare(sql).get(...p) as Record<string, unknown>;

/** The expected final score: the scorecard with the given answers, through main/analysis/scoring.ts. */
function expected(criteria: ScorecardCriterion[], answers: Record<string, string>) {
  return totals(criteria.map((c) => (answers[c.id] ? { ...c, answer: answers[c.id] as ScorecardCriterion['answer'] } : c))).scorePct;
}

describe('overrides and the final score', () => {
  let criteria: ScorecardCriterion[];
  let target: ScorecardCriterion;
  let flipped: 'yes' | 'no';
  beforeAll(async () => {
    criteria = (await h.invoke<AnalysisView>('analysis.get', { id })).analysis.scorecard.criteria;
    // A non-auto-fail yes/no criterion, so the score moves by its weight rather than to 0.
    target = criteria.find((c) => c.type === 'yes_no' && !c.autoFail)!;
    flipped = target.answer === 'yes' ? 'no' : 'yes';
  });

  it('before any override the final score is the AI score', async () => {
    const v = await review('reviews.get', {});
    expect(v.finalScore!.scorePct).toBe(v.finalScore!.aiScorePct);
    expect(v.finalScore!.overridden).toBe(0);
  });

  it('an override needs a comment', async () => {
    const r = await h.core.registry.invoke('reviews.override', { id, criterionId: target.id, answer: flipped, comment: '  ' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.category).toBe('invalid_input');
  });

  it('a 1–5 criterion cannot be answered yes/no', async () => {
    const scale = criteria.find((c) => c.type === 'scale_1_5')!;
    const r = await h.core.registry.invoke('reviews.override', { id, criterionId: scale.id, answer: 'yes', comment: 'x' });
    expect(!r.ok && r.error.category).toBe('invalid_input');
  });

  it('recomputes the score with scoring.ts, updates list + criteria table, audits old → new', async () => {
    const v = await review('reviews.override', { criterionId: target.id, answer: flipped, comment: 'Heard it at 0:12.' });
    const want = expected(criteria, { [target.id]: flipped });
    expect(v.finalScore!.scorePct).toBe(want);
    expect(v.finalScore!.scorePct).not.toBe(v.finalScore!.aiScorePct);
    expect(v.overrides).toEqual([expect.objectContaining({ criterionId: target.id, answer: flipped, aiAnswer: target.answer, comment: 'Heard it at 0:12.' })]);
    expect((await listRow()).scorePct).toBe(want);
    expect(row('SELECT final_answer, overridden FROM call_criteria WHERE recording_id = ? AND criterion_id = ?', id, target.id)).toEqual({ final_answer: flipped, overridden: 1 });
    const audit = await h.invoke<AuditEntryView[]>('reviews.audit', { id });
    expect(audit[0]).toMatchObject({ action: 'override', actor: localAdmin.actor, oldValue: { criterionId: target.id, answer: target.answer }, newValue: { answer: flipped } });
  });

  it('the dashboard counts the override for that criterion', async () => {
    const d = await h.invoke<DashboardView>('dashboard.get', {});
    expect(d.overrideRate.find((x) => x.criterionId === target.id)!.overridden).toBe(1);
    expect(d.overview.calls).toBe(6);
  });

  it('survives a re-analysis: the call projection re-applies the override and agrees with scoring.ts', async () => {
    const dao = new AnalysesDao(h.core.db);
    const cur = dao.latest(id)!;
    // A new analysis whose AI answers differ elsewhere (another criterion flipped too).
    const other = criteria.find((c) => c.type === 'yes_no' && c.id !== target.id && !c.autoFail)!;
    const newCriteria = cur.body.scorecard.criteria.map((c) => (c.id === other.id ? { ...c, answer: (c.answer === 'yes' ? 'no' : 'yes') as ScorecardCriterion['answer'] } : c));
    const t = totals(newCriteria);
    const { id: _drop, ...rest } = cur;
    // Stored as the analyze step stores it: in its job's completion (a step of its own, so the running queue leaves it alone).
    const jobs = new JobsDao(h.core.db, h.core.calls);
    jobs.enqueue(id, ['reanalysis_test'], Date.now());
    const [job] = jobs.claim({ steps: ['reanalysis_test'], limit: 1, now: Date.now(), owner: 'test', leaseMs: 60_000 });
    jobs.complete(job!, {
      now: Date.now(), durationMs: 1, costUsd: null, unlock: () => [],
      persist: () => dao.insert({ ...rest, promptVersion: 'reanalysis-test', scorePct: t.scorePct, autoFailed: t.autoFailed, body: { ...cur.body, scorecard: { ...cur.body.scorecard, ...t, criteria: newCriteria } } }),
    });
    const want = expected(newCriteria, { [target.id]: flipped });
    expect((await listRow()).scorePct).toBe(want);
    expect((await review('reviews.get', {})).finalScore!.scorePct).toBe(want);
    expect(row('SELECT final_answer, overridden FROM call_criteria WHERE recording_id = ? AND criterion_id = ?', id, target.id)).toEqual({ final_answer: flipped, overridden: 1 });
  });

  it('clearing the override goes back to the AI answer and score', async () => {
    const v = await review('reviews.clearOverride', { criterionId: target.id });
    expect(v.overrides).toEqual([]);
    expect(v.finalScore!.scorePct).toBe(v.finalScore!.aiScorePct);
    expect((await listRow()).scorePct).toBe(v.finalScore!.aiScorePct);
    expect((await h.invoke<AuditEntryView[]>('reviews.audit', { id }))[0]!.action).toBe('clear_override');
  });
});

describe('review state and comments', () => {
  it('mark reviewed / unreviewed reaches the list filter and the audit trail', async () => {
    expect((await review('reviews.setReviewed', { reviewed: true })).reviewed).toBe(true);
    const reviewed = await h.invoke<CallList>('calls.list', { reviewed: 'reviewed' });
    expect(reviewed.items.map((r) => r.id)).toEqual([id]);
    expect((await review('reviews.setReviewed', { reviewed: false })).reviewedAt).toBeNull();
    expect((await h.invoke<CallList>('calls.list', { reviewed: 'reviewed' })).total).toBe(0);
    const actions = (await h.invoke<AuditEntryView[]>('reviews.audit', { id })).map((a) => a.action);
    expect(actions.slice(0, 2)).toEqual(['mark_unreviewed', 'mark_reviewed']);
  });

  it('timestamped comments are added and removed, the audit keeps the text', async () => {
    const v = await review('reviews.addComment', { text: 'Good recovery after the hold.', atSec: 41.5 });
    expect(v.comments).toEqual([expect.objectContaining({ text: 'Good recovery after the hold.', atSec: 41.5, actor: localAdmin.actor })]);
    const after = await review('reviews.deleteComment', { commentId: v.comments[0]!.id });
    expect(after.comments).toEqual([]);
    expect((await h.invoke<AuditEntryView[]>('reviews.audit', { id }))[0]).toMatchObject({ action: 'delete_comment', oldValue: { text: 'Good recovery after the hold.' } });
  });
});

describe('transcript corrections', () => {
  const search = async (q: string) => (await h.invoke<CallList>('calls.list', { q })).items.map((r) => r.id);

  it('are edits over the provider text, searchable, kept through a speaker swap, and removable', async () => {
    const before = await h.invoke<TranscriptView>('transcripts.get', { id });
    const seg = before.transcript.segments[1]!;
    const v = await review('reviews.editTranscript', { segmentIndex: 1, text: `${seg.text} zanzibar` });
    expect(v.edits).toEqual([expect.objectContaining({ segmentIndex: 1, originalText: seg.text, text: `${seg.text} zanzibar` })]);
    // The provider's transcript is untouched; the edit applies on top.
    expect((await h.invoke<TranscriptView>('transcripts.get', { id })).transcript.segments[1]!.text).toBe(seg.text);
    expect(applyTranscriptEdits(before.transcript, v.edits).segments[1]!.text).toBe(`${seg.text} zanzibar`);
    expect(await search('zanzibar')).toEqual([id]);

    // Swapping speakers rewrites the transcript body and re-indexes it: the correction must stay searchable.
    await h.invoke('transcripts.updateSpeakers', { id, swapRoles: true });
    expect(await search('zanzibar')).toEqual([id]);

    const audit = await h.invoke<AuditEntryView[]>('reviews.audit', { id });
    expect(audit.find((a) => a.action === 'edit_transcript')).toMatchObject({ oldValue: { text: seg.text }, newValue: { text: `${seg.text} zanzibar` } });

    const reverted = await review('reviews.editTranscript', { segmentIndex: 1, text: seg.text });
    expect(reverted.edits).toEqual([]);
    expect(await search('zanzibar')).toEqual([]);
    expect((await h.invoke<CallList>('calls.list', { q: seg.text })).items.map((r) => r.id)).toContain(id);
  });

  it('an edit whose segment text changed since (re-transcribed) is not applied', () => {
    const t = { language: 'en', durationSec: 4, speakers: [], segments: [{ speaker: 's', role: 'agent' as const, start: 0, end: 2, text: 'hello there', words: [
      { text: 'hello', start: 0, end: 1, confidence: 1, speaker: 's' }, { text: 'there', start: 1, end: 2, confidence: 1, speaker: 's' }] }] };
    expect(applyTranscriptEdits(t, [{ segmentIndex: 0, originalText: 'something else', text: 'x' }]).segments[0]!.text).toBe('hello there');
    const same = applyTranscriptEdits(t, [{ segmentIndex: 0, originalText: 'hello there', text: 'hello dare' }]).segments[0]!;
    expect(same.words.map((w) => [w.text, w.start])).toEqual([['hello', 0], ['dare', 1]]);
    const more = applyTranscriptEdits(t, [{ segmentIndex: 0, originalText: 'hello there', text: 'oh hello there' }]).segments[0]!;
    expect(more.words.map((w) => w.start)).toEqual([0, 2 / 3, 4 / 3]);
  });
});
