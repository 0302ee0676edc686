import { PassThrough, Readable } from 'node:stream';
import { z } from 'zod';
import { exportDefs, type ExportDef } from '../../exports/definitions.js';
import { prepareExportFor } from '../../exports/run-export.js';
import { defineRoute, type HttpRoute } from '../http-route.js';
import { exportOpenApi } from './export-openapi.js';

/**
 * GET routes for every export (data files, PDF reports, evidence packs, transcripts): the response
 * is streamed straight from the export writer, so a 50,000-call CSV never sits in memory and a slow
 * client slows the database cursor down (backpressure) instead of filling a buffer.
 */
const contentDisposition = (fileName: string, inline: boolean) =>
  `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const inline = z.enum(['true', 'false']).optional().meta({ description: 'A preview: Content-Disposition inline instead of attachment, and not listed in the recent exports (an unredacted preview is still audited).', example: 'false' });

/** Bytes the writer may run ahead of the socket before it waits for a drain. */
const STREAM_HWM = 64 * 1024;

function routeFor(def: ExportDef): HttpRoute {
  return defineRoute({
    method: 'GET',
    // The team report covers every agent; the rest is scoped to an agent's own calls: one recording,
    // or a call list (an agent report) whose agent is forced to theirs.
    ...(def.kind === 'team.pdf' ? { role: 'reviewer' as const } : { role: 'agent' as const, scope: def.perRecording ? ('recording' as const) : ('calls' as const) }),
    // A transcript carries no answer: a reviewer scoring the call blind in calibration may export it.
    ...(def.kind.startsWith('transcript.') ? { blind: 'safe' as const } : {}),
    path: def.path,
    query: def.query.extend({ inline }),
    openapi: exportOpenApi(def),
    handle(c, { id, query }, ctx) {
      const url = new URL(c.req.url);
      const { inline: inlineFlag, ...exportQuery } = query;
      const preview = inlineFlag === 'true';
      const prepared = prepareExportFor(ctx.core, { def, id, query: exportQuery, path: `${url.pathname}${url.search}`, preview }, ctx.actor);
      // The writer writes into a pipe the socket pulls from: when the client is slow, writes return
      // false and the writer waits; when the client goes away, the pipe is destroyed and the writer stops.
      const pipe = new PassThrough({ highWaterMark: STREAM_HWM });
      prepared.run(pipe).catch((e: unknown) => {
        // Headers are gone: the only honest signal left is a cut connection (the download fails).
        ctx.core.logger.warn({ err: e, path: url.pathname }, 'export stopped mid-stream');
        pipe.destroy(e instanceof Error ? e : new Error(String(e)));
      });
      return Promise.resolve(new Response(Readable.toWeb(pipe) as ReadableStream<Uint8Array>, {
        status: 200,
        headers: {
          'Content-Type': prepared.job.contentType,
          'Content-Disposition': contentDisposition(prepared.job.fileName, preview),
          'Cache-Control': 'no-store',
          'X-Export-Redacted': String(prepared.redacted),
        },
      }));
    },
  });
}

export const exportRoutes: HttpRoute[] = exportDefs.map(routeFor);
