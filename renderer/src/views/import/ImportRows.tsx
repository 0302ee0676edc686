import type { ImportFileResult } from '../../../../preload/contract/schemas/recordings.js';
import { rowKind } from '../../stores/import-store.js';
import { clock } from '../../../../preload/contract/time-format.js';

const length = (sec: number | undefined): string => (sec === undefined ? '' : clock(sec));

const label = { imported: 'Imported', duplicate: 'Duplicate', failed: 'Failed' } as const;

/** One row per finished file: what happened, the duration, and for problems the reason and the fix. */
export function ImportRows({ rows }: { rows: ImportFileResult[] }) {
  return (
    <table className="import-rows" aria-label="Import results">
      <thead>
        <tr>
          <th>File</th>
          <th>Status</th>
          <th className="num">Duration</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const kind = rowKind(r);
          return (
            <tr key={`${r.fileName}-${i}`} className={`import-row ${kind}`} data-kind={kind}>
              <td className="file" title={r.sourcePath ?? r.fileName}>{r.fileName}</td>
              <td><span className={`pill ${kind}`}>{label[kind]}</span></td>
              <td className="num">{length(r.durationSec)}</td>
              <td className="details">
                {r.error ? (
                  <>
                    <div className="reason">{r.error.message}</div>
                    <div className="hint">{r.error.hint}</div>
                  </>
                ) : (
                  <span className="muted">Recording #{r.recordingId}: queued for processing</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
