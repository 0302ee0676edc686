import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { listRecent } from '../../main/exports/recent.js';
import { prepareExport, prepareExportFor, findExport, parseExportQuery } from '../../main/exports/run-export.js';
import { generateCalls } from '../helpers/fixtures.js';
import { collector } from '../unit/exports/helpers/collect.js';
import { insertFixtureCall, type FixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';

/**
 * Issue 36, item 7 (exports as a reviewer reads them): the evidence pack shows the points each answer
 * earned, not the weight ("0 / 15 pts" for a No), with the one score colour scale; a Preview is not
 * listed as a recent export (a saved file is).
 */
let t: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let fx: FixtureCall;
beforeAll(async () => {
  t = await tempCore();
  core = t.core;
  fx = insertFixtureCall(core.db, generateCalls().truth('billing-refund-good'));
  core.services.reviews.override(fx.id, 'resolution', 'no', 'The refund was never raised.', 'test-reviewer');
});
afterAll(() => t.close());

async function exported(path: string, preview = false): Promise<string> {
  const c = collector();
  const url = new URL(path, 'http://localhost');
  const found = findExport(url.pathname)!;
  await prepareExportFor(core, { ...found, query: parseExportQuery(found.def, Object.fromEntries(url.searchParams)), path, preview }, 'test-reviewer').run(c.out);
  return c.buffer().toString('utf8');
}

describe('the evidence pack', () => {
  it('shows the points each answer earned of its weight: a No earns 0', async () => {
    const html = await exported(`/api/v1/recordings/${fx.id}/evidence.html`);
    const crit = (question: RegExp) => html.split('<li class="crit">').find((li) => question.test(li))!;
    expect(crit(/issue resolved/)).toContain('0 / 15 pts');
    // A Yes earns its whole weight; the greeting (rule-scored) is a Yes in this call.
    expect(crit(/greet the caller/)).toContain('10 / 10 pts');
  });

  it('colours the final score on the one scale (preload/contract/score-band.ts)', async () => {
    const html = await exported(`/api/v1/recordings/${fx.id}/evidence.html`);
    const score = Number(/id="final-score">([\d.]+)%/.exec(html)![1]);
    const cls = /class="score (\w+)" id="final-score"/.exec(html)![1];
    expect(cls).toBe(score >= 80 ? 'good' : score >= 60 ? 'warn' : 'bad');
  });
});

describe('recent exports', () => {
  it('a preview is not listed; the same export saved is', async () => {
    const before = listRecent(core.daos.appSettings).length;
    await exported(`/api/v1/recordings/${fx.id}/transcript.txt`, true);
    expect(listRecent(core.daos.appSettings)).toHaveLength(before);
    const c = collector();
    await prepareExport(core, new URL(`/api/v1/recordings/${fx.id}/transcript.txt`, 'http://localhost'), 'test-reviewer').run(c.out);
    expect(listRecent(core.daos.appSettings)).toHaveLength(before + 1);
    expect(listRecent(core.daos.appSettings)[0]).toMatchObject({ kind: 'transcript.txt', actor: 'test-reviewer' });
  });
});
