import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { openDatabase } from '../../db/open.js';
import { generateCalls } from '../helpers/fixtures.js';
import { repoRoot } from '../helpers/serve-process.js';
import { insertFixtureCall, type FixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { expect, snap, test } from './fixtures.js';

/**
 * Reports end to end, in real Chromium against the built server: the evidence pack opens offline
 * from a file and its evidence links play the audio from the quoted moment; the Reports view
 * previews and saves (browser download with the token) and lists recent exports.
 */
const outDir = join(repoRoot, 'test-results', 'reports');

/** The page's audio element (the root tsconfig has no DOM lib: type the little we read). */
interface Player { readyState: number; currentTime: number; paused: boolean }
const player = () => (globalThis as unknown as { document: { getElementById(id: string): Player } }).document.getElementById('player');

async function seed(dataDir: string): Promise<FixtureCall[]> {
  const calls = generateCalls();
  // The server has the database open; a second connection (WAL) inserts through the owning DAOs.
  const db = await openDatabase({ file: join(dataDir, 'cca.sqlite'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 1000, logger: pino({ level: 'silent' }) });
  try {
    return ['card-payment-pii', 'billing-refund-good'].map((id) => insertFixtureCall(db, calls.truth(id), { audioPath: calls.file(id, 'wav') }));
  } finally {
    db.close();
  }
}

test('evidence pack opens offline and an evidence link plays the audio from the quote', async ({ app, browser }) => {
  const [card] = await seed(app.dataDir);
  const res = await app.api(`/api/v1/recordings/${card!.id}/evidence.html?audio=true`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-disposition')).toContain('card-payment-pii-evidence.html');
  const html = await res.text();
  expect(html.toLowerCase()).not.toContain('four five five six');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'evidence-card-payment-pii.html');
  writeFileSync(file, html);

  const context = await browser.newContext();
  await context.setOffline(true);
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await expect(page.getByRole('heading', { name: 'Scorecard' })).toBeVisible();
  await expect(page.locator('#transcript')).toContainText('[CARD]');
  await page.waitForFunction(`(${player.toString()})().readyState >= 1`);
  // The verification criterion quotes the card-number turn (redacted): jump to it.
  const quote = card!.analysis.scorecard.criteria.find((c) => c.id === 'identity_verification')!.evidence[0]!;
  const link = page.locator(`a.ev[data-start="${Math.round(quote.start * 100) / 100}"]`).first();
  await expect(link).toContainText('[CARD]');
  await link.click();
  await page.waitForFunction(`Math.abs((${player.toString()})().currentTime - ${quote.start}) < 1.5`);
  const state = (await page.evaluate(`(() => { const a = (${player.toString()})(); return { t: a.currentTime, paused: a.paused }; })()`)) as { t: number; paused: boolean };
  expect(Math.abs(state.t - quote.start)).toBeLessThan(1.5);
  expect(state.paused).toBe(false);
  await expect(page.locator('.seg.playing')).toHaveCount(1);
  // Nothing but the file itself (and its data: audio) was loaded.
  expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  await snap(page, 'evidence-pack-offline');
  await context.close();
});

test('export endpoints: content types, file names, OpenAPI', async ({ app }) => {
  const [card] = await seed(app.dataDir);
  const expectations: [string, string, RegExp][] = [
    ['/api/v1/exports/calls.csv', 'text/csv; charset=utf-8', /filename="calls-\d{4}-\d{2}-\d{2}\.csv"/],
    ['/api/v1/exports/calls.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', /\.xlsx"/],
    ['/api/v1/exports/calls.json', 'application/json; charset=utf-8', /\.json"/],
    [`/api/v1/recordings/${card!.id}/report.pdf`, 'application/pdf', /card-payment-pii-scorecard\.pdf"/],
    [`/api/v1/recordings/${card!.id}/transcript.txt`, 'text/plain; charset=utf-8', /card-payment-pii\.txt"/],
    [`/api/v1/recordings/${card!.id}/transcript.srt`, 'application/x-subrip; charset=utf-8', /card-payment-pii\.srt"/],
    [`/api/v1/recordings/${card!.id}/transcript.vtt`, 'text/vtt; charset=utf-8', /card-payment-pii\.vtt"/],
    [`/api/v1/recordings/${card!.id}/transcript.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', /card-payment-pii\.docx"/],
    ['/api/v1/reports/agent.pdf?agent=Dana%20Ruiz&from=2024-05-01&to=2024-05-31', 'application/pdf', /agent-Dana_Ruiz-2024-05-01-to-2024-05-31\.pdf"/],
    ['/api/v1/reports/team.pdf?from=2024-05-01&to=2024-05-31', 'application/pdf', /team-2024-05-01-to-2024-05-31\.pdf"/],
  ];
  for (const [path, type, name] of expectations) {
    const r = await app.api(path);
    expect(r.status, path).toBe(200);
    expect(r.headers.get('content-type'), path).toBe(type);
    expect(r.headers.get('content-disposition'), path).toMatch(name);
    expect(r.headers.get('x-export-redacted'), path).toBe('true');
    const body = Buffer.from(await r.arrayBuffer());
    expect(body.toString('latin1').toLowerCase(), path).not.toContain('four five five six');
  }
  expect((await app.api('/api/v1/reports/agent.pdf?from=2024-05-01')).status).toBe(400);
  expect((await app.api('/api/v1/recordings/999999/report.pdf')).status).toBe(404);
  expect((await fetch(`${app.origin}/api/v1/exports/calls.csv`)).status).toBe(401);
  const doc = (await (await app.api('/api/v1/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
  for (const p of ['/api/v1/exports/calls.csv', '/api/v1/exports/calls.xlsx', '/api/v1/exports/calls.json', '/api/v1/recordings/{id}/report.pdf', '/api/v1/recordings/{id}/evidence.html',
    '/api/v1/recordings/{id}/transcript.txt', '/api/v1/recordings/{id}/transcript.srt', '/api/v1/recordings/{id}/transcript.vtt', '/api/v1/recordings/{id}/transcript.docx', '/api/v1/reports/agent.pdf', '/api/v1/reports/team.pdf']) {
    expect(doc.paths[p]?.get?.responses['200']?.content, p).toBeTruthy();
  }
});

test('Reports view: preview, save with the token, unredacted warning, recent exports', async ({ app, page, openApp }) => {
  await seed(app.dataDir);
  await openApp(page);
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();
  await page.getByLabel('Report type').selectOption('evidence.html');
  // The call picker finds a call by any part of its file name, agent or date.
  await page.getByLabel('Find a call').fill('card dana');
  await expect(page.getByRole('status').filter({ hasText: 'calls match' })).toHaveText(/^1 of \d+ calls match$/);
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByLabel('Call', { exact: true }).locator('option:checked')).toHaveText(/^card-payment-pii\.wav · Dana Ruiz · \d{4}-\d{2}-\d{2}$/);
  await page.getByRole('button', { name: 'Preview' }).click();
  const frame = page.frameLocator('iframe[title="Report preview"]');
  await expect(frame.getByRole('heading', { name: 'Scorecard' })).toBeVisible();
  await expect(frame.locator('#transcript')).toContainText('[CARD]');
  await snap(page, 'reports-preview-evidence');

  // The PDF previews inline: an <iframe> on a blob: URL, allowed by the CSP's frame-src 'self' blob:
  // (and nothing the CSP blocks on the way: no violation reported).
  const cspViolations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  await page.getByLabel('Report type').selectOption('report.pdf');
  await page.getByRole('button', { name: 'Preview' }).click();
  const pdfFrame = page.locator('iframe.reports-pdf-frame');
  await expect(pdfFrame).toBeVisible();
  expect(await pdfFrame.getAttribute('src')).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
  // Chromium's PDF viewer attaches inside the frame (its extension frame) once the PDF loaded.
  await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://')), { timeout: 15_000 }).toBe(true);
  await page.waitForTimeout(1000);
  expect(cspViolations).toEqual([]);
  await snap(page, 'reports-preview-pdf');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save…' }).click()]);
  expect(download.suggestedFilename()).toBe('card-payment-pii-scorecard.pdf');

  await page.getByLabel('Report type').selectOption('calls.csv');
  await page.getByLabel('Redact personal data').uncheck();
  await expect(page.getByRole('alert')).toContainText('recorded in the audit trail');
  await page.getByRole('button', { name: 'Preview' }).click();
  // The CSV previews as a table: a column per field, numbers rounded.
  const table = page.getByRole('table', { name: 'Report preview' });
  await expect(table.getByRole('columnheader', { name: 'recording_id' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'final_score_pct' })).toBeVisible();
  for (const cell of await table.locator('td.num').allTextContents()) expect(cell).toMatch(/^-?\d+(\.\d{1,6})?$/);
  // Previews are not files anyone keeps: only the saved PDF is a recent export so far.
  const recent = page.getByRole('region', { name: 'Recent exports' });
  await expect(recent.getByRole('row')).toHaveCount(2); // header + the saved pdf
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save…' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  await expect(recent.getByRole('row')).toHaveCount(3); // + the saved csv
  await expect(recent).toContainText('Not redacted');
  await snap(page, 'reports-view');
});
