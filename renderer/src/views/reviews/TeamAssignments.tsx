import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../preload/contract/index.js';
import type { ReviewerLoad, SampleResult, SampleRule, Stratification, WeeklyRuleView } from '../../../../preload/contract/schemas/assignments.js';
import type { PendingAcknowledgement } from '../../../../preload/contract/schemas/reviews.js';
import { api } from '../../api/client.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { ReviewerLoadTable } from './ReviewerLoadTable.js';
import { OpenDisputes } from './OpenDisputes.js';
import { addDays, lastWeek, ymd } from '../../../../preload/contract/weeks.js';
import { date } from '../../../../preload/contract/time-format.js';

const stratifications: { id: Stratification; label: string }[] = [
  { id: 'queue', label: 'Queue' }, { id: 'outcome', label: 'Outcome' }, { id: 'scoreBand', label: 'Score band' }, { id: 'none', label: 'Not stratified' },
];

/** The lead's side: each reviewer's load, and a sampling rule previewed (dry run) before it is assigned. */
export function TeamAssignments() {
  const [loads, setLoads] = useState<ReviewerLoad[]>([]);
  const [rules, setRules] = useState<WeeklyRuleView[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const refresh = () => {
    void api['assignments.reviewers']({}).then((r) => (r.ok ? setLoads(r.value) : setError(r.error)));
    void api['assignments.rules']({}).then((r) => (r.ok ? setRules(r.value) : setError(r.error)));
  };
  useEffect(refresh, []);
  return (
    <>
      {error ? <ErrorBanner error={error} onRetry={() => { setError(null); refresh(); }} /> : null}
      <section className="card reviews-grid" aria-label="Team">
        <h2>Team</h2>
        <ReviewerLoadTable loads={loads} />
      </section>
      <OpenDisputes />
      <SampleCalls reviewers={loads} onAssigned={refresh} />
      <WeeklyRules rules={rules} reviewers={loads} onChange={refresh} />
      <PendingAcknowledgements />
    </>
  );
}

function SampleCalls({ reviewers, onAssigned }: { reviewers: ReviewerLoad[]; onAssigned: () => void }) {
  const week = lastWeek(new Date());
  const [from, setFrom] = useState(week.from);
  const [to, setTo] = useState(week.to);
  const [perAgent, setPerAgent] = useState(5);
  const [stratifyBy, setStratifyBy] = useState<Stratification>('queue');
  const [seed, setSeed] = useState(week.label);
  const [dueOn, setDueOn] = useState(ymd(addDays(new Date(), 5)));
  const [chosen, setChosen] = useState<number[] | null>(null);
  const [preview, setPreview] = useState<SampleResult | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [ruleName, setRuleName] = useState('');
  const reviewerIds = chosen ?? reviewers.filter((r) => r.role === 'reviewer').map((r) => r.reviewerId);
  const rule = (): SampleRule => ({ filter: { from, to }, perAgent, stratifyBy, seed, reviewerIds, dueOn: dueOn || null });
  const run = async (dryRun: boolean) => {
    setBusy(true);
    const r = await api['assignments.sample']({ rule: rule(), dryRun });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPreview(r.value);
    if (r.value.committed) onAssigned();
  };
  const saveWeekly = async () => {
    // The Due field, as "that many days after" a run: today's distance to it.
    const days = Math.round((Date.parse(dueOn) - Date.parse(ymd(new Date()))) / 86_400_000);
    const dueInDays = Number.isFinite(days) ? Math.min(60, Math.max(0, days)) : 5;
    const r = await api['assignments.saveRule']({ name: ruleName.trim(), perAgent, stratifyBy, reviewerIds, dueInDays });
    if (!r.ok) return setError(r.error);
    setError(null);
    setRuleName('');
    onAssigned();
  };
  const toggle = (id: number) => {
    setPreview(null);
    setChosen(reviewerIds.includes(id) ? reviewerIds.filter((x) => x !== id) : [...reviewerIds, id]);
  };
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    setPreview(null);
    set(v);
  };
  return (
    <section className="card" aria-label="Sample calls">
      <h2>Sample calls for review</h2>
      <p className="muted small">N calls per agent from the analysed, unreviewed calls of a period, shared among each agent's queues, outcomes or score bands in proportion. Preview shows exactly what Assign will give; the same seed draws the same calls.</p>
      <div className="sample-form">
        <label>From<input type="date" value={from} onChange={(e) => changed(setFrom)(e.target.value)} /></label>
        <label>To<input type="date" value={to} onChange={(e) => changed(setTo)(e.target.value)} /></label>
        <label>Calls per agent<input type="number" min={1} max={1000} value={perAgent} onChange={(e) => changed(setPerAgent)(Number(e.target.value))} /></label>
        <label>Stratify by
          <select value={stratifyBy} onChange={(e) => changed(setStratifyBy)(e.target.value as Stratification)}>
            {stratifications.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </label>
        <label>Seed<input value={seed} onChange={(e) => changed(setSeed)(e.target.value)} /></label>
        <label>Due<input type="date" value={dueOn} onChange={(e) => changed(setDueOn)(e.target.value)} /></label>
        <fieldset>
          <legend className="small muted">Reviewers</legend>
          {reviewers.map((r) => (
            <label key={r.reviewerId}><input type="checkbox" checked={reviewerIds.includes(r.reviewerId)} onChange={() => toggle(r.reviewerId)} />{r.reviewer}</label>
          ))}
        </fieldset>
        <div className="sample-actions">
          <button type="button" className="btn" disabled={busy || !reviewerIds.length} onClick={() => void run(true)}>Preview</button>
          <button type="button" className="btn primary" disabled={busy || !preview || preview.committed || !preview.picks.length} onClick={() => void run(false)}>
            {preview && !preview.committed ? `Assign ${preview.picks.length} calls` : 'Assign'}
          </button>
          {preview?.committed ? <span className="settings-saved" role="status">Assigned {preview.picks.length} calls.</span> : null}
          <span className="sample-weekly">
            <input aria-label="Weekly rule name" placeholder="Name, to run it every week" value={ruleName} onChange={(e) => setRuleName(e.target.value)} />
            <button type="button" className="btn" disabled={!ruleName.trim() || !reviewerIds.length} onClick={() => void saveWeekly()}>Run every week</button>
          </span>
        </div>
      </div>
      {error ? <ErrorBanner error={error} onRetry={() => setError(null)} /> : null}
      {preview ? <Preview result={preview} /> : null}
    </section>
  );
}

function Preview({ result }: { result: SampleResult }) {
  const agents = new Set(result.picks.map((p) => p.agent)).size;
  const share = (n: number, of: number) => (of ? (100 * n) / of : 0);
  return (
    <div className="sample-preview" aria-label="Sample preview">
      <p><b>{result.picks.length}</b> calls from <b>{agents}</b> agents, out of <b>{result.population}</b> that could be picked
        {result.withoutAgent ? ` (${result.withoutAgent} more have no agent and cannot be placed)` : ''}.</p>
      {/* Each stratum's share of the calls beside its share of the picks: a stratified sample mirrors the mix. */}
      <div className="strata-bars" role="table" aria-label="Picks per stratum">
        <div className="row legend small muted" role="row"><span role="columnheader" /><span role="columnheader"><i className="key calls" /> share of calls <i className="key picks" /> share of picks</span><span role="columnheader">picked</span></div>
        {result.strata.map((s) => (
          <div className="row" role="row" key={s.stratum}>
            <span role="cell">{s.stratum}</span>
            <span role="cell" className="pair" title={`${Math.round(share(s.population, result.population))}% of the calls, ${Math.round(share(s.picked, result.picks.length))}% of the picks`}>
              <span className="track"><span className="fill calls" style={{ width: `${share(s.population, result.population)}%` }} /></span>
              <span className="track"><span className="fill picks" style={{ width: `${share(s.picked, result.picks.length)}%` }} /></span>
            </span>
            <span role="cell" className="small">{s.picked} of {s.population}</span>
          </div>
        ))}
      </div>
      {result.shortfalls.length ? (
        <p className="small" style={{ color: 'var(--warn)' }}>Fewer calls than asked: {result.shortfalls.map((s) => `${s.agent} (${s.available} of ${s.wanted})`).join(', ')} — all of theirs are picked.</p>
      ) : null}
      <table className="users-table reviews-table">
        <thead><tr><th scope="col">Agent</th><th scope="col">Stratum</th><th scope="col">Call</th><th scope="col">Date</th><th scope="col">Reviewer</th></tr></thead>
        <tbody>
          {result.picks.slice(0, 200).map((p) => (
            <tr key={p.recordingId}><td>{p.agent}</td><td>{p.stratum}</td><td><a href={`#/calls/${p.recordingId}`}>{p.fileName}</a></td><td className="small">{date(p.callAt)}</td><td>{p.reviewer}</td></tr>
          ))}
        </tbody>
      </table>
      {result.picks.length > 200 ? <p className="muted small">And {result.picks.length - 200} more.</p> : null}
    </div>
  );
}

/** The rules that run by themselves every Monday on the week before. */
function WeeklyRules({ rules, reviewers, onChange }: { rules: WeeklyRuleView[]; reviewers: ReviewerLoad[]; onChange: () => void }) {
  const names = new Map(reviewers.map((r) => [r.reviewerId, r.reviewer]));
  const remove = async (id: number) => {
    if (!window.confirm('Stop this weekly rule? What it assigned stays.')) return;
    await api['assignments.deleteRule']({ id });
    onChange();
  };
  return (
    <section className="card" aria-label="Weekly rules">
      <h2>Weekly rules</h2>
      <p className="muted small">Each runs by itself every Monday on the week before, with the seed "name + week", and assigns its picks.</p>
      <table className="users-table reviews-table">
        <thead><tr><th scope="col">Rule</th><th scope="col">Picks</th><th scope="col">Reviewers</th><th scope="col">Last run</th><th scope="col">Next</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td className="small">{r.perAgent} per agent{r.stratifyBy !== 'none' ? `, by ${stratifications.find((x) => x.id === r.stratifyBy)?.label.toLowerCase()}` : ''}{r.filter.queue ? `, queue ${r.filter.queue}` : ''}; due in {r.dueInDays} days</td>
              <td className="small">{r.reviewerIds.map((id) => names.get(id) ?? `#${id}`).join(', ')}</td>
              <td className="small">{r.lastWeek ? `${r.lastWeek}: ${r.lastResult?.assigned ?? 0} assigned` : 'not yet'}{r.lastResult?.error ? <span style={{ color: 'var(--bad)' }}> — {r.lastResult.error}</span> : null}</td>
              <td className="small">{r.nextWeek}</td>
              <td><button type="button" className="btn ghost" onClick={() => void remove(r.id)}>Stop</button></td>
            </tr>
          ))}
          {!rules.length ? <tr><td colSpan={6} className="muted">No weekly rules. Set up a sample above and choose “Run every week”.</td></tr> : null}
        </tbody>
      </table>
    </section>
  );
}

