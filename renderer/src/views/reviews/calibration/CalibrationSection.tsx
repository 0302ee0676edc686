import { useEffect, useState } from 'react';
import type { CalibrationSummary } from '../../../../../preload/contract/schemas/calibrations.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { modeOf, useCalibration } from '../../../stores/calibration-store.js';
import { can, useSession } from '../../../stores/session-store.js';
import { CalibrationSession } from './CalibrationSession.js';
import { NewCalibration } from './NewCalibration.js';
import './calibration.css';

/** My reviews → Calibration: the sessions the caller leads or scores; a lead starts new ones here. */
export function CalibrationSection() {
  const lead = can(useSession((s) => s.me), 'lead');
  const { sessions, error, openId, refresh, open } = useCalibration();
  const [creating, setCreating] = useState(false);
  useEffect(() => { void refresh(); }, [refresh]);
  if (openId !== null) return <CalibrationSession />;
  return (
    <div className="reviews-grid">
      {error ? <ErrorBanner error={error} onRetry={refresh} /> : null}
      {creating ? <NewCalibration onCancel={() => setCreating(false)} onCreated={(s) => { setCreating(false); void open(s.id); }} /> : null}
      <section className="card reviews-grid" aria-label="Calibration sessions">
        <header className="cal-head">
          <div>
            <h2>Calibration sessions</h2>
            <p className="muted small">Reviewers score the same calls blind — no AI answer, nobody else's — then compare: where they disagree, the rubric needs clearer words.</p>
          </div>
          {lead && !creating ? <button type="button" className="btn primary" onClick={() => setCreating(true)}>New session</button> : null}
        </header>
        {sessions === null ? <div className="skeleton small-skeleton" aria-busy="true" /> : sessions.length === 0 ? (
          <p className="muted">{lead ? 'No sessions yet. Start one: pick a few calls and the reviewers who should score them.' : 'No calibration sessions include you yet.'}</p>
        ) : (
          <table className="users-table reviews-table">
            <thead><tr><th scope="col">Session</th><th scope="col">Rubric</th><th scope="col" className="num">Calls</th><th scope="col">Submitted</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">You</th></tr></thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="clickable" onClick={() => void open(s.id)}>
                  <td><button type="button" className="linkish" onClick={(e) => { e.stopPropagation(); void open(s.id); }}>{s.name}</button></td>
                  <td className="small">{s.rubricName} v{s.rubricVersion}</td>
                  <td className="num">{s.calls}</td>
                  <td className="small">{s.participants.filter((p) => p.submittedAt).length} of {s.participants.length}</td>
                  <td className="small">{s.dueOn ?? <span className="muted">—</span>}</td>
                  <td><span className={`status-chip ${s.status === 'open' ? 'open' : 'done'}`}>{s.status === 'open' ? 'Open' : 'Closed'}</span></td>
                  <td className="small"><YourPart s={s} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function YourPart({ s }: { s: CalibrationSummary }) {
  const mode = modeOf(s);
  if (mode === 'score') return <span className="status-chip overdue">To score</span>;
  if (s.me.lead) return <span>Lead{s.me.participant ? ' · scored' : ''}</span>;
  if (s.me.submitted) return <span>Submitted</span>;
  return <span className="muted">Not submitted</span>;
}
