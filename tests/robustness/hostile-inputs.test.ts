import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import * as corpus from './corpus.js';
import { type Answer, measured, multipart, multipartHeaders, raw, type Part } from './harness.js';

/**
 * Issue 11's hostile-input suite: every input against ONE real server process. For each: the process
 * stays up, health keeps answering while the input is handled (the 1 s target: `npm run bench -- hostile`), the answer is a specific error (never
 * `internal`) in the {ok:false,error:{category,message,hint}} envelope or a per-file failure, RSS grows
 * under 256 MB, and a good WAV in the same batch still imports. A table of figures is printed at the end.
 */
let app: ServedApp;
let recordingId: number;
let seed = 1;
const rows: { input: string; maxHealthMs: number; rssGrowthMb: number; answer: string }[] = [];
/** Longer than any health answer while an input is handled, however loaded the machine: a hang. */
const HANG_MS = 10_000;

beforeAll(async () => {
  ensureBuilt();
  app = await startServedApp();
  const up = await raw(app, 'POST', '/api/v1/recordings', multipartHeaders, multipart([{ field: 'files', filename: 'base.wav', data: corpus.goodWav(seed++) }]));
  recordingId = up.body.value.results[0].recordingId;
});
afterAll(async () => {
  console.table(rows);
  await app?.stop();
});

function expectSpecific(error: any, where: string): string {
  expect(error, where).toMatchObject({ category: expect.any(String), message: expect.any(String), hint: expect.any(String) });
  expect(error.category, `${where}: ${error.message}`).not.toBe('internal');
  expect(error.message.length, where).toBeGreaterThan(10);
  return error.category as string;
}

/** Runs one input under measurement and checks the invariants every input shares. */
async function hostile(input: string, work: () => Promise<string>): Promise<void> {
  let failure: unknown;
  const m = await measured(app, () => work().catch((e: unknown) => ((failure = e), `FAIL: ${String((e as Error).message).slice(0, 60)}`)));
  rows.push({ input, maxHealthMs: m.maxHealthMs, rssGrowthMb: m.rssGrowthMb, answer: m.value });
  if (failure) throw failure;
  expect(app.proc.exitCode, `server died on ${input}:\n${app.stderr().slice(-2000)}`).toBeNull();
  expect(m.healthFailures, 'health requests that failed').toBe(0);
  // A hang bound, not a speed target: on a loaded 2-core machine a busy second is not a defect, a
  // server that stops answering is. The 1 s target is measured by `npm run bench -- hostile`, beside
  // an idle baseline from the same run; the figure of every input is in the table printed at the end.
  expect(m.maxHealthMs, 'max health latency (ms)').toBeLessThan(HANG_MS);
  expect(m.rssGrowthMb, 'RSS growth (MB)').toBeLessThan(256);
}

/** Uploads the hostile parts with a good WAV after them; the good one must import. */
async function uploadWithGood(parts: Part[], opts: { close?: boolean } = {}): Promise<{ answer: Answer; good?: any; others: any[] }> {
  const goodName = `good-${seed}.wav`;
  const answer = await raw(app, 'POST', '/api/v1/recordings', multipartHeaders, multipart([...parts, { field: 'files', filename: goodName, data: corpus.goodWav(seed++) }], opts));
  const results: any[] = answer.body?.value?.results ?? [];
  return { answer, good: results.find((r) => r.fileName === goodName), others: results.filter((r) => r.fileName !== goodName) };
}

async function hostileFile(input: string, name: string, data: Buffer): Promise<void> {
  await hostile(input, async () => {
    const { answer, good, others } = await uploadWithGood([{ field: 'files', filename: name, data }]);
    expect(answer.body?.ok, JSON.stringify(answer).slice(0, 500)).toBe(true);
    expect(good?.ok, JSON.stringify(good)).toBe(true);
    expect(others).toHaveLength(1);
    expect(others[0].ok, JSON.stringify(others[0])).toBe(false);
    return expectSpecific(others[0].error, input);
  });
}

async function transcript(input: string, name: string, data: Buffer): Promise<void> {
  await hostile(input, async () => {
    const a = await raw(app, 'POST', `/api/v1/recordings/${recordingId}/transcript`, multipartHeaders, multipart([{ field: 'file', filename: name, data }]));
    expect(a.status, JSON.stringify(a.body).slice(0, 300)).toBe(400);
    expect(a.body.error.message).toMatch(/limit|levels/);
    return expectSpecific(a.body.error, input);
  });
}

