import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareExport } from '../../main/exports/run-export.js';
import type { AnalysisView } from '../../preload/contract/schemas/analysis.js';
import type { CallList } from '../../preload/contract/schemas/calls.js';
import type { DashboardView } from '../../preload/contract/operations/dashboard.js';
import type { AuditEntryView, ReviewView } from '../../preload/contract/schemas/reviews.js';
import { startCallsHarness, type CallsHarness } from './calls-harness.js';

/**
 * Issue 36, item 2: the call's outcome (and reason) is the AI's reading of the whole call, which a
 * reviewer overrides like any answer — and every view, export and figure then reads the final value:
 * the review, the Calls list row and filter, the Escalation flag, the Dashboard's outcome and reason
 * counts, the CSV and JSON exports and the PDF scorecard. Real core, real SQLite.
 */
let h: CallsHarness;
let id: number;
let ai: AnalysisView['analysis'];
const outDir = mkdtempSync(join(tmpdir(), 'cca-outcome-'));
beforeAll(async () => {
  h = await startCallsHarness({ count: 8, seed: 11, unanalyzedEvery: 4 });
  // A call the AI did not read as escalated, so overriding to escalated raises the flag.
  for (const c of h.calls.filter((x) => x.outcome !== null)) {
    const a = (await h.invoke<AnalysisView>('analysis.get', { id: c.id })).analysis;
    if (a.outcome !== 'escalated') { id = c.id; ai = a; break; }
  }
});
afterAll(async () => {
  await h?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const row = async () => (await h.invoke<CallList>('calls.list', { limit: 50 })).items.find((r) => r.id === id)!;
const count = (rows: { value: string; count: number }[], value: string) => rows.find((r) => r.value === value)?.count ?? 0;
async function exported(path: string, name: string): Promise<string> {
  const file = join(outDir, name);
  const out = createWriteStream(file);
  await prepareExport(h.core, new URL(path, 'http://localhost'), 'test-reviewer').run(out);
  if (!out.writableFinished) await new Promise<void>((r) => out.once('finish', () => r()));
  return file;
}

describe('overriding the outcome', () => {
  let before: DashboardView;
  beforeAll(async () => { before = await h.invoke<DashboardView>('dashboard.get', {}); });

  it('the review shows the AI outcome and reason, not overridden, before any change', async () => {
    const v = await h.invoke<ReviewView>('reviews.get', { id });
    expect(v.outcome).toEqual({ outcome: ai.outcome, callReason: ai.callReason, aiOutcome: ai.outcome, aiCallReason: ai.callReason, override: null });
  });

  it('needs a comment', async () => {
    const r = await h.core.registry.invoke('reviews.overrideOutcome', { id, outcome: 'escalated', comment: ' ' });
    expect(!r.ok && r.error.category).toBe('invalid_input');
  });

  it('stores the final outcome and reason, audited, and every figure follows', async () => {
    const v = await h.invoke<ReviewView>('reviews.overrideOutcome', { id, outcome: 'escalated', callReason: 'Refund dispute passed to billing', comment: 'Handed to a supervisor at 4:10.' });
    expect(v.outcome).toMatchObject({ outcome: 'escalated', callReason: 'Refund dispute passed to billing', aiOutcome: ai.outcome, aiCallReason: ai.callReason, override: { comment: 'Handed to a supervisor at 4:10.' } });
    // Not a criterion override: the score and the criteria's overrides are untouched.
    expect(v.overrides).toEqual([]);
    expect(v.finalScore!.overridden).toBe(0);

    const r = await row();
    expect(r.outcome).toBe('escalated');
    expect(r.flags).toContain('escalation');
    const filtered = await h.invoke<CallList>('calls.list', { outcome: 'escalated', limit: 50 });
    expect(filtered.items.map((x) => x.id)).toContain(id);

    const after = await h.invoke<DashboardView>('dashboard.get', {});
    expect(count(after.outcomes, 'escalated')).toBe(count(before.outcomes, 'escalated') + 1);
    expect(count(after.outcomes, ai.outcome)).toBe(count(before.outcomes, ai.outcome) - 1);
    expect(count(after.topReasons, 'refund dispute passed to billing')).toBe(1);

    const audit = await h.invoke<AuditEntryView[]>('reviews.audit', { id });
    expect(audit[0]).toMatchObject({ action: 'override_outcome', oldValue: { outcome: ai.outcome, callReason: ai.callReason, source: 'ai' }, newValue: { outcome: 'escalated', comment: 'Handed to a supervisor at 4:10.' } });
  });

  it('the CSV, JSON and PDF exports read the final outcome and reason', async () => {
    const csv = readFileSync(await exported(`/api/v1/exports/calls.csv?ids=${id}`, 'calls.csv'), 'utf8');
    const [head, line] = csv.trim().split(/\r?\n/);
    const cols = head!.split(',');
    const cells = line!.split(',');
    expect(cells[cols.indexOf('outcome')]).toBe('escalated');
    expect(line).toContain('Refund dispute passed to billing');

    const json = JSON.parse(readFileSync(await exported(`/api/v1/exports/calls.json?ids=${id}`, 'calls.json'), 'utf8')) as { outcome: string; callReason: string; analysis: { outcome: string } }[];
    expect(json[0]).toMatchObject({ outcome: 'escalated', callReason: 'Refund dispute passed to billing', analysis: { outcome: ai.outcome } });

    const pdf = execFileSync('pdftotext', [await exported(`/api/v1/recordings/${id}/report.pdf?redact=false`, 'call.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdf).toMatch(/Escalated\*/);
    expect(pdf).toContain(`AI said ${ai.outcome.charAt(0).toUpperCase()}${ai.outcome.slice(1)}`);
    expect(pdf).toContain('Reason for the call: Refund dispute passed to billing*');
  });

  it('leaving the reason out keeps the overridden reason; choosing the AI outcome again is no override', async () => {
    let v = await h.invoke<ReviewView>('reviews.overrideOutcome', { id, outcome: 'callback', comment: 'Agreed to ring back.' });
    expect(v.outcome).toMatchObject({ outcome: 'callback', callReason: 'Refund dispute passed to billing' });
    v = await h.invoke<ReviewView>('reviews.overrideOutcome', { id, outcome: ai.outcome, callReason: ai.callReason, comment: 'The AI was right after all.' });
    expect(v.outcome).toMatchObject({ outcome: ai.outcome, callReason: ai.callReason, override: null });
    expect((await row()).outcome).toBe(ai.outcome);
  });

  it('clearing goes back to the AI and is audited', async () => {
    await h.invoke<ReviewView>('reviews.overrideOutcome', { id, outcome: 'unresolved', comment: 'Nothing was fixed.' });
    expect((await row()).outcome).toBe('unresolved');
    const v = await h.invoke<ReviewView>('reviews.clearOutcomeOverride', { id });
    expect(v.outcome).toMatchObject({ outcome: ai.outcome, override: null });
    expect((await row()).outcome).toBe(ai.outcome);
    expect((await row()).flags).not.toContain('escalation');
    const audit = await h.invoke<AuditEntryView[]>('reviews.audit', { id });
    expect(audit[0]).toMatchObject({ action: 'clear_outcome_override', oldValue: { outcome: 'unresolved' }, newValue: { outcome: ai.outcome, source: 'ai' } });
  });

  it('a call without an analysis has no outcome to override', async () => {
    const unanalysed = h.calls.find((c) => c.outcome === null)!;
    expect((await h.invoke<ReviewView>('reviews.get', { id: unanalysed.id })).outcome).toBeNull();
    const r = await h.core.registry.invoke('reviews.overrideOutcome', { id: unanalysed.id, outcome: 'resolved', comment: 'x' });
    expect(!r.ok && r.error.message).toMatch(/not been analysed/);
  });
});
