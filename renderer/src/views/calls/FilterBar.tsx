import { callFlags, callStatuses, type CallFilter } from '../../../../preload/contract/schemas/calls.js';
import { useShallow } from 'zustand/react/shallow';
import { useCalls } from '../../stores/calls-store.js';
import { criterionNames, filterChips, flagLabel, statusLabel } from './format.js';
import { FilterChip } from './FilterChip.js';

/** Every filter of the list, each control with its own accessible name. */
export function FilterBar() {
  const { filter, facets, setFilter, clearFilters } = useCalls(useShallow((s) => ({ filter: s.filter, facets: s.facets, setFilter: s.setFilter, clearFilters: s.clearFilters })));
  const set = (patch: Partial<CallFilter>) => setFilter(patch);
  const active = Object.keys(filter).some((k) => k !== 'q');
  return (
    <div className="calls-filters" role="group" aria-label="Filters">
      <label className="calls-field">
        <span>From</span>
        <input type="date" aria-label="From date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
      </label>
      <label className="calls-field">
        <span>To</span>
        <input type="date" aria-label="To date" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
      </label>
      <label className="calls-field">
        <span>Agent</span>
        <select aria-label="Agent" value={filter.agent ?? ''} onChange={(e) => set({ agent: e.target.value || undefined })}>
          <option value="">All agents</option>
          {facets?.agents.map((a) => <option key={a.value} value={a.value}>{a.value} ({a.count})</option>)}
        </select>
      </label>
      <label className="calls-field">
        <span>Queue</span>
        <select aria-label="Queue" value={filter.queue ?? ''} onChange={(e) => set({ queue: e.target.value || undefined })}>
          <option value="">All queues</option>
          {facets?.queues.map((q) => <option key={q.value} value={q.value}>{q.value} ({q.count})</option>)}
        </select>
      </label>
      <RangeField id="calls-score-label" label="Score" what="score" min={filter.minScore} max={filter.maxScore} onChange={(minScore, maxScore) => set({ minScore, maxScore })} />
      <RangeField id="calls-quality-label" label="Quality" what="transcript quality" min={filter.minQuality} max={filter.maxQuality} onChange={(minQuality, maxQuality) => set({ minQuality, maxQuality })} />
      <label className="calls-field">
        <span>Status</span>
        <select aria-label="Status" value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as CallFilter['status'] })}>
          <option value="">Any status</option>
          {callStatuses.map((s) => <option key={s} value={s}>{statusLabel[s]}</option>)}
        </select>
      </label>
      <label className="calls-field">
        <span>Review</span>
        <select aria-label="Reviewed" value={filter.reviewed ?? ''} onChange={(e) => set({ reviewed: (e.target.value || undefined) as CallFilter['reviewed'] })}>
          <option value="">All</option>
          <option value="reviewed">Reviewed</option>
          <option value="unreviewed">Not reviewed</option>
        </select>
      </label>
      <label className="calls-field">
        <span>Flag</span>
        <select aria-label="Flag" value={filter.flag ?? ''} onChange={(e) => set({ flag: (e.target.value || undefined) as CallFilter['flag'] })}>
          <option value="">Any</option>
          {callFlags.map((f) => <option key={f} value={f}>{flagLabel[f]}</option>)}
        </select>
      </label>
      {filterChips(filter, criterionNames(facets)).map((c) => (
        <FilterChip key={c.key} label={c.label} value={c.value} onClear={() => set(c.clear)} />
      ))}
      {active ? (
        <button type="button" className="btn ghost calls-clear" onClick={clearFilters}>Clear filters</button>
      ) : null}
    </div>
  );
}

const num = (v: string) => (v === '' ? undefined : Math.max(0, Math.min(100, Number(v))));

/** A 0–100 from–to pair (score, transcript quality), each end optional. */
function RangeField({ id, label, what, min, max, onChange }: {
  id: string; label: string; what: string; min: number | undefined; max: number | undefined; onChange: (min: number | undefined, max: number | undefined) => void;
}) {
  return (
    <div className="calls-field">
      <span id={id}>{label}</span>
      <div className="calls-range" role="group" aria-labelledby={id}>
        <input type="number" min={0} max={100} placeholder="0" aria-label={`Minimum ${what}`} value={min ?? ''} onChange={(e) => onChange(num(e.target.value), max)} />
        <span aria-hidden="true">–</span>
        <input type="number" min={0} max={100} placeholder="100" aria-label={`Maximum ${what}`} value={max ?? ''} onChange={(e) => onChange(min, num(e.target.value))} />
      </div>
    </div>
  );
}
