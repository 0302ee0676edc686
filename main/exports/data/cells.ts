/** A data export's table shape, shared by the column definitions and the CSV / XLSX writers. */
export type Cell = string | number | boolean | null;

export interface Column {
  key: string;
  header: string;
  width?: number;
}
