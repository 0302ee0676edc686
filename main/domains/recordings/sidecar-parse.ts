import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { CallMetadata, SidecarReport } from '../../../preload/contract/schemas/recordings.js';
import { fsError } from '../../audio/audio-errors.js';
import { AppError, isAppError } from '../../errors.js';
import { normaliseCallTime, normaliseDirection } from './metadata-values.js';

/**
 * Reads a calls.csv / calls.xlsx sidecar, one row per call, into a report and a file name → metadata
 * map. Runs on the sidecar worker thread (sidecar-worker.ts, started by sidecar.ts), never on the
 * thread serving the API. Bounded while streaming (issue 11): at most MAX_SIDECAR_ROWS data rows, and
 * an XLSX whose zip declares more than MAX_XLSX_UNPACKED_BYTES unpacked is refused before any of it
 * is inflated. Column names are forgiving (File, file_name, Recording…). A row that cannot be used is
 * reported with its line number and skipped; the rest still apply.
 */

export const MAX_SIDECAR_ROWS = 200_000;
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;

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

export interface ParsedSidecar {
  report: SidecarReport;
  /** Lower-cased file name → metadata, first listing wins (stems are added by the caller). */
  byName: Map<string, Partial<CallMetadata>>;
}

const tooManyRows = (fileName: string) =>
  new AppError('invalid_input', `The sidecar "${fileName}" has more than ${MAX_SIDECAR_ROWS.toLocaleString('en-US')} rows (the limit for one sidecar).`,
    `Split it into files of at most ${MAX_SIDECAR_ROWS.toLocaleString('en-US')} rows, or keep only the rows for the recordings you import.`);

/** Parse the sidecar at `path` (its size was checked by the caller). Throws AppErrors for limits. */
export async function parseSidecar(path: string): Promise<ParsedSidecar> {
  const report: SidecarReport = { fileName: basename(path), rows: 0, matched: 0, badRows: [] };
  const byName = new Map<string, Partial<CallMetadata>>();
  const sink = new RowSink(report, byName);
  if (extname(path).toLowerCase() === '.xlsx') await readXlsx(path, sink);
  else await readCsv(path, sink);
  if (!sink.hasHeader) sink.header([]);
  return { report, byName };
}

/** Applies rows one at a time as the parser produces them, so no table of the whole file is held. */
class RowSink {
  private columns: (keyof CallMetadata | 'file' | 'date' | 'time' | undefined)[] = [];
  private fileCol = -1;
  private readonly firstLine = new Map<string, number>();
  hasHeader = false;

  constructor(private readonly report: SidecarReport, private readonly byName: Map<string, Partial<CallMetadata>>) {}

  header(cells: Cell[]): void {
    this.hasHeader = true;
    this.columns = cells.map((h) => HEADER_ALIASES[normHeader(String(h ?? ''))]);
    this.fileCol = this.columns.indexOf('file');
    if (this.fileCol < 0) {
      throw new AppError('invalid_input', `The sidecar "${this.report.fileName}" has no file name column (looked for "file", "file_name", "recording").`,
        'Add a column named "file" with each recording\'s file name, e.g. 2024-05-02_dana_C1001.wav.');
    }
  }

  row(line: number, cells: Cell[]): void {
    const { report, byName, columns, firstLine } = this;
    if (report.rows >= MAX_SIDECAR_ROWS) throw tooManyRows(report.fileName);
    report.rows++;
    const text = (i: number) => {
      const c = cells[i];
      return c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c).trim();
    };
    const file = basename(text(this.fileCol).replace(/\\/g, '/'));
    if (!file) {
      report.badRows.push({ line, message: 'no file name' });
      return;
    }
    const meta: Partial<CallMetadata> = {};
    let date = '';
    let time = '';
    const problems: string[] = [];
    columns.forEach((col, i) => {
      const v = text(i);
      if (!col || col === 'file' || !v) return;
      if (col === 'date') date = cells[i] instanceof Date ? (cells[i]).toISOString().slice(0, 10) : v;
      else if (col === 'time') time = v;
      else if (col === 'direction') {
        const d = normaliseDirection(v);
        if (d) meta.direction = d;
        else problems.push(`direction "${v}" is not inbound or outbound`);
      } else if (col === 'callTime') {
        const t = normaliseCallTime(cells[i] instanceof Date ? (cells[i]) : v);
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
      return;
    }
    firstLine.set(key, line);
    byName.set(key, meta);
  }
}

/** Streams the CSV through papaparse row by row; stops reading at the first error (or limit). */
function readCsv(path: string, sink: RowSink): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path, { encoding: 'utf8' });
    let failure: Error | undefined;
    let index = 0; // records so far, empty ones included: record i (0 = header) is on line i+1
    const fail = (e: unknown) => {
      failure ??= e instanceof Error ? e : new Error(String(e));
      stream.destroy();
    };
    stream.on('error', (e) => {
      failure ??= fsError(path, e);
      reject(failure);
    });
    Papa.parse<string[]>(stream, {
      skipEmptyLines: false,
      step: (results, parser) => {
        if (failure) return;
        try {
          const cells = results.data;
          if (index++ === 0) {
            if (typeof cells[0] === 'string') cells[0] = cells[0].replace(/^\uFEFF/, '');
            sink.header(cells);
          } else if (cells.some((c) => c.trim() !== '')) {
            // Quoted newlines are rare in call exports: a record's line is its index + 1.
            sink.row(index, cells);
          }
        } catch (e) {
          fail(e);
          parser.abort();
        }
      },
      complete: () => (failure ? reject(failure) : resolve()),
      error: (e: Error) => reject(failure ?? e),
    });
  });
}