/** Reviewed calls their agent has not acknowledged yet: the lead's follow-up list. */
function PendingAcknowledgements() {
  const [rows, setRows] = useState<PendingAcknowledgement[] | null>(null);
  useEffect(() => void api['reviews.pendingAcknowledgements']({ limit: 200 }).then((r) => setRows(r.ok ? r.value : null)), []);
  if (!rows) return null;
  return (
    <section className="card" aria-label="Waiting for acknowledgement">
      <h2>Waiting for the agent's acknowledgement</h2>
      <p className="muted small">Reviewed calls whose agent has an account and has not acknowledged the scorecard yet, oldest review first.</p>
      <table className="users-table reviews-table">
        <thead><tr><th scope="col">Agent</th><th scope="col">Call</th><th scope="col">Reviewed</th><th scope="col">By</th><th scope="col" className="num">Score</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.recordingId}>
              <td>{r.agent}</td>
              <td><a href={`#/calls/${r.recordingId}`}>{r.fileName}</a></td>
              <td className="small">{date(r.reviewedAt)}</td>
              <td className="small">{r.reviewedBy ?? '—'}</td>
              <td className="num">{r.scorePct === null ? '—' : Math.round(r.scorePct)}</td>
            </tr>
          ))}
          {!rows.length ? <tr><td colSpan={5} className="muted">Every reviewed call has been acknowledged.</td></tr> : null}
        </tbody>
      </table>
    </section>
  );
}
