import type { Writable } from 'node:stream';
import type { DataFormat, ExportCallsQuery } from '../../../preload/contract/schemas/exports.js';
import type { PiiCategory } from '../../text/pii/index.js';
import { freeTextRedactor } from '../redaction.js';
import { columnsFor, rowCells } from './columns.js';
import { csvHeader, csvLine } from './csv.js';
import type { Daos } from '../../../db/daos.js';
import { jsonRecord } from './json-record.js';
import { progressEvery, write } from './sink.js';

export interface DataExportOptions {
  daos: Pick<Daos, 'exportCursor'>;
  query: Partial<ExportCallsQuery>;
  /** Empty: not redacted (the caller recorded that choice in the audit trail). */
  redactCategories: readonly PiiCategory[];
  onProgress?: (done: number, total: number, finished: boolean) => void;
}

const CHUNK = 64 * 1024;

/**
 * Stream the selected calls as CSV, XLSX or JSON into `out`, one DB row at a time. Returns the row
 * count. Nothing holds more than one chunk of output: see sink.ts for the backpressure.
 */
export async function exportCalls(format: DataFormat, out: Writable, opts: DataExportOptions): Promise<number> {
  const cursor = opts.daos.exportCursor.calls(opts.query, { withBodies: format === 'json' });
  const progress = progressEvery(500, cursor.total, opts.onProgress);
  const redactor = opts.redactCategories.length ? freeTextRedactor(opts.redactCategories) : null;
  let n = 0;
  try {
    opts.onProgress?.(0, cursor.total, false);
    if (format === 'csv') {
      const columns = columnsFor(cursor.criterionIds);
      let buf = csvHeader(columns);
      for (const row of cursor.rows()) {
        buf += csvLine(rowCells(row, cursor.criterionIds, redactor));
        progress(++n);
        if (buf.length >= CHUNK) {
          await write(out, buf);
          buf = '';
        }
      }
      await write(out, buf);
    } else if (format === 'json') {
      await write(out, '[');
      let buf = '';
      for (const row of cursor.rows()) {
        buf += `${n ? ',' : ''}\n${JSON.stringify(jsonRecord(row, opts.redactCategories))}`;
        progress(++n);
        if (buf.length >= CHUNK) {
          await write(out, buf);
          buf = '';
        }
      }
      await write(out, `${buf}\n]\n`);
    } else {
      const { writeXlsx } = await import('./xlsx.js');
      n = await writeXlsx(out, opts.daos.exportCursor.criteria(opts.query), cursor, redactor, (d) => progress(d));
      return n;
    }
    return n;
  } finally {
    cursor.close();
    progress(n, true);
  }
}

