import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCalls } from '../helpers/fixtures.js';
import { exportApp } from '../helpers/export-app.js';
import type { ServedApp } from '../helpers/serve-process.js';

/**
 * A transcript turn that is one 100,000-character "word" (issue 11 item 3: report.pdf was quadratic
 * in it, 10+ minutes at 3.9 GB). Against the real server: the PDF and the DOCX answer in seconds,
 * show the truncation marker, health stays under 1 s meanwhile and RSS grows < 256 MB.
 */
const WORD = 'x'.repeat(100_000);
let app: ServedApp;
let recId: number;
let served: Awaited<ReturnType<typeof exportApp>>;
const outDir = mkdtempSync(join(tmpdir(), 'cca-hostile-out-'));

beforeAll(async () => {
  const calls = generateCalls();
  const truth = structuredClone(calls.truth(calls.ids[0]!));
  truth.turns[1]!.text = `before ${WORD} after`;
  served = await exportApp(truth, calls.truth(calls.ids[0]!));
  ({ app, id: recId } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

async function exportWhilePolling(path: string): Promise<{ body: Buffer; ms: number; maxHealthMs: number; rssGrowthMb: number; status: number }> {
  const pid = app.proc.pid!;
  const rss0 = rssKb(pid);
  let peak = rss0;
  let maxHealthMs = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t0 = performance.now();
      const r = await app.api('/api/v1/health');
      await r.arrayBuffer();
      maxHealthMs = Math.max(maxHealthMs, performance.now() - t0);
      peak = Math.max(peak, rssKb(pid));
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  const t0 = performance.now();
  const res = await app.api(path);
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t0;
  done = true;
  await poll;
  peak = Math.max(peak, rssKb(pid));
  return { body, ms, maxHealthMs, rssGrowthMb: (peak - rss0) / 1024, status: res.status };
}

describe('exports of a transcript with a 100,000-character word', () => {
  it('report.pdf: a valid PDF in seconds, marker visible, health < 1 s, RSS < 256 MB', async () => {
    const r = await exportWhilePolling(`/api/v1/recordings/${recId}/report.pdf`);
    console.log(`report.pdf: ${Math.round(r.ms)} ms, ${r.body.length} bytes, max health ${Math.round(r.maxHealthMs)} ms, RSS +${Math.round(r.rssGrowthMb)} MB`);
    expect(r.status).toBe(200);
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.ms).toBeLessThan(5000);
    expect(r.maxHealthMs).toBeLessThan(1000);
    expect(r.rssGrowthMb).toBeLessThan(256);
    const file = join(outDir, 'r.pdf');
    writeFileSync(file, r.body);
    const txt = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(txt).toMatch(/truncated, 99,\d{3} characters omitted/);
    expect(txt).toContain('before xxxxxxxx');
  }, 60_000);

  it('transcript.docx: a valid DOCX in seconds with the marker, health < 1 s', async () => {
    const r = await exportWhilePolling(`/api/v1/recordings/${recId}/transcript.docx`);
    console.log(`transcript.docx: ${Math.round(r.ms)} ms, ${r.body.length} bytes, max health ${Math.round(r.maxHealthMs)} ms, RSS +${Math.round(r.rssGrowthMb)} MB`);
    expect(r.status).toBe(200);
    expect(r.body.subarray(0, 2).toString()).toBe('PK');
    expect(r.ms).toBeLessThan(5000);
    expect(r.maxHealthMs).toBeLessThan(1000);
    expect(r.rssGrowthMb).toBeLessThan(256);
    const file = join(outDir, 't.docx');
    writeFileSync(file, r.body);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toMatch(/truncated, 99,\d{3} characters omitted/);
  }, 60_000);
});
