import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useCalls } from '../stores/calls-store.js';
import { useNav } from '../stores/nav-store.js';
import { CallsSkeleton, CallsTable } from './calls/CallsTable.js';
import { ColumnsMenu } from './calls/ColumnsMenu.js';
import { FilterBar } from './calls/FilterBar.js';
import { SavedFiltersMenu } from './calls/SavedFiltersMenu.js';
import { SearchBox } from './calls/SearchBox.js';
import { ProviderStep } from './calls/ProviderStep.js';
import { useCallsKeys } from './calls/use-calls-keys.js';
import { ViewHeader } from './ViewHeader.js';
import './calls/calls.css';

const nf = new Intl.NumberFormat();

/** The reviewer's home: every call, filtered, sorted and searchable, one keystroke from its detail. */
export function CallsView() {
  const go = useNav((s) => s.go);
  // Only what this frame shows: new rows arriving while scrolling re-render the table, not the whole view.
  const { total, loading, error, facets, filter, capped, init, refresh, clearFilters } = useCalls(useShallow((s) => ({
    total: s.total, loading: s.loading, error: s.error, facets: s.facets, filter: s.filter, capped: s.capped, init: s.init, refresh: s.refresh, clearFilters: s.clearFilters,
  })));
  const search = useRef<HTMLInputElement>(null);
  useCallsKeys(search);
  useEffect(() => init(), [init]);

  const libraryEmpty = facets?.total === 0 && total === 0;
  const filtered = Object.keys(filter).length > 0;

  return (
    <div className="calls-view">
      <ViewHeader
        title="Calls"
        subtitle={facets ? `${nf.format(facets.total)} calls in your library` : 'Every call in your library, with scores, flags and search.'}
        actions={<><SavedFiltersMenu /><ColumnsMenu /></>}
      />
      {libraryEmpty ? (
        <EmptyState icon="calls" title="No calls yet"
          action={<button type="button" className="btn primary" onClick={() => go('import')}>Import recordings</button>}>
          <p>Import call recordings to get a diarized transcript, local metrics and a QA scorecard with evidence for each call.</p>
          <ol className="steps">
            <li>Import recordings (drop a folder on the window).</li>
            <ProviderStep />
            <li>Review each scorecard, override what the AI got wrong, export reports.</li>
          </ol>
        </EmptyState>
      ) : (
        <>
          <div className="calls-toolbar">
            <SearchBox ref={search} />
            <FilterBar />
          </div>
          {error ? <ErrorBanner error={error} onRetry={refresh} /> : null}
          {total === null && loading ? (
            <CallsSkeleton />
          ) : total === 0 ? (
            <EmptyState icon="calls" title="No calls match"
              action={filtered ? <button type="button" className="btn primary" onClick={clearFilters}>Clear filters</button> : undefined}>
              <p>{filter.q ? `No transcript contains “${filter.q}” with these filters.` : 'No call matches these filters.'}</p>
            </EmptyState>
          ) : total !== null ? (
            <CallsTable />
          ) : null}
          <p className="calls-status-line muted small" role="status" aria-live="polite" aria-label="Call count">
            {total === null ? 'Loading calls…' : `${nf.format(total)} ${total === 1 ? 'call' : 'calls'}${filtered ? ' match' : ''}${capped ? ' among the newest matches (refine the search to reach older calls)' : ''}`}
            <span className="calls-keys" aria-hidden="true"><kbd>j</kbd><kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>/</kbd> search</span>
          </p>
        </>
      )}
    </div>
  );
}
