import { useEffect } from 'react';
import { useImport } from '../stores/import-store.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { problemKey, problemRanges, useProblems, type ProblemRange } from '../stores/problems-store.js';
import { providerName } from './provider-name.js';
import { stepLabels } from './queue/labels.js';
import { ViewHeader } from './ViewHeader.js';
import './problems/problems.css';
import { dateTime } from '../../../preload/contract/time-format.js';

const categoryLabels: Record<string, string> = {
  network: 'Network', auth: 'Key or access', rate_limit: 'Rate limit', provider: 'Provider error', invalid_input: 'Invalid input',
  not_found: 'Not found', unsupported_media: 'Unsupported audio', storage: 'Storage', internal: 'Internal error',
};

/** Open the Calls view on exactly these calls (the `ids` filter of the Calls list). */
const openCalls = (ids: readonly number[]) => (window.location.hash = `#/calls?ids=${ids.join(',')}`);

/**
 * Error tracking: every failed step attempt, grouped by category × step × provider × message. A
 * reviewer sees what fails most, opens the calls it hit, and retries a whole group once the cause is
 * fixed (a key, a provider outage, a setting).
 */
export function ProblemsView() {
  const { range, groups, error, busy, setRange, load, retry } = useProblems();
  // Files an import could not bring in are not steps: the Import view keeps them until dismissed.
  const failedImports = useImport((s) => s.failures.length);
  useEffect(() => {
    void useProblems.getState().load();
    void useImport.getState().loadFailures();
  }, []);

  const actions = (
    <label className="problems-range">
      <span className="muted">Period</span>
      <select aria-label="Period" value={range} onChange={(e) => setRange(e.target.value as ProblemRange)}>
        {problemRanges.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
      </select>
    </label>
  );
  return (
    <>
      <ViewHeader title="Problems" subtitle="Failed steps, grouped by cause. Fix the cause, then retry the whole group." actions={actions} />
      {error ? <ErrorBanner error={error} onRetry={() => void load()} /> : null}
      {failedImports ? (
        <p className="card problems-imports" role="status">
          {failedImports} file{failedImports === 1 ? '' : 's'} could not be imported. <a href="#/import">See them in Import</a>
        </p>
      ) : null}
      {groups && groups.length === 0 ? (
        <EmptyState icon="problems" title={failedImports ? 'No failed steps in this period' : 'No problems in this period'}>
          <p>Every step that ran succeeded, or retried until it did. Failures appear here grouped by cause, with the calls they affected.</p>
        </EmptyState>
      ) : null}
      {groups && groups.length > 0 ? (
        <table className="problems-table">
          <caption className="sr-only">Problems by cause</caption>
          <thead>
            <tr>
              <th scope="col">Problem</th>
              <th scope="col">Step</th>
              <th scope="col" className="num">Times</th>
              <th scope="col" className="num">Calls</th>
              <th scope="col">Seen</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const key = problemKey(g);
              return (
                <tr key={key}>
                  <td>
                    <span className={`problems-category cat-${g.category}`}>{categoryLabels[g.category] ?? g.category}</span>
                    <p className="problems-message">{g.message}</p>
                    {g.hint ? <p className="muted small">{g.hint}</p> : null}
                  </td>
                  <td>{stepLabels[g.step] ?? g.step}<br /><span className="muted small">{providerName(g.provider)}</span></td>
                  <td className="num">{g.count}</td>
                  <td className="num">{g.recordings}{g.failedNow ? <><br /><span className="muted small">{g.failedNow} still failed</span></> : null}</td>
                  <td className="small problems-seen"><span className="muted">First</span> {dateTime(g.firstSeen)}<br /><span className="muted">Last</span> {dateTime(g.lastSeen)}</td>
                  <td className="problems-actions">
                    <button type="button" className="btn" onClick={() => openCalls(g.recordingIds)} disabled={!g.recordingIds.length}>Open calls</button>
                    <button type="button" className="btn primary" onClick={() => void retry(g, stepLabels[g.step] ?? g.step)} disabled={!g.failedNow || busy === key}
                      aria-label={`Retry ${g.failedNow} failed ${stepLabels[g.step] ?? g.step} steps: ${g.message}`}>
                      Retry all ({g.failedNow})
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
