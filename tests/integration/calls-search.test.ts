import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscriptsDao } from '../../db/dao/transcripts-dao.js';
import type { CallList } from '../../preload/contract/schemas/calls.js';
import { indexStepRunner } from '../../main/domains/calls/index-step.js';
import type { StepContext } from '../../main/jobs/types.js';
import { computeHere, localComputeServices } from '../helpers/local-compute.js';
import { startCallsHarness, type CallsHarness } from './calls-harness.js';

const NEEDLE = 'my parakeet swallowed the router';
let h: CallsHarness;
beforeAll(async () => {
  h = await startCallsHarness({ count: 300, seed: 5, needles: { 123: NEEDLE, 200: 'the parakeet is fine' } });
});
afterAll(() => h?.close());

const search = (q: string, extra: Record<string, unknown> = {}) => h.invoke<CallList>('calls.list', { q, ...extra });
const hitText = (l: CallList) => l.items[0]!.match!.snippet.filter((p) => p.hit).map((p) => p.text).join('|');

describe('full-text search', () => {
  it('a phrase in one transcript finds exactly that call, with the phrase highlighted', async () => {
    const r = await search('parakeet swallowed the router');
    expect(r.total).toBe(1);
    expect(r.items.map((i) => i.id)).toEqual([h.calls[123]!.id]);
    const m = r.items[0]!.match!;
    expect(m.role).toBe('customer');
    expect(m.startSec).toBeGreaterThan(0);
    expect(hitText(r).toLowerCase()).toContain('parakeet');
    expect(hitText(r).toLowerCase()).toContain('router');
    // Parts rebuild the segment text exactly: nothing is lost, nothing is markup.
    expect(m.snippet.map((p) => p.text).join('')).toContain(NEEDLE);
  });

  it('words are a phrase, not a bag: the same words in another order do not match', async () => {
    expect((await search('router swallowed parakeet')).total).toBe(0);
    expect((await search('parakeet')).total).toBe(2);
  });

  it('a finished last word is matched exactly (stemmed), an unfinished one as a prefix', async () => {
    expect((await search('parakeet swallow')).items.map((i) => i.id)).toEqual([h.calls[123]!.id]); // stem of "swallowed"
    expect((await search('parakeet swallowe')).items.map((i) => i.id)).toEqual([h.calls[123]!.id]); // prefix
  });

  it('prefix match on the last word while typing; a trailing space or quotes make it exact', async () => {
    expect((await search('parakeet swall')).items.map((i) => i.id)).toEqual([h.calls[123]!.id]);
    expect((await search('parakeet swall ')).total).toBe(0);
    expect((await search('"parakeet swall"')).total).toBe(0);
  });

  it('combines with filters and sorts', async () => {
    const c = h.calls[123]!;
    expect((await search('parakeet', { agent: c.agent })).items.map((i) => i.id)).toContain(c.id);
    expect((await search('parakeet', { agent: 'nobody' })).total).toBe(0);
    const bySore = await search('thank you for calling', { sort: 'score', dir: 'desc', limit: 20 });
    expect(bySore.items.length).toBe(20);
    expect(bySore.items.every((i) => i.match!.snippet.some((p) => p.hit))).toBe(true);
  });

  it.each([
    '"', '""', "'", '*', '***', 'AND', 'OR NOT', 'NEAR(a b)', 'text:router', 'role:agent', '^parakeet', '(', ')', '-', '+',
    'a" OR "b', "'; DROP TABLE recordings; --", '\u0001\u0002', '\\', '%_', '{}', 'parakeet*', 'NOT parakeet', 'x'.repeat(500),
    'ünïcödé ☎️ 電話', '\u0000', 'a'.repeat(5) + ' ' + 'b '.repeat(100),
  ])('hostile input %j never throws and never breaks the query', async (q) => {
    const r = await h.core.registry.invoke('calls.list', { q });
    expect(r.ok).toBe(true);
  });

  it('operators typed by the user are searched as words', async () => {
    // "NOT parakeet" must not mean "everything except parakeet".
    expect((await search('NOT parakeet')).total).toBe(0);
    expect((await search('parakeet*')).total).toBe(2);
    expect((await search('text:parakeet')).total).toBe(0);
  });

  /** The index step's context outside the queue, its computation run here. */
  const indexContext = (recordingId: number, jobId: number): StepContext => {
    const job = { id: jobId, recordingId, step: 'index', attempt: 1, maxAttempts: 3, fencingToken: 1 };
    const base = { job, signal: new AbortController().signal, log: h.core.logger, progress: () => {}, pool: h.core.queue.scheduler.pool };
    const services = localComputeServices(h.core.daos, () => h.core.config.settings, () => undefined);
    return { ...base, deps: { db: h.core.db, daos: h.core.daos } as StepContext['deps'], compute: computeHere(services, base) };
  };

  it('transcript replaced → old text gone, new text found (triggers); index step is idempotent', async () => {
    const c = h.calls[10]!;
    const transcripts = new TranscriptsDao(h.core.db);
    const t = transcripts.get(c.id)!;
    const body = { ...t.body, segments: t.body.segments.map((s, i) => (i === 1 ? { ...s, text: 'a zebra crossing ticket' } : s)) };
    transcripts.upsert({ ...t, id: undefined, body, contentHash: 'changed' });
    expect((await search('zebra crossing')).items.map((i) => i.id)).toEqual([c.id]);

    const count = () => (h.core.db.sqlite.prepare('SELECT count(*) AS n FROM transcript_fts').get() as { n: number }).n;
    const before = count();
    const runner = indexStepRunner(() => h.core.config.settings, h.core.calls);
    for (let i = 0; i < 2; i++) {
      const out = await runner.run(indexContext(c.id, 1));
      if (out.kind === 'done') out.persist?.();
    }
    expect(count()).toBe(before);
    expect((await search('zebra crossing')).items.map((i) => i.id)).toEqual([c.id]);
    expect(h.core.daos.fts.top('zebra crossing', 50).map((x) => x.recordingId)).toEqual([c.id]);
  });

  it('index step flags a call whose transcript contains PII', async () => {
    const c = h.calls[20]!;
    const transcripts = new TranscriptsDao(h.core.db);
    const t = transcripts.get(c.id)!;
    const body = { ...t.body, segments: t.body.segments.map((s, i) => (i === 1 ? { ...s, text: 'my card number is 4111 1111 1111 1111 and my email is jo@example.com' } : s)) };
    transcripts.upsert({ ...t, id: undefined, body, contentHash: 'pii' });
    const out = await indexStepRunner(() => h.core.config.settings, h.core.calls).run(indexContext(c.id, 2));
    if (out.kind === 'done') out.persist?.();
    const flagged = await h.invoke<CallList>('calls.list', { flag: 'pii' });
    expect(flagged.items.map((i) => i.id)).toEqual([c.id]);
  });

  it('deleting a recording removes its rows from the index and the list', async () => {
    const c = h.calls[200]!;
    h.core.db.sqlite.prepare('DELETE FROM recordings WHERE id = ?').run(c.id);
    expect((await search('parakeet')).total).toBe(1);
    const n = h.core.db.sqlite.prepare('SELECT count(*) AS n FROM transcript_fts WHERE rowid BETWEEN ? AND ?').get(c.id * 1e6, c.id * 1e6 + 999_999) as { n: number };
    expect(n.n).toBe(0);
  });
});
