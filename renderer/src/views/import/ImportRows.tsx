import type { ImportFailure, ImportFileResult } from '../../../../preload/contract/schemas/recordings.js';
import { retryableRow, rowKind, sameFile } from '../../stores/import-store.js';
import { clock, dateTime } from '../../../../preload/contract/time-format.js';

const length = (sec: number | undefined): string => (sec === undefined ? '' : clock(sec));

const label = { imported: 'New call', duplicate: 'Already in', failed: 'Failed' } as const;

/** The call page of a recording: file names open it. */
const callHref = (id: number) => `#/calls/${id}`;

/**
 * One row per finished file of the current batch: its call (the file name opens the call page; a
 * duplicate opens the call it already is), the duration, and for failures the reason, the fix and
 * Dismiss (the core keeps failures until then).
 */
export function ImportRows({ rows, kept, onDismiss }: { rows: ImportFileResult[]; kept: ImportFailure[]; onDismiss: (id: number) => void }) {
  return (
    <table className="import-rows" aria-label="Import results">
      <thead>
        <tr>
          <th>Call</th>
          <th>Status</th>
          <th className="num">Duration</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const kind = rowKind(r);
          const callId = r.ok ? r.recordingId : r.duplicateOf;
          const keptFailure = kind === 'failed' ? kept.find((f) => sameFile(f, r)) : undefined;
          return (
            <tr key={`${r.fileName}-${i}`} className={`import-row ${kind}`} data-kind={kind}>
              <td className="file" title={r.sourcePath ?? r.fileName}>
                {callId !== undefined ? <a href={callHref(callId)}>{r.fileName}</a> : r.fileName}
              </td>
              <td><span className={`pill ${kind}`}>{label[kind]}</span></td>
              <td className="num">{length(r.durationSec)}</td>
              <td className="details">
                {kind === 'duplicate' && callId !== undefined ? (
                  <span className="muted">Already imported: <a href={callHref(callId)}>open the existing call</a></span>
                ) : r.error ? (
                  <div className="import-failure">
                    <div>
                      <div className="reason">{r.error.message}</div>
                      <div className="hint">{r.error.hint}{retryableRow(r) ? '' : ' Importing it again will not help.'}</div>
                    </div>
                    {keptFailure ? (
                      <button type="button" className="btn ghost" onClick={() => onDismiss(keptFailure.id)} aria-label={`Dismiss ${r.fileName}`}>Dismiss</button>
                    ) : null}
                  </div>
                ) : (
                  <span className="muted">Queued for transcription and analysis</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// Batches a second apart must read apart: their time to the second.
const when = (ms: number) => dateTime(ms, { seconds: true });

/**
 * Failed files of earlier batches, kept by the core until dismissed: one group per batch with its
 * time, each file's reason and fix; Retry where importing again can help and the file's path is known
 * (an uploaded file must be chosen again).
 */
export function KeptFailures({ failures, onDismiss, onDismissBatch, onDismissAll, onRetry }: {
  failures: ImportFailure[];
  onDismiss: (id: number) => void;
  onDismissBatch: (batchId: string) => void;
  onDismissAll: () => void;
  onRetry: (batchId: string) => void;
}) {
  if (!failures.length) return null;
  const batches = new Map<string, ImportFailure[]>();
  for (const f of failures) batches.set(f.batchId, [...(batches.get(f.batchId) ?? []), f]);
  return (
    <section className="card import-kept" aria-label="Failed imports">
      <header className="import-kept-head">
        <div>
          <h2>Failed imports</h2>
          <p className="muted small">Kept until you dismiss them.</p>
        </div>
        <button type="button" className="btn" onClick={onDismissAll}>Dismiss all</button>
      </header>
      {[...batches].map(([batchId, list]) => {
        const retryable = list.filter((f) => f.retryable && f.sourcePath).length;
        return (
          <div key={batchId} className="import-kept-batch" role="group" aria-label={`Import of ${when(list[0]!.createdAt)}`}>
            <div className="import-kept-batch-head">
              <strong>Import of {when(list[0]!.createdAt)}</strong>
              <span className="muted">{list.length} file{list.length === 1 ? '' : 's'} failed</span>
              {retryable ? <button type="button" className="btn" onClick={() => onRetry(batchId)}>Retry {retryable === list.length ? 'all' : retryable}</button> : null}
              <button type="button" className="btn ghost" onClick={() => onDismissBatch(batchId)}>Dismiss batch</button>
            </div>
            <table className="import-rows" aria-label="Failed files">
              <tbody>
                {list.map((f) => (
                  <tr key={f.id} className="import-row failed" data-kind="failed">
                    <td className="file" title={f.sourcePath ?? f.fileName}>{f.fileName}</td>
                    <td className="details">
                      <div className="import-failure">
                        <div>
                          <div className="reason">{f.error.message}</div>
                          <div className="hint">{f.error.hint}{f.retryable ? (f.sourcePath ? '' : ' Choose the file again to retry.') : ' Importing it again will not help.'}</div>
                        </div>
                        <button type="button" className="btn ghost" onClick={() => onDismiss(f.id)} aria-label={`Dismiss ${f.fileName}`}>Dismiss</button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
