import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredUnpackedBytes, MAX_SIDECAR_ROWS, MAX_XLSX_UNPACKED_BYTES, parseSidecar } from '../../../main/domains/recordings/sidecar-parse.js';
import { xlsxBomb } from '../../robustness/corpus.js';

/** The sidecar limits of issue 11, at their edges, on real files. */
const dir = mkdtempSync(join(tmpdir(), 'cca-sidecar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (rows: number) => ['file,agent', ...Array.from({ length: rows }, (_, i) => `c${i}.wav,a${i % 7}`)].join('\n');

describe('sidecar limits', () => {
  it(`a CSV of exactly ${MAX_SIDECAR_ROWS.toLocaleString('en-US')} rows is read whole; one more is refused by name`, async () => {
    const ok = join(dir, 'ok.csv');
    writeFileSync(ok, csv(MAX_SIDECAR_ROWS));
    const parsed = await parseSidecar(ok);
    expect(parsed.report.rows).toBe(MAX_SIDECAR_ROWS);
    expect(parsed.byName.get(`c${MAX_SIDECAR_ROWS - 1}.wav`)).toEqual({ agent: `a${(MAX_SIDECAR_ROWS - 1) % 7}` });

    const over = join(dir, 'over.csv');
    writeFileSync(over, csv(MAX_SIDECAR_ROWS + 1));
    await expect(parseSidecar(over)).rejects.toMatchObject({ category: 'invalid_input', message: expect.stringContaining('"over.csv" has more than 200,000 rows') });
  }, 60_000);

  it('the zip directory tells the unpacked size without inflating, and a lying one is caught while streaming', async () => {
    const honest = join(dir, 'honest.xlsx');
    const bomb = xlsxBomb(70);
    writeFileSync(honest, bomb);
    const declared = await declaredUnpackedBytes(honest);
    expect(declared).toBeGreaterThan(70 * 1024 * 1024);
    expect(declared).toBeGreaterThan(bomb.length * 10);
    await expect(parseSidecar(honest)).rejects.toMatchObject({ message: expect.stringContaining(`unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB`) });

    const liar = join(dir, 'liar.xlsx');
    writeFileSync(liar, xlsxBomb(70, { lying: true }));
    expect(await declaredUnpackedBytes(liar)).toBeLessThan(64 * 1024);
    await expect(parseSidecar(liar)).rejects.toMatchObject({ message: expect.stringContaining('more than 200,000 rows') });
  }, 60_000);

  it('a file that is not a zip is named as not a valid XLSX', async () => {
    const p = join(dir, 'fake.xlsx');
    writeFileSync(p, 'file,agent\na.wav,dana\n');
    await expect(parseSidecar(p)).rejects.toMatchObject({ category: 'invalid_input', message: expect.stringContaining('"fake.xlsx" is not a valid XLSX file') });
  });
});
