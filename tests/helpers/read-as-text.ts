import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** A response body as the words a person would read in it, whatever the format. */
export async function readAsText(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  if (type.includes('pdf')) return execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString();
  if (type.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))));
    return cells.join('\n');
  }
  if (type.includes('wordprocessingml')) {
    const dir = mkdtempSync(join(tmpdir(), 'cca-docx-'));
    writeFileSync(join(dir, 'f.docx'), bytes);
    const xml = execFileSync('unzip', ['-p', join(dir, 'f.docx'), 'word/document.xml']).toString();
    rmSync(dir, { recursive: true, force: true });
    return xml.replace(/<[^>]+>/g, ' ');
  }
  if (type.startsWith('audio/')) return '';
  return bytes.toString('utf8');
}
