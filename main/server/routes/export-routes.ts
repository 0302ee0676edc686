import { toErrorInfo } from '../../errors.js';
import { exportDefs, type ExportDef } from '../../exports/definitions.js';
import { prepareExport } from '../../exports/run-export.js';
import { sendJson } from '../http-app.js';
import { statusForCategory } from '../http-status.js';
import type { RawRoute } from '../raw-route.js';
import { exportOpenApi } from './export-openapi.js';

/**
 * GET routes for every export (data files, PDF reports, evidence packs, transcripts): the response
 * is streamed straight from the export writer, so a 50,000-call CSV never sits in memory and a slow
 * client slows the database cursor down (backpressure) instead of filling a buffer.
 */
const contentDisposition = (fileName: string, inline: boolean) =>
  `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

function routeFor(def: ExportDef): RawRoute {
  return {
    method: 'GET',
    path: def.path,
    openapi: exportOpenApi(def),
    async handle(req, res, _params, ctx) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let prepared;
      try {
        prepared = prepareExport(ctx.core, url, ctx.actor);
      } catch (e) {
        const info = toErrorInfo(e);
        if (info.category === 'internal') ctx.core.logger.error({ err: e, path: url.pathname }, 'export failed');
        return sendJson(res, statusForCategory[info.category], { ok: false, error: info });
      }
      res.writeHead(200, {
        'Content-Type': prepared.job.contentType,
        'Content-Disposition': contentDisposition(prepared.job.fileName, url.searchParams.get('inline') === 'true'),
        'Cache-Control': 'no-store',
        'X-Export-Redacted': String(prepared.redacted),
      });
      try {
        await prepared.run(res);
      } catch (e) {
        // Headers are gone: the only honest signal left is a cut connection (the download fails).
        ctx.core.logger.warn({ err: e, path: url.pathname }, 'export stopped mid-stream');
        res.destroy();
      }
    },
  };
}

export const exportRoutes: RawRoute[] = exportDefs.map(routeFor);
