import type { ExportKind } from '../../../../preload/contract/schemas/exports.js';
import { transport } from '../../api/client.js';
import { useCalls } from '../../stores/calls-store.js';
import { useReports } from '../../stores/reports-store.js';
import { criterionNames, filterInWords } from '../calls/format.js';
import { kindInfo, kinds } from './report-kinds.js';
import { FilterChip } from '../calls/FilterChip.js';
import { CallPicker } from './CallPicker.js';

/** Report type, scope and options; Preview and Save. Rules (paths, redaction) live in the store. */
export function ExportForm() {
  const s = useReports();
  const filter = useCalls((c) => c.filter);
  const setFilter = useCalls((c) => c.setFilter);
  const clearFilters = useCalls((c) => c.clearFilters);
  const facets = useCalls((c) => c.facets);
  const chips = filterInWords(filter, criterionNames(facets));
  const info = kindInfo(s.kind);
  const pct = s.progress?.total ? Math.round((s.progress.done / s.progress.total) * 100) : null;
  return (
    <section className="card reports-form" aria-label="New export">
      <div className="field">
        <label htmlFor="report-kind">Report type</label>
        <select id="report-kind" value={s.kind} onChange={(e) => s.set({ kind: e.target.value as ExportKind })}>
          {kinds.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
      </div>

      {info.scope === 'call' ? <CallPicker /> : null}

      {info.scope === 'agent' ? (
        <div className="field">
          <label htmlFor="report-agent">Agent</label>
          <select id="report-agent" value={s.agent} onChange={(e) => s.set({ agent: e.target.value })}>
            {s.agents.length ? null : <option value="">No agents yet</option>}
            {s.agents.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
      ) : null}

      {info.scope === 'agent' || info.scope === 'team' ? (
        <div className="field">
          <span className="label">Period</span>
          <div className="row">
            <input type="date" aria-label="From date" value={s.from} onChange={(e) => s.set({ from: e.target.value })} />
            <input type="date" aria-label="To date" value={s.to} onChange={(e) => s.set({ to: e.target.value })} />
          </div>
        </div>
      ) : null}

      {info.scope === 'filter' ? (
        <div className="reports-scope" role="group" aria-label="Calls in this export">
          {chips.length ? (
            <>
              <span className="muted">Calls matching the Calls list's filters:</span>
              {chips.map((c) => (
                <FilterChip key={c.key} label={c.label} value={c.value} onClear={() => setFilter(c.clear)} />
              ))}
              <button type="button" className="linkish small" onClick={clearFilters}>Clear all (every call)</button>
              <a className="linkish small" href="#/calls">Change in Calls</a>
            </>
          ) : <span className="muted">All calls (no filter is set in the Calls list). <a className="linkish" href="#/calls">Filter in Calls</a></span>}
        </div>
      ) : null}

      <fieldset className="reports-options">
        <legend>Options</legend>
        <label className="check">
          <input type="checkbox" checked={s.redact} onChange={(e) => s.set({ redact: e.target.checked })} /> Redact personal data
        </label>
        {!s.redact ? <p className="reports-warning" role="alert">Unredacted: card numbers, dates of birth and other personal data will be in the file. This export is recorded in the audit trail.</p> : null}
        {s.kind === 'evidence.html' ? (
          <label className="check">
            <input type="checkbox" checked={s.audio} onChange={(e) => s.set({ audio: e.target.checked })} /> Include audio{s.redact ? ' (redacted moments silenced)' : ''}
          </label>
        ) : null}
      </fieldset>

      <div className="reports-actions">
        <button type="button" className="btn" disabled={s.busy || info.preview === 'none' || !s.path()} onClick={() => void s.runPreview()}
          title={info.preview === 'pdf' && transport?.kind === 'electron' ? 'On the desktop a PDF is saved and opened outside the app' : undefined}>Preview</button>
        <button type="button" className="btn primary" disabled={s.busy || !s.path()} onClick={() => void s.save()}>Save…</button>
      </div>
      {s.busy && s.progress && !s.progress.finished ? (
        <div className="reports-progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? 0}>
          <div style={{ width: `${pct ?? 5}%` }} />
          <span>{s.progress.total ? `${s.progress.done.toLocaleString()} of ${s.progress.total.toLocaleString()} calls` : 'Starting…'}</span>
        </div>
      ) : null}
      {s.notice ? <p className="reports-notice" role="status">{s.notice}</p> : null}
      {s.error ? (
        <div className="error-banner" role="alert">
          <span>{s.error.message}</span>
          <span className="hint">{s.error.hint}</span>
        </div>
      ) : null}
    </section>
  );
}
