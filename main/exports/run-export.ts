import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { CoreContext } from '../core-types.js';
import { AppError } from '../errors.js';
import { TrieRouter } from 'hono/router/trie-router';
import { PathId } from '../../preload/contract/schemas/ids.js';
import { queryToObject } from '../util/query-object.js';
import { routerPath } from '../util/router-path.js';
import { exportDefs, type ExportDef, type ExportJob } from './definitions.js';
import { addRecent } from './recent.js';
import { inSpan } from '../observability/tracing.js';

/**
 * One export request, from an API path to bytes: find the definition, validate the query, apply the
 * redaction choice (audited when off), report progress, write, remember it in "recent exports".
 * Shared by the HTTP routes and the write-to-file operation.
 */
export interface PreparedExport {
  def: ExportDef;
  job: ExportJob;
  redacted: boolean;
  run(out: Writable): Promise<void>;
}

// Hono's router, as the HTTP server uses: one path-template syntax for the whole app.
const router = new TrieRouter<ExportDef>();
for (const d of exportDefs) router.add('GET', routerPath(d.path), d);

/** Which export a path names (`/api/v1/recordings/12/report.pdf` → report.pdf for #12). */
export function findExport(pathname: string): { def: ExportDef; id: number | null } | null {
  const [match] = (router.match('GET', pathname)[0] as [ExportDef, Record<string, string>][]);
  if (!match) return null;
  const [found, params] = match;
  if (params.id === undefined) return { def: found, id: null };
  const id = PathId.safeParse(params.id);
  return id.success ? { def: found, id: id.data } : null;
}

/** An export's query, validated by its definition's schema. */
export function parseExportQuery(def: ExportDef, raw: Record<string, unknown>): Record<string, unknown> {
  const parsed = def.query.safeParse(raw);
  if (parsed.success) return parsed.data;
  const msg = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
  throw new AppError('invalid_input', `The export query is not valid: ${msg}.`, 'Check the parameters against GET /api/v1/openapi.json.');
}

/** An export named by its API URL (the desktop's save-to-file operations). */
export function prepareExport(core: CoreContext, url: URL, actor: string): PreparedExport {
  const found = findExport(url.pathname);
  if (!found) throw new AppError('not_found', `No export at ${url.pathname}.`, 'See GET /api/v1/openapi.json for the export endpoints.');
  return prepareExportFor(core, { ...found, query: parseExportQuery(found.def, queryToObject(url.searchParams)), path: `${url.pathname}${url.search}` }, actor);
}

/**
 * `target.query` is already validated by the definition's schema; `path` is what the recent list and
 * audit show. A `preview` (the Reports view's Preview) is not a file anyone keeps: it stays out of the
 * recent exports, though an unredacted one is still audited (personal data left the server either way).
 */
export function prepareExportFor(core: CoreContext, target: { def: ExportDef; id: number | null; query: Record<string, unknown>; path: string; preview?: boolean }, actor: string): PreparedExport {
  const q = target.query as { redact: boolean; exportId?: string };
  const redacted = q.redact;
  const exportId = q.exportId ?? randomUUID();
  const categories = redacted ? core.config.settings.redactCategories : [];
  const onProgress = (done: number, total: number, finished: boolean) =>
    core.bus.emit('exports.progress', { exportId, kind: target.def.kind, done, total, finished });
  const job = target.def.build({ core, categories, exportId, onProgress }, q, target.id);
  return {
    def: target.def,
    job,
    redacted,
    run: (out) => inSpan(`export.${target.def.kind}`, { 'cca.export.kind': target.def.kind, 'cca.export.redacted': redacted, ...(target.id ? { 'cca.recording.id': target.id } : {}) }, async (span) => {
      if (!redacted) {
        // The explicit choice to export personal data is on the record before a byte leaves.
        core.daos.audit.record({
          actor, entity: target.id ? 'recording' : 'export', entityId: target.id ? String(target.id) : target.def.kind,
          action: 'export_unredacted', newValue: { kind: target.def.kind, path: target.path, fileName: job.fileName },
        });
        core.logger.warn({ actor, kind: target.def.kind, recordingId: target.id }, 'unredacted export');
      }
      let bytes = 0;
      const origWrite = out.write.bind(out);
      // Count bytes for the recent list without another stream in the way.
      out.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        return (origWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof out.write;
      const rows = await job.write(out);
      if (!target.preview) addRecent(core.daos.appSettings, { kind: target.def.kind, fileName: job.fileName, path: target.path, redacted, actor, rows, bytes });
      span.setAttributes({ 'cca.export.rows': rows ?? 0, 'cca.export.bytes': bytes });
      core.logger.info({ kind: target.def.kind, recordingId: target.id, rows, bytes, redacted, preview: !!target.preview }, 'export written');
    }),
  };
}
