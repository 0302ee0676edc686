import { PassThrough, Readable } from 'node:stream';
import { calibrationResultsCsv } from '../../exports/calibration/results-csv.js';
import { defineRoute, type HttpRoute } from '../http-route.js';

/**
 * GET /api/v1/calibrations/{id}/results.csv and .pdf: a calibration's results as files. Both are the
 * results operation's own answer (`CalibrationService.results`: for the session's lead and the
 * participants who submitted), written as CSV here or laid out as a PDF on the render worker.
 * `{id}` is the session's. `blind: 'safe'`: the service refuses a participant who has not submitted.
 */
const fileName = (name: string, ext: string) => `calibration-${name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'session'}.${ext}`;
const disposition = (f: string) => `attachment; filename="${f}"; filename*=UTF-8''${encodeURIComponent(f)}`;

const openapi = (ext: 'csv' | 'pdf', type: string) => ({
  operationId: `calibrations.results${ext.toUpperCase()}`,
  tags: ['calibrations'],
  summary: `A calibration session's results as ${ext.toUpperCase()}: per criterion and call each reviewer's answer, the AI's and the consensus, with percent agreement and Krippendorff's alpha. For the session's lead and participants who submitted.`,
  responses: {
    200: { description: `The results (${ext.toUpperCase()}).`, content: { [type]: { schema: ext === 'pdf' ? { type: 'string', format: 'binary' } : { type: 'string' } } } },
    // Not the session's lead, or a participant who has not submitted; no such session.
    403: { $ref: '#/components/responses/Error' },
    404: { $ref: '#/components/responses/Error' },
  },
});

export const calibrationExportRoutes: HttpRoute[] = [
  defineRoute({
    method: 'GET', role: 'reviewer', blind: 'safe', path: '/api/v1/calibrations/{id}/results.csv', openapi: openapi('csv', 'text/csv'),
    handle(_c, { id }, ctx) {
      const results = ctx.core.services.calibrations.results(id!, ctx);
      return Promise.resolve(new Response(calibrationResultsCsv(results), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition(fileName(results.session.name, 'csv')), 'Cache-Control': 'no-store' },
      }));
    },
  }),
  defineRoute({
    method: 'GET', role: 'reviewer', blind: 'safe', path: '/api/v1/calibrations/{id}/results.pdf', openapi: openapi('pdf', 'application/pdf'),
    async handle(_c, { id }, ctx) {
      const results = ctx.core.services.calibrations.results(id!, ctx);
      const { renderInWorker } = await import('../../exports/render-in-worker.js');
      const pipe = new PassThrough();
      renderInWorker({ kind: 'calibrationReport', data: results, opts: {} }, pipe).catch((e: unknown) => {
        ctx.core.logger.warn({ err: e, session: id }, 'calibration PDF stopped mid-stream');
        pipe.destroy(e instanceof Error ? e : new Error(String(e)));
      });
      return new Response(Readable.toWeb(pipe) as ReadableStream<Uint8Array>, {
        headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': disposition(fileName(results.session.name, 'pdf')), 'Cache-Control': 'no-store' },
      });
    },
  }),
];
