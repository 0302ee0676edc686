import { rmSync } from 'node:fs';
import { insertFixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';
import { ensureBuilt } from './ensure-built.js';
import type { CallTruth } from './fixtures.js';
import { startServedApp, type ServedApp } from './serve-process.js';

/**
 * The built server over a database holding one call made from `truth` (the export under test) and
 * one ordinary call, with the render path warmed by exporting the ordinary one first (worker start,
 * pdfkit and its fonts: ~1.5 s on a busy 2-core box), so the figures taken are the test call's own.
 */
export async function exportApp(truth: CallTruth, ordinary: CallTruth): Promise<{ app: ServedApp; id: number; close(): Promise<void> }> {
  ensureBuilt();
  const t = await tempCore();
  const id = insertFixtureCall(t.core.db, truth).id;
  const normalId = insertFixtureCall(t.core.db, ordinary).id;
  await t.core.close();
  const app = await startServedApp({ dataDir: t.dataDir });
  await (await app.api(`/api/v1/recordings/${normalId}/report.pdf`)).arrayBuffer();
  await (await app.api(`/api/v1/recordings/${normalId}/transcript.docx`)).arrayBuffer();
  return {
    app,
    id,
    async close() {
      await app.stop();
      rmSync(t.dataDir, { recursive: true, force: true });
    },
  };
}