describe('hostile inputs against one server', () => {
  it('a multipart cut off before its closing boundary: invalid_input, the server stays up', async () => {
    await hostile('cut-off multipart', async () => {
      const body = multipart([{ field: 'files', filename: 'a.wav', data: Buffer.from('RIFF') }], { close: false }).subarray(0, -2);
      const a = await raw(app, 'POST', '/api/v1/recordings', multipartHeaders, body);
      expect(a.body?.ok, JSON.stringify(a)).toBe(false);
      expect(a.status).toBe(400);
      return expectSpecific(a.body.error, 'cut-off');
    });
    const after = await uploadWithGood([]);
    expect(after.good?.ok).toBe(true);
  });

  it('a multipart truncated mid-part after a complete good file', async () => {
    await hostile('truncated multipart', async () => {
      const body = Buffer.concat([multipart([{ field: 'files', filename: `t-${seed}.wav`, data: corpus.goodWav(seed++) }], { close: false }), multipart([{ field: 'files', filename: 'b.wav', data: corpus.goodWav(seed++) }], { close: false }).subarray(0, 300)]);
      const a = await raw(app, 'POST', '/api/v1/recordings', multipartHeaders, body);
      expect(a.body?.ok, JSON.stringify(a)).toBe(false);
      return expectSpecific(a.body.error, 'truncated');
    });
  });

  it('a 10,000-part multipart', async () => {
    await hostile('10,000 parts', async () => {
      const parts: Part[] = Array.from({ length: 10_000 }, (_, i) => ({ field: 'files', filename: `p${i}.wav`, data: Buffer.alloc(0) }));
      const { answer, good, others } = await uploadWithGood(parts);
      if (answer.body?.ok === false) return expectSpecific(answer.body.error, '10,000 parts');
      expect(good?.ok, JSON.stringify(answer.body).slice(0, 300)).toBe(true);
      expect(others.every((r) => r.ok === false)).toBe(true);
      return expectSpecific(others[0].error, '10,000 parts');
    });
  });

  it('a 5,000-character file name', async () => {
    await hostile('5,000-char name', async () => {
      const { answer, good, others } = await uploadWithGood([{ field: 'files', filename: `${'n'.repeat(5000)}.wav`, data: corpus.goodWav(seed++) }]);
      expect(answer.body?.ok, JSON.stringify(answer).slice(0, 300)).toBe(true);
      expect(good?.ok).toBe(true);
      expect(others[0].ok, JSON.stringify(others[0]).slice(0, 300)).toBe(true);
      expect(others[0].fileName.length).toBeLessThanOrEqual(255);
      return 'imported (name shortened)';
    });
  });

  it('a NUL byte in a part header: a specific invalid_input (busboy refuses the header)', async () => {
    await hostile('NUL in file name', async () => {
      const { answer } = await uploadWithGood([{ field: 'files', rawName: Buffer.from('nul\u0000x.wav'), data: corpus.goodWav(seed++) }]);
      if (answer.body?.ok === true) return 'imported';
      expect(answer.status, JSON.stringify(answer)).toBe(400);
      return expectSpecific(answer.body.error, 'NUL name');
    });
  });

  it('names with bidi overrides and C1 controls import with those characters removed; UTF-8 names stay as sent', async () => {
    await hostile('bidi/C1 names', async () => {
      const names = ['rtl\u202Evaw.exe.wav', 'c1\u0085\u009bx.wav', 'Müller ☎ 通話.wav'];
      const { answer, good, others } = await uploadWithGood(names.map((n) => ({ field: 'files', rawName: Buffer.from(n), data: corpus.goodWav(seed++) })));
      expect(answer.body?.ok, JSON.stringify(answer).slice(0, 300)).toBe(true);
      expect(good?.ok).toBe(true);
      expect(others.map((r) => [r.ok, r.fileName])).toEqual([[true, 'rtlvaw.exe.wav'], [true, 'c1x.wav'], [true, 'Müller ☎ 通話.wav']]);
      return 'imported (names cleaned)';
    });
  });

  it('a part header with raw control bytes: a specific invalid_input that says the header is malformed', async () => {
    await hostile('control bytes in header', async () => {
      const { answer } = await uploadWithGood([{ field: 'files', rawName: Buffer.from('ctl\u0007\u001b[31m\u0008\u007f.wav'), data: corpus.goodWav(seed++) }]);
      expect(answer.status, JSON.stringify(answer)).toBe(400);
      expect(answer.body.error.message).toContain('malformed header');
      return expectSpecific(answer.body.error, 'control bytes');
    });
  });

  it('a WAV header claiming terabytes', () => hostileFile('WAV claims 4 GB+', 'huge.wav', corpus.terabyteWav()));
  it('an MP3 claiming 2^32 frames', () => hostileFile('MP3 claims 2^32 frames', 'huge.mp3', corpus.hugeMp3()));
  it('a FLAC claiming a terabyte of samples', () => hostileFile('FLAC claims 1 TB', 'huge.flac', corpus.hugeFlac()));
  it('an m4a whose moov box claims 2^62 bytes', () => hostileFile('m4a box 2^62 B', 'huge.m4a', corpus.hugeM4a()));
  it('an mp4 whose moov box claims 2^62 bytes', () => hostileFile('mp4 box 2^62 B', 'huge.mp4', corpus.hugeM4a()));

  /** A sidecar that cannot be read is its report's error; the batch's recordings still import. */
  async function hostileSidecar(input: string, name: string, data: Buffer, message: RegExp): Promise<void> {
    await hostile(input, async () => {
      const { answer, good } = await uploadWithGood([{ field: 'sidecar', filename: name, data }]);
      expect(answer.body?.ok, JSON.stringify(answer).slice(0, 300)).toBe(true);
      expect(good?.ok, JSON.stringify(good)).toBe(true);
      const report = answer.body.value.sidecars[0];
      expect(report?.error?.message, JSON.stringify(report).slice(0, 300)).toMatch(message);
      return expectSpecific(report.error, input);
    });
  }

  it('an XLSX sidecar bomb (300 MB sheet unzipped): refused from its zip directory, nothing inflated', () =>
    hostileSidecar('xlsx bomb 300 MB', 'calls.xlsx', corpus.xlsxBomb(300), /unpacks to more than 64 MB/));
  it('an XLSX sidecar bomb whose zip claims 1 KB: stopped at the row limit while streaming', () =>
    hostileSidecar('xlsx bomb, lying zip', 'calls.xlsx', corpus.xlsxBomb(100, { lying: true }), /more than 200,000 rows/));
  it('an XLSX sidecar bomb whose zip claims 1 KB, all in one 300 MB cell: stopped by the worker memory limit', () =>
    hostileSidecar('xlsx bomb, one 300 MB cell', 'calls.xlsx', corpus.xlsxBomb(300, { lying: true, oneCell: true }), /more than 192 MB of memory/));
  it('a million-row calls.csv: parsed off the main thread, stopped at the row limit', () =>
    hostileSidecar('CSV sidecar 1M rows', 'calls.csv', corpus.millionRowCsv(), /more than 200,000 rows/));

  it('a transcript with a million-character line', () => transcript('transcript 1M-char line', 'long.txt', corpus.millionCharLine()));
  it('a million-cue SRT', () => transcript('SRT 1M cues', 'cues.srt', corpus.millionCues('srt')));
  it('a million-cue VTT', () => transcript('VTT 1M cues', 'cues.vtt', corpus.millionCues('vtt')));

  it('a transcript of JSON nested 100,000 levels', async () => {
    await hostile('transcript JSON 100k deep', async () => {
      const a = await raw(app, 'POST', `/api/v1/recordings/${recordingId}/transcript`, multipartHeaders, multipart([{ field: 'file', filename: 'deep.json', data: corpus.nestedJson(100_000) }]));
      expect(a.body?.ok, JSON.stringify(a.body).slice(0, 300)).toBe(false);
      return expectSpecific(a.body.error, 'deep transcript');
    });
  });

  it('a JSON request body nested 100,000 levels', async () => {
    await hostile('JSON body 100k deep', async () => {
      const a = await raw(app, 'PATCH', '/api/v1/settings', { 'Content-Type': 'application/json' }, corpus.nestedJson(100_000));
      expect(a.status, JSON.stringify(a.body).slice(0, 300)).toBe(400);
      expect(a.body.error.category).toBe('invalid_input');
      return expectSpecific(a.body.error, 'deep body');
    });
  });

  it('a 2 MB JSON body sent chunked (no Content-Length)', async () => {
    await hostile('JSON body 2 MB chunked', async () => {
      const half = Buffer.from(`{"x":"${'a'.repeat(1024 * 1024)}`);
      const a = await raw(app, 'PATCH', '/api/v1/settings', { 'Content-Type': 'application/json' }, [half, half, Buffer.from('"}')]);
      expect(a.status, JSON.stringify(a)).toBe(400);
      expect(a.body.error.message).toContain('larger than 1 MB');
      return expectSpecific(a.body.error, 'chunked body');
    });
  });

  it('10 slow clients sending a header byte a second: health answers; the server closes them', async () => {
    const sockets: Socket[] = [];
    const closedAt: number[] = [];
    const t0 = Date.now();
    await hostile('10 slow-header clients', async () => {
      for (let i = 0; i < 10; i++) {
        const s = connect(app.port, '127.0.0.1');
        s.on('error', () => {});
        s.on('close', () => closedAt.push(Date.now() - t0));
        s.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
        sockets.push(s);
      }
      const drip = setInterval(() => sockets.forEach((s) => !s.destroyed && s.write('a')), 1000);
      // headersTimeout is 10 s, checked every second (README "Limits"); Node's defaults let them linger 90 s.
      const deadline = Date.now() + 15_000;
      while (closedAt.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      clearInterval(drip);
      return closedAt.length === 10 ? `all closed by ${Math.max(...closedAt)} ms` : `${closedAt.length}/10 closed in 15 s`;
    });
    sockets.forEach((s) => s.destroy());
    expect(closedAt.length, 'slow sockets the server closed within 15 s').toBe(10);
  });
});
