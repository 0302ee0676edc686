import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { CallMetadata, SidecarReport } from '../../../preload/contract/schemas/recordings.js';
import { fsError } from '../../audio/audio-errors.js';
import { AppError, isAppError, toErrorInfo } from '../../errors.js';
import { normaliseCallTime, normaliseDirection } from './metadata-values.js';

/**
 * A calls.csv / calls.xlsx next to the recordings, one row per call, matched to files by name. Column
 * names are forgiving (File, file_name, Recording…). A row that cannot be used is reported with its
 * line number and skipped; the rest still apply.
 */

export interface Sidecar {
  report: SidecarReport;
  /** Lower-cased file name and file stem → metadata. */
  lookup(fileName: string): Partial<CallMetadata> | undefined;
}

const MAX_SIDECAR_BYTES = 50 * 1024 * 1024;

const HEADER_ALIASES: Record<string, keyof CallMetadata | 'file' | 'date' | 'time'> = {
  file: 'file', filename: 'file', recording: 'file', recordingfile: 'file', audio: 'file', audiofile: 'file',
  agent: 'agent', agentname: 'agent', agentid: 'agent',
  customer: 'customer', customername: 'customer', caller: 'customer',
  account: 'account', accountid: 'account', accountnumber: 'account',
  queue: 'queue', queuename: 'queue',
  campaign: 'campaign', campaignname: 'campaign',
  calltime: 'callTime', starttime: 'callTime', datetime: 'callTime', calldate: 'date', date: 'date', time: 'time',
  direction: 'direction', calldirection: 'direction',
  callid: 'externalCallId', externalcallid: 'externalCallId', externalid: 'externalCallId', id: 'externalCallId',
};

const normHeader = (h: string) => h.toLowerCase().replace(/[^a-z]/g, '');

type Cell = string | Date | number | null | undefined;

export async function readSidecar(path: string): Promise<Sidecar> {
  const report: SidecarReport = { fileName: basename(path), rows: 0, matched: 0, badRows: [] };
  const byName = new Map<string, Partial<CallMetadata>>();
  const lookup = (fileName: string) => {
    const lower = fileName.toLowerCase();
    return byName.get(lower) ?? byName.get(lower.replace(/\.[^.]+$/, ''));
  };
  try {
    const size = (await stat(path).catch((e: unknown) => { throw fsError(path, e); })).size;
    if (size > MAX_SIDECAR_BYTES) throw new AppError('invalid_input', `The sidecar "${basename(path)}" is larger than 50 MB.`, 'Split it, or keep only the rows for the recordings you import.');
    const table = extname(path).toLowerCase() === '.xlsx' ? await readXlsx(path) : await readCsv(path);
    applyRows(table, report, byName);
  } catch (e) {
    report.error = isAppError(e)
      ? e.toInfo()
      : { ...toErrorInfo(e), category: 'invalid_input', message: `The sidecar "${basename(path)}" could not be read: ${(e as Error).message}.`, hint: 'Save it again as CSV (UTF-8) or XLSX and retry.' };
  }
  return { report, lookup };
}

interface Table {
  header: string[];
  rows: { line: number; cells: Cell[] }[];
}

async function readCsv(path: string): Promise<Table> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const [header = [], ...rest] = parsed.data;
  // Row i of the data is on line i+2 (line 1 is the header); quoted newlines are rare in call exports.
  const rows = rest.map((cells, i) => ({ line: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { header, rows };
}

async function readXlsx(path: string): Promise<Table> {
  // exceljs is heavy and sidecars are rare: load it only when an XLSX sidecar shows up.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const value = (c: ExcelJS.Cell): Cell => {
    const v = c.value;
    if (v === null || v === undefined) return null;
    if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object' && 'result' in v) return v.result as Cell;
    return c.text;
  };
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (c, col) => (header[col - 1] = String(value(c) ?? '')));
  const rows: Table['rows'] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => (cells[col - 1] = value(c)));
    rows.push({ line, cells });
  });
  return { header, rows };
}

function applyRows(table: Table, report: SidecarReport, byName: Map<string, Partial<CallMetadata>>): void {
  const columns = table.header.map((h) => HEADER_ALIASES[normHeader(String(h))]);
  const fileCol = columns.indexOf('file');
  if (fileCol < 0) {
    throw new AppError('invalid_input', `The sidecar "${report.fileName}" has no file name column (looked for "file", "file_name", "recording").`,
      'Add a column named "file" with each recording\'s file name, e.g. 2024-05-02_dana_C1001.wav.');
  }
  const firstLine = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    report.rows++;
    const text = (i: number) => {
      const c = cells[i];
      return c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c).trim();
    };
    const file = basename(text(fileCol).replace(/\\/g, '/'));
    if (!file) {
      report.badRows.push({ line, message: 'no file name' });
      continue;
    }
    const meta: Partial<CallMetadata> = {};
    let date = '';
    let time = '';
    const problems: string[] = [];
    columns.forEach((col, i) => {
      const v = text(i);
      if (!col || col === 'file' || !v) return;
      if (col === 'date') date = cells[i] instanceof Date ? (cells[i] as Date).toISOString().slice(0, 10) : v;
      else if (col === 'time') time = v;
      else if (col === 'direction') {
        const d = normaliseDirection(v);
        if (d) meta.direction = d;
        else problems.push(`direction "${v}" is not inbound or outbound`);
      } else if (col === 'callTime') {
        const t = normaliseCallTime(cells[i] instanceof Date ? (cells[i] as Date) : v);
        if (t) meta.callTime = t;
        else problems.push(`call time "${v}" is not a date (use 2024-05-02 14:30)`);
      } else meta[col] = v.slice(0, 200);
    });
    if (date && !meta.callTime) {
      const t = normaliseCallTime(time ? `${date} ${time}` : date);
      if (t) meta.callTime = t;
      else problems.push(`date "${[date, time].filter(Boolean).join(' ')}" is not a date (use 2024-05-02 14:30)`);
    }
    const key = file.toLowerCase();
    if (firstLine.has(key)) problems.push(`"${file}" is already listed on line ${firstLine.get(key)}`);
    if (problems.length) {
      report.badRows.push({ line, message: problems.join('; ') });
      continue;
    }
    firstLine.set(key, line);
    byName.set(key, meta);
    const stem = key.replace(/\.[^.]+$/, '');
    if (stem !== key && !byName.has(stem)) byName.set(stem, meta);
  }
}
