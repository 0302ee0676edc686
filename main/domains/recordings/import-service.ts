import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { SourcesListener } from '../../../db/dao/call-projection-dao.js';
import type { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import {
  importResultKind,
  type CallMetadata,
  type ImportBatch,
  type ImportCounts,
  type ImportFileResult,
  type SidecarReport,
} from '../../../preload/contract/schemas/recordings.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';
import { derivePaths } from '../../config/load-config.js';
import type { EventBus } from '../../events/event-bus.js';
import { holdForeground } from '../../audio/run-in-worker.js';
import { Announcer } from './announcer.js';
import { BatchOrder } from './batch-order.js';
import { expandPaths, type ImportSource } from './expand-paths.js';
import { compileFilenamePattern } from './filename-pattern.js';
import { importFile, type BatchContext, type FileToImport } from './import-file.js';
import { Library, type CopyFn } from './library.js';
import { ProbePool } from './probe-pool.js';
import { inSpan } from '../../observability/tracing.js';
import { readSidecar, type Sidecar } from './sidecar.js';

/**
 * Batches of imports: expand what was dropped, read sidecars, run every file through importFile with
 * bounded concurrency, and report finished files in `import.progress` events (at most every 100 ms)
 * so the Import view fills in live. Results come back in the order the files were given.
 */

/** Least time between two `import.progress` events of a batch (the first and last go out at once). */
const PROGRESS_MS = 100;

export interface ImportServiceDeps {
  dao: RecordingsDao;
  /** Gives each new recording its call record, in the insert's transaction (the call projection). */
  calls: SourcesListener;
  bus: EventBus;
  logger: Logger;
  /** Live settings (the settings service updates this object in place). */
  settings: Settings;
  /** Tests: a smaller pool, or a copy function that fails like a full disk. */
  pool?: ProbePool;
  copy?: CopyFn;
  /** Takes transcripts dropped beside recordings out of the batch and attaches them (local analytics). */
  /** Told of each batch that imported something, before the pipeline hears of it (the cost estimate). */
  recordBatch?: (batch: { batchId: string; files: number; recordingIds: number[] }) => void;
  /** Keeps the batch's failed files (import_failures) until the reviewer dismisses them. */
  recordFailures?: (batchId: string, failures: ImportFileResult[]) => void;
  companions?: <F extends FileToImport>(files: F[]) => Promise<{ files: F[]; failures: ImportFileResult[]; afterInsert: (recordingId: number, file: F) => void }>;
}

export interface BatchOptions {
  batchId?: string;
  /** Extra sidecars (chosen in the UI) on top of calls.csv/xlsx found in dropped folders. */
  sidecarPaths?: string[];
  /** Failures known before probing (missing paths, empty folders, rejected uploads). */
  failures?: ImportFileResult[];
}

export class ImportService {
  readonly pool: ProbePool;
  private readonly libraries = new Map<string, Library>();

  constructor(private readonly deps: ImportServiceDeps) {
    this.pool = deps.pool ?? new ProbePool();
  }

  /** The library for the current setting (libraryDir can change at run time). */
  library(): Library {
    const dir = derivePaths(this.deps.settings).libraryDir;
    let lib = this.libraries.get(dir);
    if (!lib) {
      lib = new Library(dir, this.deps.copy);
      this.libraries.set(dir, lib);
    }
    return lib;
  }

  /** Clear temp files a crashed import left behind. Run once at start-up, before any import. */
  sweep(): void {
    const n = this.library().sweep();
    if (n) this.deps.logger.warn({ files: n }, 'removed unfinished import files left by an earlier crash');
  }

  /** `within`: for an account, whether a file found in a folder really lies in the import roots. */
  async importPaths(paths: string[], { within, ...opts }: BatchOptions & { within?: (realFile: string) => Promise<boolean> } = {}): Promise<ImportBatch> {
    const expanded = await expandPaths(paths, within);
    const failures = expanded.failures.map(
      (f): ImportFileResult => ({ fileName: f.fileName, sourcePath: f.sourcePath, ok: false, error: f.error.toInfo() }),
    );
    return this.run(expanded.files, {
      ...opts,
      sidecarPaths: [...expanded.sidecars, ...(opts.sidecarPaths ?? [])],
      failures: [...failures, ...(opts.failures ?? [])],
    });
  }

  /** Files already staged in the library's .partial folder by the upload route. */
  importStaged(files: (ImportSource & { sha256?: string })[], opts: BatchOptions = {}): Promise<ImportBatch> {
    return this.run(files.map((f) => ({ ...f, staged: true })), opts);
  }

  private run(given: FileToImport[], opts: BatchOptions): Promise<ImportBatch> {
    return inSpan('import.batch', { 'cca.import.files': given.length + (opts.failures?.length ?? 0) }, async (span) => {
      const batch = await this.runBatch(given, opts);
      span.setAttributes({ 'cca.import.imported': batch.counts.imported, 'cca.import.duplicate': batch.counts.duplicate, 'cca.import.failed': batch.counts.failed });
      return batch;
    });
  }

  private async runBatch(given: FileToImport[], opts: BatchOptions): Promise<ImportBatch> {
    const { dao, bus, logger, settings } = this.deps;
    const companions = await this.deps.companions?.(given);
    const files = companions?.files ?? given;
    const batchId = opts.batchId ?? randomUUID();
    const log = logger.child({ batchId });
    const t0 = performance.now();
    const sidecars: Sidecar[] = [];
    for (const p of opts.sidecarPaths ?? []) sidecars.push(await readSidecar(p));
    const pattern = compileFilenamePattern(settings.filenamePattern);

    const announcer = new Announcer(bus, log);
    const ctx: BatchContext = {
      dao, calls: this.deps.calls, bus, logger: log, pool: this.pool, library: this.library(),
      libraryMode: settings.libraryMode,
      maxBytes: settings.maxFileSizeMb * 1024 * 1024,
      metadataFor: (fileName) => mergeMetadata(pattern.match(fileName), sidecars, fileName),
      seen: new Map(),
      order: new BatchOrder(),
      announcer,
      afterInsert: companions?.afterInsert,
    };

    const early = [...(opts.failures ?? []), ...(companions?.failures ?? [])];
    const total = files.length + early.length;
    const counts: ImportCounts = { imported: 0, duplicate: 0, failed: 0 };
    let done = 0;
    // One event per finished file would be 1,000 validated, broadcast events (and renderer updates) in
    // a few seconds: finished files are gathered and sent at most every PROGRESS_MS; the first event at
    // once, the last (finished: true) as soon as the queue has been told about the batch.
    let pending: ImportFileResult[] = [];
    let lastEmit = 0;
    let timer: NodeJS.Timeout | null = null;
    const emit = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      const results = pending;
      pending = [];
      lastEmit = performance.now();
      bus.emit('import.progress', {
        batchId, total, done, counts: { ...counts },
        ...(results.length === 1 ? { result: results[0] } : {}),
        ...(results.length ? { results } : {}),
        finished: done === total,
      });
    };
    const progress = (result?: ImportFileResult) => {
      if (result) {
        done++;
        counts[importResultKind(result)]++;
        pending.push(result);
      }
      if (result && done === total) return; // the last event goes out once the queue has heard (below)
      const wait = PROGRESS_MS - (performance.now() - lastEmit);
      if (!result || wait <= 0) emit();
      else timer ??= setTimeout(emit, wait);
    };
    progress();
    for (const f of early) progress(f);

    // Twice what the pool runs at once: files waiting for an earlier one of the same size (batch-order.ts)
    // do not leave the pool idle.
    const limit = pLimit(this.pool.capacity * 2);
    // Background audio work (metrics decodes of earlier imports) waits until this batch is in.
    const release = files.length ? holdForeground() : () => {};
    let results: ImportFileResult[];
    try {
      results = await Promise.all(
        files.map((file, index) => limit(() => inSpan('import.file', { 'cca.import.index': index, 'cca.import.size_bytes': file.sizeBytes ?? 0 }, async (span) => {
          // probe, hash and copy into the library: one span per file (the work runs on the audio threads)
          const r = await importFile(file, ctx, index);
          span.setAttributes({ 'cca.import.result': importResultKind(r), ...(r.recordingId ? { 'cca.recording.id': r.recordingId } : {}), ...(r.error ? { 'cca.error.category': r.error.category } : {}) });
          progress(r);
          return r;
        }))),
      );
      this.record(batchId, total, results, log);
    } finally {
      release();
      await announcer.flush(); // the pipeline starts once the batch is in
    }
    if (total === 0) progress(); // an empty batch still tells the UI it is over
    else emit(); // finished: true

    this.keepFailures(batchId, [...early, ...results], log);
    const sidecarReports: SidecarReport[] = sidecars.map((s) => s.report);
    log.info({ ...counts, files: total, ms: Math.round(performance.now() - t0) }, 'import batch finished');
    return { batchId, results: [...early, ...results], counts, sidecars: sidecarReports };
  }

  private record(batchId: string, files: number, results: ImportFileResult[], log: Logger): void {
    const recordingIds = results.filter((r) => importResultKind(r) === 'imported' && r.recordingId !== undefined).map((r) => r.recordingId!);
    if (!recordingIds.length || !this.deps.recordBatch) return;
    try {
      this.deps.recordBatch({ batchId, files, recordingIds });
    } catch (e) {
      // The estimate is a help, not a condition: the batch is in and goes on either way.
      log.warn({ err: e }, 'could not record the batch estimate');
    }
  }

  private keepFailures(batchId: string, results: ImportFileResult[], log: Logger): void {
    const failed = results.filter((r) => importResultKind(r) === 'failed' && r.error);
    if (!failed.length || !this.deps.recordFailures) return;
    try {
      this.deps.recordFailures(batchId, failed);
    } catch (e) {
      // The batch's answer still lists them; only the copy kept for after a reload is lost.
      log.warn({ err: e }, 'could not keep the failed imports');
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** File name pattern first, then the sidecar on top (it is the more deliberate source). */
export function mergeMetadata(
  fromName: Partial<CallMetadata>,
  sidecars: Sidecar[],
  fileName: string,
): { values: Partial<CallMetadata>; sources: Record<string, string> } {
  const values: Partial<CallMetadata> = {};
  const sources: Record<string, string> = {};
  const apply = (m: Partial<CallMetadata>, source: string) => {
    for (const [k, v] of Object.entries(m)) {
      if (v === null || v === undefined || v === '') continue;
      (values as Record<string, unknown>)[k] = v;
      sources[k] = source;
    }
  };
  apply(fromName, 'filename');
  for (const s of sidecars) {
    const row = s.lookup(fileName);
    if (row) {
      s.report.matched++;
      apply(row, 'sidecar');
    }
  }
  return { values, sources };
}
