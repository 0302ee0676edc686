/** A data export's table shape, shared by the column definitions and the CSV / XLSX writers. */
export type Cell = string | number | boolean | null;

export interface Column {
  key: string;
  header: string;
  width?: number;
  /** Numbers are rounded to this many decimals (a ratio to 0.477, not 0.47654788162612505). */
  decimals?: number;
}

/** Each number rounded to its column's decimals; the writers (CSV, XLSX) get the rounded values. */
export function roundCells(cells: Cell[], columns: readonly Column[]): Cell[] {
  return cells.map((v, i) => {
    const d = columns[i]?.decimals;
    if (typeof v !== 'number' || d === undefined || !Number.isFinite(v)) return v;
    const f = 10 ** d;
    return Math.round(v * f) / f;
  });
}
