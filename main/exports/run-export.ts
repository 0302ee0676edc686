import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { CoreContext } from '../core-types.js';
import { AppError } from '../errors.js';
import { exportDefs, type ExportDef, type ExportJob } from './definitions.js';
import { addRecent } from './recent.js';

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

const patterns = exportDefs.map((d) => ({ d, re: new RegExp(`^${d.path.replace(/\{id\}/, '(?<id>\\d+)').replace(/\./g, '\\.')}$`) }));

export function findExport(pathname: string): { def: ExportDef; id: number | null } | null {
  for (const { d, re } of patterns) {
    const m = re.exec(pathname);
    if (m) return { def: d, id: m.groups?.id ? Number(m.groups.id) : null };
  }
  return null;
}

function queryObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function prepareExport(core: CoreContext, url: URL, actor: string): PreparedExport {
  const found = findExport(url.pathname);
  if (!found) throw new AppError('not_found', `No export at ${url.pathname}.`, 'See GET /api/v1/openapi.json for the export endpoints.');
  const parsed = found.def.query.safeParse(queryObject(url.searchParams));
  if (!parsed.success) {
    const msg = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
    throw new AppError('invalid_input', `The export query is not valid: ${msg}.`, 'Check the parameters against GET /api/v1/openapi.json.');
  }
  const q = parsed.data as { redact: boolean; exportId?: string };
  const redacted = q.redact;
  const exportId = q.exportId ?? randomUUID();
  const categories = redacted ? core.config.settings.redactCategories : [];
  const onProgress = (done: number, total: number, finished: boolean) =>
    core.bus.emit('exports.progress', { exportId, kind: found.def.kind, done, total, finished });
  const job = found.def.build({ core, categories, exportId, onProgress }, q, found.id);
  return {
    def: found.def,
    job,
    redacted,
    async run(out) {
      if (!redacted) {
        // The explicit choice to export personal data is on the record before a byte leaves.
        core.daos.audit.record({
          actor, entity: found.id ? 'recording' : 'export', entityId: found.id ? String(found.id) : found.def.kind,
          action: 'export_unredacted', newValue: { kind: found.def.kind, path: `${url.pathname}${url.search}`, fileName: job.fileName },
        });
        core.logger.warn({ actor, kind: found.def.kind, recordingId: found.id }, 'unredacted export');
      }
      let bytes = 0;
      const origWrite = out.write.bind(out);
      // Count bytes for the recent list without another stream in the way.
      out.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        return (origWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof out.write;
      const rows = await job.write(out);
      addRecent(core.daos.appSettings, {
        kind: found.def.kind, fileName: job.fileName, path: `${url.pathname}${url.search}`, redacted, actor, rows, bytes,
      });
      core.logger.info({ kind: found.def.kind, recordingId: found.id, rows, bytes, redacted }, 'export written');
    },
  };
}
