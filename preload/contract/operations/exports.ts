import { z } from 'zod';
import { defineEvent, defineOperation } from '../define.js';
import { ExportProgress, RecentExport, WriteExportInput } from '../schemas/exports.js';

/**
 * The JSON side of exports. The files themselves are raw HTTP routes (GET /api/v1/exports/calls.csv,
 * /api/v1/recordings/{id}/report.pdf, ... in the OpenAPI document); these operations list recent
 * exports and write an export to a local file: the Electron save dialog picks the destination and
 * calls `exports.writeFile` (the dialog itself lives in main/electron and is not wired yet).
 */
const exampleRecent: RecentExport = {
  id: '0b4a3c2e-5f7d-4b7e-9a31-1c2d3e4f5a6b', kind: 'report.pdf', fileName: '2024-05-02_dana_4411-scorecard.pdf',
  path: '/api/v1/recordings/3/report.pdf', redacted: true, actor: 'local-user', at: '2024-05-03T09:12:00.000Z', rows: null, bytes: 48213,
};

export const exportOperations = {
  'exports.recent': defineOperation({
    method: 'GET', path: '/api/v1/exports/recent', tag: 'exports', role: 'reviewer', blind: 'safe',
    summary: 'The last 30 exports and reports made (newest first), with the path that makes them again.',
    input: z.object({}), output: z.array(RecentExport),
    example: { input: {}, output: [exampleRecent] },
  }),
  'exports.clearRecent': defineOperation({
    method: 'DELETE', path: '/api/v1/exports/recent', tag: 'exports', role: 'reviewer', blind: 'safe',
    summary: 'Forget the recent exports list (the audit trail of unredacted exports is kept).',
    input: z.object({}), output: z.object({ cleared: z.boolean() }),
    example: { input: {}, output: { cleared: true } },
  }),
  'exports.writeFile': defineOperation({
    method: 'POST', path: '/api/v1/exports/write', tag: 'exports', role: 'reviewer',
    summary: 'Write an export (given by its API path and query) to a file on this computer. Used by the desktop save dialog.',
    input: WriteExportInput,
    output: z.object({ destination: z.string(), fileName: z.string(), bytes: z.number().int(), redacted: z.boolean() }),
    example: {
      input: { path: '/api/v1/exports/calls.csv?from=2024-05-01&to=2024-05-31', destination: '/home/reviewer/Documents/calls-may.csv' },
      output: { destination: '/home/reviewer/Documents/calls-may.csv', fileName: 'calls-2024-06-01.csv', bytes: 182044, redacted: true },
    },
  }),
  'exports.saveAs': defineOperation({
    method: 'POST', path: '/api/v1/exports/save-as', tag: 'exports', role: 'reviewer',
    summary: 'Desktop only: ask where to save with the OS save dialog, then write the export there. In browser mode the browser downloads instead.',
    input: WriteExportInput.pick({ path: true }),
    output: z.object({ saved: z.boolean(), destination: z.string().nullable(), fileName: z.string(), bytes: z.number().int(), redacted: z.boolean() }),
    example: {
      input: { path: '/api/v1/recordings/3/report.pdf' },
      output: { saved: true, destination: '/home/reviewer/Documents/call-3-scorecard.pdf', fileName: 'call-3-scorecard.pdf', bytes: 48211, redacted: true },
    },
  }),
};

export const exportEvents = {
  'exports.progress': defineEvent({
    summary: 'Progress of a long data export (rows written of total), at most every 500 rows, then once finished.',
    payload: ExportProgress,
  }),
};