/**
 * What the zip's central directory says its entries unpack to, in total: read from the end of the file
 * only, nothing inflated. Stops adding once over `limit`. Throws when the file is not a zip at all.
 */
export async function declaredUnpackedBytes(path: string, limit = Number.MAX_SAFE_INTEGER): Promise<number> {
  const notXlsx = () => new AppError('invalid_input', `The sidecar "${basename(path)}" is not a valid XLSX file (no zip directory found).`, 'Save it again as CSV (UTF-8) or XLSX and retry.');
  const fh = await open(path, 'r').catch((e: unknown) => { throw fsError(path, e); });
  try {
    const size = (await fh.stat()).size;
    const read = async (at: number, n: number): Promise<Buffer> => {
      if (at < 0 || n < 0 || at + n > size) throw notXlsx();
      const b = Buffer.alloc(n);
      const { bytesRead } = await fh.read(b, 0, n, at);
      if (bytesRead !== n) throw notXlsx();
      return b;
    };
    // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the very end.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tailAt = size - tailLen;
    const tail = await read(tailAt, tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notXlsx();
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdAt = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdAt === 0xffffffff) {
      // Zip64: the locator (20 bytes) just before the EOCD points at the zip64 EOCD record.
      const loc = await read(tailAt + eocd - 20, 20);
      if (loc.readUInt32LE(0) !== 0x07064b50) throw notXlsx();
      const rec = await read(Number(loc.readBigUInt64LE(8)), 56);
      if (rec.readUInt32LE(0) !== 0x06064b50) throw notXlsx();
      entries = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdAt = Number(rec.readBigUInt64LE(48));
    }
    const cd = await read(cdAt, cdSize);
    let total = 0;
    let p = 0;
    for (let n = 0; n < entries && total <= limit; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw notXlsx();
      let unpacked = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      if (unpacked === 0xffffffff) {
        // The real size is the first field of the zip64 extra block (id 1).
        const extra = cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
        for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
          if (extra.readUInt16LE(e) === 1 && e + 12 <= extra.length) {
            unpacked = Number(extra.readBigUInt64LE(e + 4));
            break;
          }
        }
      }
      total += unpacked;
      p += 46 + nameLen + extraLen + commentLen;
    }
    return total;
  } finally {
    await fh.close();
  }
}

async function readXlsx(path: string, sink: RowSink): Promise<void> {
  const fileName = basename(path);
  const unpacked = await declaredUnpackedBytes(path, MAX_XLSX_UNPACKED_BYTES);
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) {
    throw new AppError('invalid_input', `The sidecar "${fileName}" unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB (the limit for an XLSX sidecar).`,
      `Save it as CSV (UTF-8) instead, or keep only the rows for the recordings you import (at most ${MAX_SIDECAR_ROWS.toLocaleString('en-US')}).`,
      { details: { declaredBytesAtLeast: unpacked } });
  }
  // exceljs is heavy and sidecars are rare: load it only when an XLSX sidecar shows up. The streaming
  // reader holds one row at a time (plus shared strings), so a zip that lies about its sizes still
  // stops at the row limit; the worker's heap limit is the last line.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const value = (c: ExcelJS.Cell): Cell => {
    const v = c.value;
    if (v === null || v === undefined) return null;
    if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object' && 'result' in v) return v.result as Cell;
    return c.text;
  };
  try {
    for await (const sheet of reader) {
      // The first worksheet only.
      for await (const row of sheet) {
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: true }, (c, col) => (cells[col - 1] = value(c)));
        if (row.number === 1) sink.header(cells.map((c) => String(c ?? '')));
        else {
          if (!sink.hasHeader) sink.header([]);
          sink.row(row.number, cells);
        }
      }
      break;
    }
  } catch (e) {
    if (isAppError(e)) throw e;
    // exceljs's own failures (a damaged zip, XML it cannot follow, cells without references) say
    // nothing a reviewer can act on: name the file and what to do.
    throw new AppError('invalid_input', `The sidecar "${fileName}" is not an XLSX file this app can read (${e instanceof Error ? e.message : String(e)}).`,
      'Open it in Excel or LibreOffice and save it again as XLSX, or as CSV (UTF-8).', { cause: e });
  }
}
