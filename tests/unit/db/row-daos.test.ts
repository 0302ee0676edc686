import { getTableColumns } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createDaos } from '../../../db/daos.js';
import { openDatabase } from '../../../db/open.js';
import { analyses, auditLog, recordings, rubrics, transcripts } from '../../../db/schema/index.js';
import { guardTimed } from '../../helpers/timed-guard.js';

/**
 * Issue 31: one SQL idiom in the DAOs. The DAOs that once used drizzle's query builder run raw SQL with
 * named parameters through TimedStatements and still return the schema's row types: the drizzle
 * table's keys in its order, JSON columns parsed, boolean columns as booleans, the columns' defaults
 * on insert, and an undefined key left alone on update. Every statement is timed, by its old name.
 */
const dir = mkdtempSync(join(tmpdir(), 'cca-row-daos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keysOf = (table: Parameters<typeof getTableColumns>[0]) => Object.keys(getTableColumns(table));
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('row DAOs', () => {
  it('return the schema row types and time every statement by name', async () => {
    const timed: string[] = [];
    const db = await openDatabase({ file: join(dir, 'a.sqlite'), busyTimeoutMs: 1000, readConnections: 1, slowQueryMs: 10_000, logger: pino({ level: 'silent' }), onTimed: (op) => void timed.push(op) });
    const guard = guardTimed(db);
    try {
      const d = createDaos(db, { statusChanged: () => undefined, sourcesChanged: () => undefined });
      timed.length = 0; // migrations

      const file = { fileName: 'a.wav', audioPath: '/a', sizeBytes: 1, durationSec: 60, channels: 2, sampleRate: 8000, codec: 'pcm', container: 'wav' };
      const { id } = d.recordings.insert({ sha256: 'a', ...file });
      expect(d.recordings.insert({ sha256: 'a', ...file })).toEqual({ id, created: false });
      const rec = d.recordings.get(id)!;
      expect(Object.keys(rec)).toEqual(keysOf(recordings));
      expect(rec).toMatchObject({ stereoSplit: false, status: 'imported', metadataSources: {}, agent: null });
      expect(rec.importedAt).toMatch(ISO);
      expect(d.recordings.findBySha('a')).toEqual({ id, fileName: 'a.wav', audioPath: '/a' });
      const updated = d.recordings.updateMetadata(id, { agent: 'dana', queue: undefined }, { agent: 'user' })!;
      expect(updated).toMatchObject({ agent: 'dana', queue: null, metadataSources: { agent: 'user' } });
      expect(d.recordings.list({ q: 'a.w', agent: 'dana', limit: 10, offset: 0 })).toEqual({ rows: [updated], total: 1 });
      expect(d.recordings.list({ q: '%', limit: 10, offset: 0 }).total).toBe(0);

      const criteria = [{ id: 'c1', section: 'S', question: 'Q?', guidance: '', type: 'yes_no' as const, weight: 1, allowNa: false, autoFail: false }];
      const rubric = d.rubrics.insert({ name: 'R', criteria, isDefault: true });
      expect(Object.keys(rubric)).toEqual(keysOf(rubrics));
      expect(rubric).toMatchObject({ description: '', version: 1, criteria, isDefault: true, builtin: false });
      expect(d.rubrics.update(rubric.id, { name: 'R', criteria: [] })).toMatchObject({ version: 2, criteria: [], isDefault: true, description: '' });
      expect(d.rubrics.getDefault()?.id).toBe(rubric.id);
      expect([d.rubrics.get(rubric.id)?.name, d.rubrics.findByName('R')?.id, d.rubrics.list().length]).toEqual(['R', rubric.id, 1]);

      const body = { language: 'en', durationSec: 60, speakers: [], segments: [] };
      const t = d.transcripts.upsert({ recordingId: id, provider: 'p', model: 'm', audioSec: 60, costUsd: 0.5, contentHash: 'h', body });
      expect(Object.keys(t)).toEqual(keysOf(transcripts));
      expect(t).toMatchObject({ usage: {}, requestId: null, body });
      // A key the row leaves undefined keeps its column when the transcript is replaced.
      expect(d.transcripts.upsert({ recordingId: id, provider: 'p', model: 'm2', audioSec: 60, contentHash: 'h2', body })).toMatchObject({ id: t.id, model: 'm2', costUsd: 0.5 });
      expect(d.transcripts.updateBody(id, body, 'h3')?.contentHash).toBe('h3');
      expect([d.transcripts.exists(id), d.transcripts.get(id)?.contentHash]).toEqual([true, 'h3']);

      const key = { transcriptHash: 'h3', rubricId: rubric.id, rubricVersion: 2, model: 'gpt', promptVersion: 'v1' };
      const a = d.analyses.insert({ recordingId: id, ...key, scorePct: 50, body: { scorecard: {} } as never });
      expect(Object.keys(a)).toEqual(keysOf(analyses));
      expect(a).toMatchObject({ autoFailed: false, requestIds: [], inputTokens: 0, costUsd: null, body: { scorecard: {} } });
      expect(d.analyses.insert({ recordingId: id, ...key, body: {} as never }).id).toBe(a.id);
      const touched = d.analyses.touch(a, id);
      expect(touched).toEqual({ ...a, id: touched.id, createdAt: touched.createdAt });
      expect([d.analyses.latest(id)?.id, d.analyses.findByKey(key, id + 1)?.id]).toEqual([touched.id, touched.id]);

      d.appSettings.set('k', { a: [1] });
      d.appSettings.set('k', { a: [2] });
      expect(d.appSettings.get('k')).toEqual({ a: [2] });
      d.appSettings.delete('k');
      expect(d.appSettings.get('k')).toBeUndefined();

      d.audit.record({ actor: 'dana', entity: 'recording', entityId: String(id), action: 'x', newValue: { ok: true } });
      const [entry] = d.audit.list('recording', String(id));
      expect(Object.keys(entry!)).toEqual(keysOf(auditLog));
      expect(entry).toMatchObject({ entityId: String(id), oldValue: null, newValue: { ok: true } });
      expect(d.audit.query({ actor: 'dana', limit: 5 })).toEqual([entry]);
      expect(d.audit.actors()).toEqual(['dana']);

      d.reviews.upsertOverride(id, { criterionId: 'c1', answer: 'no', comment: 'c', aiAnswer: null, actor: 'dana' });
      expect(d.reviews.overrides(id)).toEqual([expect.objectContaining({ criterionId: 'c1', aiAnswer: null })]);
      expect(d.reviews.deleteOverride(id, 'c1')).toBe(true);
      const c = d.reviews.addComment(id, { text: 'hi', atSec: null, coaching: true, actor: 'dana' });
      expect(c).toMatchObject({ text: 'hi', coaching: true });
      expect(d.reviews.comments(id)).toEqual([c]);
      expect(d.reviews.deleteComment(id, c.id)).toEqual(c);
      expect(d.reviews.state(id)).toEqual({ reviewed: false, reviewedAt: null, reviewedBy: null, acknowledgement: null });
      d.reviews.setState(id, true, 'dana');
      expect(d.reviews.state(id)).toMatchObject({ reviewed: true, reviewedBy: 'dana' });
      d.reviews.upsertEdit(id, { segmentIndex: 0, originalText: 'o', text: 'n', actor: 'dana' });
      expect(d.reviews.edits(id)).toEqual([expect.objectContaining({ segmentIndex: 0, text: 'n' })]);
      expect(d.reviews.deleteEdit(id, 0)).toBe(true);

      const waveform = { bucketSec: 1, channels: [{ min: [0], max: [0] }] };
      d.localAnalytics.saveAudioMetrics(id, 'a', 1, { durationSec: 60, waveform } as never, 5);
      expect(d.localAnalytics.hasAudioMetrics(id, 'a', 1)).toBe(true);
      expect(d.localAnalytics.getAudioMetrics(id)?.body).toEqual({ durationSec: 60 });
      expect(d.localAnalytics.getWaveform(id)).toEqual({ waveform, durationSec: 60 });
      const pii = { category: 'card', text: '4111', segmentIndex: 0, charStart: 0, charEnd: 4, start: 1, end: 2, confidence: 0.9 };
      const rule = { criterionId: 'c1', answer: 'no' as const, passed: false, source: 'rule' as const, rationale: 'r', evidence: [] };
      d.localAnalytics.saveLocalAnalysis(id, { transcriptHash: 'h3', version: 1, conversation: {} as never, sentiment: {} as never, pii: [pii], rules: [rule], computeMs: 1 });
      expect(d.localAnalytics.hasLocalAnalysis(id, 'h3', 1)).toBe(true);
      expect(d.localAnalytics.getLocalAnalysis(id)).toMatchObject({ transcriptHash: 'h3', conversation: {}, sentiment: {} });
      expect([d.localAnalytics.listPii(id), d.localAnalytics.listRules(id)]).toEqual([[pii], [rule]]);

      d.transcriptQuality.save(id, 'h3', { score: 80 } as never);
      d.transcriptQuality.saveFindings(id, { piiFound: true });
      expect([d.transcriptQuality.get(id, 'h3'), d.transcriptQuality.get(id, 'old')]).toEqual([{ score: 80 }, null]);

      expect(guard.untimed()).toEqual([]);
      expect(new Set(timed)).toEqual(new Set([
        'recordings.insert', 'recordings.get', 'recordings.findBySha', 'recordings.updateMetadata', 'recordings.list',
        'rubrics.insert', 'rubrics.update', 'rubrics.getDefault', 'rubrics.get', 'rubrics.findByName', 'rubrics.list',
        'transcripts.upsert', 'transcripts.updateBody', 'transcripts.exists', 'transcripts.get',
        'analyses.insert', 'analyses.findByKey', 'analyses.touch', 'analyses.latest',
        'appSettings.set', 'appSettings.get', 'appSettings.delete',
        'audit.record', 'audit.list', 'audit.query', 'audit.actors',
        'reviews.upsertOverride', 'reviews.overrides', 'reviews.deleteOverride', 'reviews.addComment', 'reviews.comments', 'reviews.deleteComment',
        'reviews.state', 'reviews.setState', 'reviews.upsertEdit', 'reviews.edits', 'reviews.deleteEdit',
        'local.saveAudioMetrics', 'local.hasAudioMetrics', 'local.getAudioMetrics', 'local.getWaveform',
        'local.saveLocalAnalysis', 'local.hasLocalAnalysis', 'local.getLocalAnalysis', 'local.listPii', 'local.listRules',
        'transcriptQuality.save', 'transcriptQuality.saveFindings', 'transcriptQuality.get',
      ]));
    } finally {
      guard.stop();
      db.close();
    }
  });
});
