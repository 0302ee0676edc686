import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewsDao } from '../../db/dao/reviews-dao.js';
import { TranscriptsDao } from '../../db/dao/transcripts-dao.js';
import type { Core } from '../../main/core.js';
import { exportCalls } from '../../main/exports/data/export-calls.js';
import { prepareExport } from '../../main/exports/run-export.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { generateCalls } from '../helpers/fixtures.js';
import { repoRoot } from '../helpers/serve-process.js';
import { collector } from '../unit/exports/helpers/collect.js';
import { insertFixtureCall, type FixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';

/**
 * The reviewer's transcript corrections and speaker names in every transcript-bearing export
 * (TXT, SRT, VTT, DOCX, evidence pack, per-call PDF appendix, JSON): the corrected wording is there,
 * the provider's wording it replaced is not (not even in evidence quotes), the reviewer's speaker
 * name labels the turns, and a card number that only a correction introduced is still masked
 * (PII is detected on the corrected text).
 */
let t: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let fx: FixtureCall;
const outDir = join(repoRoot, 'test-results', 'reports');

// billing-refund-good: segment 5 is a misheard turn, segment 7 gains a card number by correction.
const ORIGINAL_5 = 'Thank you so much';
const CORRECTED_5 = 'Oh great, that was very quick. Thanks a million.';
const CARD = '4111 1111 1111 1111';
const CORRECTED_7 = `No, that is everything. Actually, my new card is ${CARD} for the next bill.`;
const ORIGINAL_7 = 'Have a nice day';
const AGENT_NAME = 'Dana R. (QA renamed)';

beforeAll(async () => {
  t = await tempCore();
  core = t.core;
  fx = insertFixtureCall(core.db, generateCalls().truth('billing-refund-good'));
  const segs = fx.transcript.segments;
  expect(segs[5]!.text).toContain(ORIGINAL_5);
  expect(segs[7]!.text).toContain(ORIGINAL_7);
  // A speaker rename, stored the way transcripts.updateSpeakers stores it (in the transcript body).
  const transcripts = new TranscriptsDao(core.db);
  const row = transcripts.get(fx.id)!;
  const body: NormalizedTranscript = { ...row.body, speakers: row.body.speakers.map((s) => (s.role === 'agent' ? { ...s, name: AGENT_NAME } : s)) };
  transcripts.updateBody(fx.id, body, `${row.contentHash}-renamed`);
  const reviews = new ReviewsDao(core.db);
  reviews.upsertEdit(fx.id, { segmentIndex: 5, originalText: segs[5]!.text, text: CORRECTED_5, actor: 'reviewer' });
  reviews.upsertEdit(fx.id, { segmentIndex: 7, originalText: segs[7]!.text, text: CORRECTED_7, actor: 'reviewer' });
  mkdirSync(outDir, { recursive: true });
});
afterAll(() => t.close());

async function exported(path: string): Promise<Buffer> {
  const c = collector();
  await prepareExport(core, new URL(path, 'http://localhost'), 'test-reviewer').run(c.out);
  return c.buffer();
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
const digits = (s: string) => s.replace(/\D/g, '');

function expectCorrected(text: string, opts: { speakerName?: boolean } = {}) {
  const f = flat(text);
  expect(f).toContain('Thanks a million');
  expect(f).not.toContain(ORIGINAL_5);
  expect(f).toContain('Actually, my new card is');
  expect(f).not.toContain(ORIGINAL_7);
  // The card number a correction added is masked like any other.
  expect(digits(f)).not.toContain('4111111111111111');
  expect(f).not.toContain(CARD);
  expect(f).toContain('[CARD]');
  if (opts.speakerName !== false) expect(f).toContain(AGENT_NAME);
}

describe('transcript corrections and speaker names in exports', () => {
  it('TXT', async () => {
    const txt = (await exported(`/api/v1/recordings/${fx.id}/transcript.txt`)).toString('utf8');
    expectCorrected(txt);
    expect(txt).toMatch(/\] Dana R\. \(QA renamed\) \(Agent\): /);
  });

  it('SRT', async () => {
    const srt = (await exported(`/api/v1/recordings/${fx.id}/transcript.srt`)).toString('utf8');
    expectCorrected(srt);
    expect(srt).toContain(`${AGENT_NAME}: `);
  });

  it('VTT', async () => {
    const vtt = (await exported(`/api/v1/recordings/${fx.id}/transcript.vtt`)).toString('utf8');
    expectCorrected(vtt);
    expect(vtt).toContain(`<v ${AGENT_NAME}>`);
  });

  it('DOCX: speaker labels, timestamps, corrections, redaction (word/document.xml)', async () => {
    const buf = await exported(`/api/v1/recordings/${fx.id}/transcript.docx`);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const file = join(outDir, 'transcript-corrected.docx');
    writeFileSync(file, buf);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    const text = xml.replace(/<w:p[ >][^]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, '');
    expectCorrected(text);
    expect(text).toMatch(/\[0:00\] Dana R\. \(QA renamed\) \(Agent\): Thank you for calling Northwind Energy/);
    expect(text).toContain('Customer: Hi Dana.');
    expect(text).toContain('Personal data masked.');
  });

  it('evidence pack (transcript and evidence quotes)', async () => {
    const html = (await exported(`/api/v1/recordings/${fx.id}/evidence.html`)).toString('utf8');
    expectCorrected(html);
    // The criterion that quoted the misheard turn now quotes the corrected text.
    expect(html).toMatch(/<a class="ev"[^>]*>[^<]*<span class="ts">[^<]*<\/span> “Oh great, that was very quick\. Thanks a million\.”/);
  });

  it('per-call PDF (transcript appendix and evidence)', async () => {
    const buf = await exported(`/api/v1/recordings/${fx.id}/report.pdf`);
    const file = join(outDir, 'call-corrected.pdf');
    writeFileSync(file, buf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expectCorrected(text);
  });

  it('JSON export of the call', async () => {
    const c = collector();
    await exportCalls('json', c.out, { daos: core.daos, query: { ids: [fx.id] }, redactCategories: core.config.settings.redactCategories });
    const [rec] = JSON.parse(c.buffer().toString('utf8')) as { transcript: NormalizedTranscript; analysis: unknown }[];
    expectCorrected(JSON.stringify(rec));
    expect(rec!.transcript.segments[5]!.text).toBe(CORRECTED_5);
    expect(rec!.transcript.segments[7]!.text).toContain('[CARD]');
    expect(rec!.transcript.speakers.find((s) => s.role === 'agent')!.name).toBe(AGENT_NAME);
  });

  it('unredacted exports show the corrected text with the number as typed', async () => {
    const txt = (await exported(`/api/v1/recordings/${fx.id}/transcript.txt?redact=false`)).toString('utf8');
    expect(txt).toContain(CORRECTED_7);
    expect(txt).not.toContain(ORIGINAL_5);
  });
});
