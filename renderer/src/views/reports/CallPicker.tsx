import { useState } from 'react';
import { PICKER_CALLS, useReports } from '../../stores/reports-store.js';

/**
 * The Reports view's call: a "Find a call" box (file name, agent or call date, any part of them)
 * narrowing the list of the newest calls; the first match is chosen as the reviewer types.
 */
export function CallPicker() {
  const calls = useReports((s) => s.calls);
  const total = useReports((s) => s.callsTotal);
  const recordingId = useReports((s) => s.recordingId);
  const set = useReports((s) => s.set);
  const [find, setFind] = useState('');
  const words = find.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = words.length ? calls.filter((c) => words.every((w) => c.search.includes(w))) : calls;
  const onFind = (text: string) => {
    setFind(text);
    const w = text.toLowerCase().split(/\s+/).filter(Boolean);
    const first = calls.find((c) => w.every((x) => c.search.includes(x)));
    if (first && !calls.some((c) => c.id === recordingId && w.every((x) => c.search.includes(x)))) set({ recordingId: first.id });
  };
  return (
    <div className="field">
      <label htmlFor="report-call">Call</label>
      {calls.length ? (
        <input type="search" className="reports-find" aria-label="Find a call" placeholder="Find by file name, agent or date (2024-05-02)" value={find} onChange={(e) => onFind(e.target.value)} />
      ) : null}
      <select id="report-call" value={matches.some((c) => c.id === recordingId) ? (recordingId ?? '') : ''} onChange={(e) => set({ recordingId: Number(e.target.value) || null })}>
        {!calls.length ? <option value="">No calls yet</option> : null}
        {calls.length && !matches.length ? <option value="">No call matches “{find}”</option> : null}
        {matches.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
      </select>
      {words.length && calls.length ? <span className="muted small" role="status">{matches.length} of {calls.length} calls match</span> : null}
      {total > PICKER_CALLS ? <span className="muted small">The {PICKER_CALLS} newest of {total.toLocaleString()} calls; export an older call from its page (Export).</span> : null}
    </div>
  );
}
