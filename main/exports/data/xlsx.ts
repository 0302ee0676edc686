import type { Writable } from 'node:stream';
import type { Redactor } from '../redaction.js';
import type { Cell } from './cells.js';
import { columnsFor, rowCells } from './columns.js';
import type { CriterionExportRow, ExportCursor } from '../../../db/dao/export-cursor-dao.js';
import { waitDrain } from './sink.js';

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialised into the zip
 * stream and dropped) as it is read. exceljs itself does not wait for the destination, so after each
 * batch of rows we wait for the destination to drain: that is the backpressure. Sheets: "Calls" (one
 * row per call, the CSV's columns) and "Criteria" (one row per call × criterion with the AI answer,
 * the final answer and whether a reviewer overrode it). Text is always written as a string cell,
 * never a formula, so a name starting with "=" is shown, not run.
 */
export async function writeXlsx(
  out: Writable,
  /** The Criteria sheet's rows, in the same order as `cursor` (ExportCursorDao.criteria). */
  second: { rows(): IterableIterator<CriterionExportRow>; close(): void },
  cursor: ExportCursor,
  redactor: Redactor | null,
  onRow: (done: number) => void,
): Promise<number> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Call Center QA';
  wb.created = new Date();
  const columns = columnsFor(cursor.criterionIds);
  const calls = wb.addWorksheet('Calls', { views: [{ state: 'frozen', ySplit: 1 }] });
  calls.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  calls.getRow(1).font = { bold: true };
  calls.getRow(1).commit();
  let n = 0;
  for (const row of cursor.rows()) {
    calls.addRow(rowCells(row, cursor.criterionIds, redactor).map(asCell)).commit();
    onRow(++n);
    if (n % 200 === 0) await settle(calls, out);
  }
  calls.commit();

  const crit = wb.addWorksheet('Criteria', { views: [{ state: 'frozen', ySplit: 1 }] });
  crit.columns = [
    { header: 'recording_id', key: 'rid', width: 12 },
    { header: 'file_name', key: 'file', width: 32 },
    { header: 'agent', key: 'agent', width: 18 },
    { header: 'criterion_id', key: 'cid', width: 22 },
    { header: 'section', key: 'section', width: 18 },
    { header: 'question', key: 'question', width: 60 },
    { header: 'ai_answer', key: 'ai', width: 10 },
    { header: 'final_answer', key: 'final', width: 12 },
    { header: 'overridden', key: 'overridden', width: 10 },
    { header: 'passed', key: 'passed', width: 8 },
  ];
  crit.getRow(1).font = { bold: true };
  crit.getRow(1).commit();
  // A second cursor in the same order: the zip holds one sheet at a time, so the criteria rows
  // (per call × criterion) cannot be interleaved with the call rows.
  try {
    let k = 0;
    for (const c of second.rows()) {
      crit.addRow([c.rid, c.file, c.agent, c.cid, c.section, c.question, c.ai, c.final, !!c.overridden, c.passed === null ? null : !!c.passed].map(asCell)).commit();
      if (++k % 500 === 0) await settle(crit, out);
    }
  } finally {
    second.close();
  }
  crit.commit();
  await wb.commit();
  return n;
}

/**
 * exceljs's worksheet stream writes into the zip (archiver) without honouring backpressure: rows
 * committed faster than deflate consumes them pile up in the PassThrough between the two (measured:
 * ~300 MB for 50,000 calls). So after each batch we wait while that buffer holds more than 2 MB
 * (the shape is exceljs 4's internals, read defensively: if it changes we only wait for `out`).
 */
const MAX_BACKLOG = 2 * 2 ** 20;
interface StreamState { length?: number }
type SheetInternals = { stream?: { pipes?: { _readableState?: StreamState; _writableState?: StreamState }[] } };
function backlog(sheet: unknown): number {
  const pipes = (sheet as SheetInternals).stream?.pipes ?? [];
  return pipes.reduce((a, p) => a + (p._readableState?.length ?? 0) + (p._writableState?.length ?? 0), 0);
}
async function settle(sheet: unknown, out: Writable): Promise<void> {
  while (backlog(sheet) > MAX_BACKLOG) await new Promise((r) => setImmediate(r));
  await waitDrain(out);
}

/** exceljs treats an object like {formula} specially; plain strings are never formulas. */
const asCell = (v: Cell) => (v === null ? null : v);

