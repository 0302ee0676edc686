import { useEffect, useState } from 'react';
import type { ReviewerLoad } from '../../../../../preload/contract/schemas/assignments.js';
import type { CalibrationSummary } from '../../../../../preload/contract/schemas/calibrations.js';
import type { CallRow } from '../../../../../preload/contract/schemas/calls.js';
import type { RubricView } from '../../../../../preload/contract/schemas/rubrics.js';
import { api } from '../../../api/client.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { useCalibration } from '../../../stores/calibration-store.js';
import { date } from '../../../../../preload/contract/time-format.js';

/** A lead starts a session: a name, the rubric, a few scored calls, two or more reviewers, a due date. */
export function NewCalibration({ onCancel, onCreated }: { onCancel: () => void; onCreated: (s: CalibrationSummary) => void }) {
  const { create, busy, error } = useCalibration();
  const [rubrics, setRubrics] = useState<RubricView[]>([]);
  const [reviewers, setReviewers] = useState<ReviewerLoad[]>([]);
  const [calls, setCalls] = useState<CallRow[]>([]);
  const [q, setQ] = useState('');
  const [name, setName] = useState('');
  const [rubricId, setRubricId] = useState<number | null>(null);
  const [dueOn, setDueOn] = useState('');
  const [picked, setPicked] = useState<number[]>([]);
  const [people, setPeople] = useState<number[]>([]);
  useEffect(() => {
    void api['rubrics.list']({}).then((r) => { if (r.ok) { setRubrics(r.value); setRubricId(r.value.find((x) => x.isDefault)?.id ?? r.value[0]?.id ?? null); } });
    void api['assignments.reviewers']({}).then((r) => r.ok && setReviewers(r.value));
  }, []);
  useEffect(() => {
    const t = setTimeout(() => void api['calls.list']({ minScore: 0, q: q || undefined, sort: 'date', dir: 'desc', limit: 25 }).then((r) => r.ok && setCalls(r.value.items)), 200);
    return () => clearTimeout(t);
  }, [q]);
  const toggle = (list: number[], id: number) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const submit = async () => {
    const made = await create({ name, rubricId: rubricId ?? undefined, recordingIds: picked, participantIds: people, dueOn: dueOn || null });
    if (made) onCreated(made);
  };
  return (
    <section className="card reviews-grid" aria-label="New calibration session">
      <h2>New calibration session</h2>
      {error ? <ErrorBanner error={error} /> : null}
      <div className="sample-form">
        <label>Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="May billing calibration" /></label>
        <label>Rubric
          <select value={rubricId ?? ''} onChange={(e) => setRubricId(Number(e.target.value))}>
            {rubrics.map((r) => <option key={r.id} value={r.id}>{r.name} v{r.version}{r.isDefault ? ' (default)' : ''}</option>)}
          </select>
        </label>
        <label>Due <input type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} /></label>
        <fieldset>
          <legend className="small">Reviewers ({people.length} chosen, at least 2)</legend>
          {reviewers.map((r) => (
            <label key={r.reviewerId}><input type="checkbox" checked={people.includes(r.reviewerId)} onChange={() => setPeople(toggle(people, r.reviewerId))} /> {r.reviewer} <span className="muted small">{r.role}</span></label>
          ))}
        </fieldset>
      </div>
      <div className="cal-pick">
        <label className="small">Calls ({picked.length} chosen) <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search the transcripts" aria-label="Search calls" /></label>
        <table className="users-table reviews-table">
          <thead><tr><th scope="col"><span className="sr-only">Pick</span></th><th scope="col">Call</th><th scope="col">Agent</th><th scope="col">Queue</th><th scope="col">Date</th></tr></thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id} className="clickable" onClick={() => setPicked(toggle(picked, c.id))}>
                <td><input type="checkbox" aria-label={`Pick ${c.fileName}`} checked={picked.includes(c.id)} onChange={() => setPicked(toggle(picked, c.id))} onClick={(e) => e.stopPropagation()} /></td>
                <td>{c.fileName}</td><td>{c.agent ?? '—'}</td><td>{c.queue ?? '—'}</td><td className="small">{date(c.callAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sample-actions">
        <button type="button" className="btn primary" disabled={busy} onClick={() => void submit()}>Start session</button>
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        <span className="muted small">Each reviewer scores the calls blind; you see the results as they submit.</span>
      </div>
    </section>
  );
}
