import { useEffect, useRef } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { EmptyState } from '../components/EmptyState.js';
import { retryableRow, useImport } from '../stores/import-store.js';
import { collectPicked } from './import/collect-drop.js';
import { EstimateSummary } from './estimate/EstimateSummary.js';
import { ImportRows, KeptFailures } from './import/ImportRows.js';
import { SidecarPicker, SidecarReports } from './import/SidecarPicker.js';
import { ViewHeader } from './ViewHeader.js';
import './import/import.css';

const calls = (n: number) => `${n} call${n === 1 ? '' : 's'}`;

/**
 * Drop zone (the whole window, see DropOverlay), pickers, live batch progress and per-file results in
 * calls (a file name opens its call), and the failed files of earlier batches until dismissed.
 */
export function ImportView() {
  const { rows, counts, total, done, running, upload, error, start, retryFailed, estimate, refreshEstimate, batchId, failures, loadFailures, dismiss, retryKept } = useImport();
  useEffect(() => {
    void loadFailures();
  }, [loadFailures]);
  const currentKept = failures.filter((f) => f.batchId === batchId);
  const earlierKept = failures.filter((f) => f.batchId !== batchId);
  const retryable = rows.filter(retryableRow).length;
  // While the batch's paid steps run, what it has cost so far follows along.
  const settled = !estimate || estimate.actual.stepsLeft === 0;
  useEffect(() => {
    if (settled) return;
    const t = setInterval(() => void refreshEstimate(), 3000);
    return () => clearInterval(t);
  }, [settled, refreshEstimate]);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const onPicked = (list: FileList | null) => {
    if (list?.length) void start(collectPicked(list));
  };
  const pct = upload ? (upload.total ? upload.sent / upload.total : 0) : total ? done / total : 0;

  const actions = (
    <>
      <button type="button" className="btn primary" disabled={running} onClick={() => filesInput.current?.click()}>Import files…</button>
      <button type="button" className="btn" disabled={running} onClick={() => folderInput.current?.click()}>Import folder…</button>
      <SidecarPicker disabled={running} />
      <input ref={filesInput} type="file" multiple hidden aria-label="Choose recordings" onChange={(e) => { onPicked(e.target.files); e.target.value = ''; }} />
      <input
        ref={folderInput} type="file" hidden aria-label="Choose a folder of recordings"
        {...({ webkitdirectory: '' } as Record<string, string>)}
        onChange={(e) => { onPicked(e.target.files); e.target.value = ''; }}
      />
    </>
  );

  return (
    <>
      <ViewHeader title="Import" subtitle="Add call recordings to your library." actions={actions} />
      {error ? <ErrorBanner error={error} /> : null}
      {rows.length === 0 && !running && !failures.length ? (
        <EmptyState icon="import" title="Drop call recordings here">
          <p>Drag files or whole folders of recordings anywhere onto this window: WAV, MP3, M4A, OGG, FLAC, WebM or MP4.</p>
          <p className="muted">A calls.csv or calls.xlsx in the folder fills in agent, queue and call details by file name.</p>
        </EmptyState>
      ) : rows.length === 0 && !running ? null : (
        <section className="card import-batch" aria-label="Import batch">
          <div className="import-summary">
            <div className="import-progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct * 100)}>
              <div className="import-progress-fill" style={{ width: `${Math.round(pct * 100)}%` }} />
            </div>
            <div className="import-counts" aria-live="polite">
              <span>{upload ? `Uploading… ${Math.round(pct * 100)}%` : running ? `Importing ${done} of ${total ?? '…'} files` : `Done: ${done} file${done === 1 ? '' : 's'}`}</span>
              <span className={`count imported${counts.imported ? '' : ' zero'}`}>{calls(counts.imported)} imported</span>
              <span className={`count duplicate${counts.duplicate ? '' : ' zero'}`}>{calls(counts.duplicate)} already in</span>
              <span className={`count failed${counts.failed ? '' : ' zero'}`}>{counts.failed} file{counts.failed === 1 ? '' : 's'} failed</span>
              {!running && retryable > 0 ? (
                <button type="button" className="btn" onClick={() => void retryFailed()}>Retry failed ({retryable})</button>
              ) : null}
            </div>
          </div>
          {estimate ? <EstimateSummary title="Provider cost of this batch" estimate={estimate.estimate} actual={estimate.actual} /> : null}
          <SidecarReports />
          <ImportRows rows={rows} kept={currentKept} onDismiss={(id) => void dismiss({ ids: [id] })} />
        </section>
      )}
      <KeptFailures failures={earlierKept} onDismiss={(id) => void dismiss({ ids: [id] })} onDismissBatch={(id) => void dismiss({ batchId: id })}
        onDismissAll={() => void dismiss()} onRetry={(id) => void retryKept(id)} />
    </>
  );
}
