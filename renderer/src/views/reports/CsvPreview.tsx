import Papa from 'papaparse';
import { useMemo } from 'react';

const MAX_ROWS = 100;

/**
 * A CSV export previewed as the table a spreadsheet would show: the header row, then the first rows
 * (the preview fetched at most 200 000 characters, so the last line read may be cut: it is dropped).
 */
export function CsvPreview({ text }: { text: string }) {
  const { header, rows, more } = useMemo(() => {
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    const [head = [], ...body] = parsed.data;
    const complete = body.filter((r) => r.length === head.length);
    return { header: head, rows: complete.slice(0, MAX_ROWS), more: complete.length > MAX_ROWS };
  }, [text]);
  if (!header.length) return <p className="muted">The file is empty.</p>;
  return (
    <div className="reports-table-wrap">
      <table className="reports-table" aria-label="Report preview">
        <thead><tr>{header.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j} className={/^-?\d+(\.\d+)?$/.test(c) ? 'num' : undefined}>{c}</td>)}</tr>)}</tbody>
      </table>
      <p className="muted small">{more ? `The first ${MAX_ROWS} calls are shown; the saved file has them all.` : `${rows.length} call${rows.length === 1 ? '' : 's'}.`}</p>
    </div>
  );
}
