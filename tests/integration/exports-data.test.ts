import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingsDao } from '../../db/dao/recordings-dao.js';
import { exportCalls } from '../../main/exports/data/export-calls.js';
import type { Core } from '../../main/core.js';
import { generateCalls } from '../helpers/fixtures.js';
import { seedCalls } from '../helpers/seed-calls.js';
import { collector } from '../unit/exports/helpers/collect.js';
import { insertFixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';

/** CSV / XLSX / JSON exports read back with real parsers and compared with the database. */
let t: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let cardId: number;
const hostile = ['=HYPERLINK("http://evil.example","x")', '+SUM(1,2)', '-2+3', '@cmd', '\tTabbed'];

beforeAll(async () => {
  t = await tempCore();
  core = t.core;
  seedCalls(core.db, { count: 120, seed: 3, unanalyzedEvery: 10 });
  // Formula injection through the agent name (metadata from a sidecar or file name).
  const recs = new RecordingsDao(core.db);
  hostile.forEach((agent, i) => recs.updateMetadata(i + 1, { agent }, { agent: 'sidecar' }));
  core.calls.sourcesChanged(hostile.map((_, i) => i + 1));
  cardId = insertFixtureCall(core.db, generateCalls().truth('card-payment-pii')).id;
  // A reviewer override: the final score must differ from the AI's.
  core.services.reviews.override(2, 'greeting', 'no', 'Test override.', 'local-user');
});
afterAll(() => t.close());

async function run(format: 'csv' | 'xlsx' | 'json', query: Record<string, unknown> = {}, categories = core.config.settings.redactCategories) {
  const c = collector();
  const progress: number[] = [];
  const rows = await exportCalls(format, c.out, { daos: core.daos, query, redactCategories: categories, onProgress: (d) => progress.push(d) });
  return { rows, buf: c.buffer(), progress };
}

interface DbRow { id: number; file_name: string; agent: string | null; queue: string | null; duration_sec: number; ai: number | null; status: string }
const dbRows = () => core.db.sqlite.prepare(`
  SELECT s.recording_id AS id, r.file_name, s.agent, s.queue, s.duration_sec, a.score_pct AS ai, s.status
  FROM call_summary s JOIN recordings r ON r.id = s.recording_id LEFT JOIN analyses a ON a.id = s.analysis_id
  ORDER BY s.call_at DESC, s.recording_id DESC`).all() as DbRow[];
const answers = (id: number) => Object.fromEntries((core.db.sqlite.prepare('SELECT criterion_id, final_answer FROM call_criteria WHERE recording_id = ?').all(id) as { criterion_id: string; final_answer: string }[]).map((r) => [r.criterion_id, r.final_answer]));
/** Scores and durations are written to 2 decimals (main/exports/data/columns.ts). */
const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const expectCell = (agent: string | null) => (agent && /^[=+\-@\t\r]/.test(agent) ? `'${agent}` : agent ?? '');

describe('CSV export', () => {
  it('parses back (papaparse) to the database values, one row per call, in list order', async () => {
    const { rows, buf, progress } = await run('csv');
    const text = buf.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const db = dbRows();
    expect(rows).toBe(db.length);
    expect(parsed.data.length).toBe(db.length);
    parsed.data.forEach((row, i) => {
      const d = db[i]!;
      expect(Number(row.recording_id)).toBe(d.id);
      expect(row.file_name).toBe(d.file_name);
      expect(row.agent).toBe(expectCell(d.agent));
      expect(row.queue).toBe(d.queue ?? '');
      expect(Number(row.duration_sec)).toBe(r2(d.duration_sec));
      expect(row.ai_score_pct === '' ? null : Number(row.ai_score_pct)).toBe(r2(d.ai));
      expect(row.status).toBe(d.status);
      for (const [cid, fa] of Object.entries(answers(d.id))) expect(row[`criterion:${cid}`]).toBe(fa);
    });
    expect(progress.at(-1)).toBe(db.length);
  });

  it('neutralises formula injection in every hostile agent name', async () => {
    const parsed = Papa.parse<Record<string, string>>((await run('csv')).buf.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    const agents = parsed.data.map((r) => r.agent!);
    for (const h of hostile) expect(agents).toContain(`'${h}`);
    expect(agents.filter((a) => /^[=+\-@\t\r]/.test(a))).toEqual([]);
  });

  it('reports the final score after an override beside the AI score', async () => {
    const parsed = Papa.parse<Record<string, string>>((await run('csv', { ids: [2] })).buf.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(1);
    const r = parsed.data[0]!;
    expect(r.overrides).toBe('greeting');
    expect(r['criterion:greeting']).toBe('no');
    expect(Number(r.final_score_pct)).toBeLessThan(Number(r.ai_score_pct) || 100.1);
  });

  it('applies the Calls list filters (agent, score, selection) exactly as the list does', async () => {
    const list = await core.registry.invoke('calls.list', { agent: 'dana', minScore: 50, limit: 500 });
    if (!list.ok) throw new Error(list.error.message);
    const listIds = (list.value as { items: { id: number }[] }).items.map((i) => i.id);
    const parsed = Papa.parse<Record<string, string>>((await run('csv', { agent: 'dana', minScore: 50 })).buf.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => Number(r.recording_id))).toEqual(listIds);
  });

  it('masks the card number in the summary of the payment call', async () => {
    const csv = (await run('csv', { ids: [cardId] })).buf.toString('utf8');
    expect(csv).toContain('[CARD]');
    expect(csv.toLowerCase()).not.toContain('four five five six');
  });
});

describe('XLSX export', () => {
  it('parses back (exceljs) to the database values, with a criteria sheet; text is never a formula', async () => {
    const { buf } = await run('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const calls = wb.getWorksheet('Calls')!;
    const header = (calls.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    const db = dbRows();
    expect(calls.rowCount).toBe(db.length + 1);
    db.forEach((d, i) => {
      const row = calls.getRow(i + 2);
      expect(row.getCell(col('recording_id')).value).toBe(d.id);
      expect(row.getCell(col('file_name')).value).toBe(d.file_name);
      expect(row.getCell(col('agent')).value ?? null).toBe(d.agent);
      expect(row.getCell(col('ai_score_pct')).value ?? null).toBe(r2(d.ai));
      expect(row.getCell(col('duration_sec')).value).toBe(r2(d.duration_sec));
      expect(row.getCell(col('agent')).type).not.toBe(ExcelJS.ValueType.Formula);
    });
    const crit = wb.getWorksheet('Criteria')!;
    const nCrit = (core.db.sqlite.prepare('SELECT count(*) AS n FROM call_criteria').get() as { n: number }).n;
    expect(crit.rowCount).toBe(nCrit + 1);
    const override = crit.getSheetValues().find((v) => Array.isArray(v) && v[1] === 2 && v[4] === 'greeting') as unknown[];
    // [, rid, file, agent, cid, section, question, ai, final, overridden]
    expect(override.slice(7, 10)).toEqual(['yes', 'no', true]);
  });
});

describe('JSON export', () => {
  it('streams an array of full normalized records, redacted by default', async () => {
    const { buf } = await run('json', { ids: [cardId, 1, 2] });
    const records = JSON.parse(buf.toString('utf8')) as { id: number; transcript: { segments: { text: string }[] } | null; analysis: { summary: string } | null; redacted: boolean }[];
    expect(records.map((r) => r.id).sort()).toEqual([1, 2, cardId].sort());
    const card = records.find((r) => r.id === cardId)!;
    expect(card.redacted).toBe(true);
    const all = JSON.stringify(card).toLowerCase();
    expect(all).not.toContain('four five five six');
    expect(all).toContain('[card]');
    expect(card.transcript!.segments.length).toBeGreaterThan(3);
  });

  it('contains the card number only when redaction is off', async () => {
    const { buf } = await run('json', { ids: [cardId] }, []);
    expect(buf.toString('utf8').toLowerCase()).toContain('four five five six');
  });
});
