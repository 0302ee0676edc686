import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { prepareExport } from '../../main/exports/run-export.js';
import { generateCalls } from '../helpers/fixtures.js';
import { repoRoot } from '../helpers/serve-process.js';
import { insertFixtureCall, type FixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';
import { date, dateTime } from '../../preload/contract/time-format.js';

/**
 * PDF reports from the fixture calls: page count, extracted text (pdftotext) has the score and the
 * criteria and never the card number, and each page rendered to PNG (pdftoppm) under
 * test-results/reports/ for a person to look at.
 */
const outDir = join(repoRoot, 'test-results', 'reports');
let t: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
const fx: Record<string, FixtureCall> = {};

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  t = await tempCore();
  core = t.core;
  const calls = generateCalls();
  const days = ['2024-05-02T10:15:00', '2024-05-06T11:00:00', '2024-05-09T14:30:00', '2024-05-13T09:45:00'];
  calls.ids.forEach((id, i) => (fx[id] = insertFixtureCall(core.db, calls.truth(id), { callTime: days[i] })));
  // More Dana calls over the month for the agent's trend line.
  for (let i = 0; i < 5; i++) insertFixtureCall(core.db, calls.truth(i % 2 ? 'outage-no-disclosure' : 'billing-refund-good'), { callTime: `2024-05-${String(14 + i * 3).padStart(2, '0')}T10:00:00`, agent: 'Dana Ruiz' });
  core.services.reviews.override(fx['outage-no-disclosure']!.id, 'empathy', '4', 'Test override.', 'local-user');
});
afterAll(() => t.close());

async function exportTo(path: string, name: string): Promise<string> {
  const file = join(outDir, name);
  const out = createWriteStream(file);
  await prepareExport(core, new URL(path, 'http://localhost'), 'test-reviewer').run(out);
  if (!out.writableFinished) await new Promise<void>((r) => out.once('finish', () => r()));
  return file;
}
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
function toPng(file: string): string[] {
  const prefix = file.replace(/\.pdf$/, '');
  for (const f of readdirSync(outDir)) if (join(outDir, f).startsWith(`${prefix}-`) && f.endsWith('.png')) rmSync(join(outDir, f));
  execFileSync('pdftoppm', ['-r', '80', '-png', file, prefix]);
  return readdirSync(outDir).filter((f) => join(outDir, f).startsWith(`${prefix}-`) && f.endsWith('.png'));
}

describe('per-call scorecard report', () => {
  it('card-payment-pii: 3 pages, score and criteria present, card number absent', async () => {
    const c = fx['card-payment-pii']!;
    const file = await exportTo(`/api/v1/recordings/${c.id}/report.pdf`, 'call-card-payment-pii.pdf');
    expect(pages(file)).toBe(3);
    const txt = text(file);
    const flat = txt.replace(/\s+/g, ' ');
    expect(flat).toContain(`${c.analysis.scorecard.scorePct}%`);
    for (const crit of c.analysis.scorecard.criteria) expect(flat).toContain(crit.question.slice(0, 30));
    expect(flat).toContain('Standard call review v1');
    expect(flat).toMatch(/Page 1 of 3/);
    // Times read as everywhere else (preload/contract/time-format.ts): the call's wall-clock time, the generated instant.
    expect(flat).toContain(`Generated ${date(new Date().toISOString())}`.replace(/\s+/g, ' '));
    const { call_time: callTime } = core.db.sqlite.prepare('SELECT call_time FROM recordings WHERE id = ?').get(c.id) as { call_time: string };
    expect(flat).toContain(dateTime(callTime).replace(/\s+/g, ' '));
    expect(flat.toLowerCase()).not.toContain('four five five six');
    expect(flat.replace(/\D/g, '')).not.toContain('4556737586899855');
    expect(flat).toContain('[CARD]');
    expect(toPng(file)).toHaveLength(3);
  });

  it('shows the reviewer override and the final score', async () => {
    const c = fx['outage-no-disclosure']!;
    const file = await exportTo(`/api/v1/recordings/${c.id}/report.pdf`, 'call-outage-no-disclosure.pdf');
    const flat = text(file).replace(/\s+/g, ' ');
    expect(flat).toContain('Reviewer override: AI said 2 / 5');
    expect(flat).toContain('Auto-failed');
    toPng(file);
  });

  it('unredacted only on explicit redact=false, and that is in the audit trail', async () => {
    const c = fx['card-payment-pii']!;
    const file = await exportTo(`/api/v1/recordings/${c.id}/report.pdf?redact=false`, 'call-card-unredacted.pdf');
    expect(text(file).toLowerCase().replace(/\s+/g, ' ')).toContain('four five five six');
    const audit = core.daos.audit.list('recording', String(c.id));
    expect(audit[0]).toMatchObject({ actor: 'test-reviewer', action: 'export_unredacted' });
    expect(JSON.stringify(audit[0]!.newValue)).toContain('report.pdf?redact=false');
    // "redact=no" is not an explicit choice: still redacted, nothing audited.
    const before = core.daos.audit.list('recording', String(c.id)).length;
    const safe = await exportTo(`/api/v1/recordings/${c.id}/report.pdf?redact=no`, 'call-card-redact-no.pdf');
    expect(text(safe).toLowerCase()).not.toContain('four five five six');
    expect(core.daos.audit.list('recording', String(c.id)).length).toBe(before);
  });
});

describe('agent and team reports', () => {
  it('agent report: score over time, strengths/weaknesses, example moments', async () => {
    const file = await exportTo('/api/v1/reports/agent.pdf?agent=Dana%20Ruiz&from=2024-05-01&to=2024-05-31', 'agent-dana.pdf');
    expect(pages(file)).toBeGreaterThanOrEqual(2);
    const flat = text(file).replace(/\s+/g, ' ');
    for (const s of ['Score over time', 'Strengths and weaknesses', 'Example moments', 'To improve', 'Strength', 'Dana Ruiz', '2024-05-01 to 2024-05-31']) expect(flat).toContain(s);
    expect(flat.toLowerCase()).not.toContain('four five five six');
    expect(toPng(file).length).toBe(pages(file));
  });

  it('team summary: agents and criteria', async () => {
    const file = await exportTo('/api/v1/reports/team.pdf?from=2024-05-01&to=2024-05-31', 'team.pdf');
    const flat = text(file).replace(/\s+/g, ' ');
    for (const s of ['Team summary', 'Agents', 'Sam Patel', 'Lee Okafor', 'Pass rate per criterion']) expect(flat).toContain(s);
    toPng(file);
  });
});
