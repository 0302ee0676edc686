import { useState } from 'react';
import type { CalibrationAnswerValue } from '../../../../../preload/contract/schemas/calibrations.js';
import type { RubricCriterion } from '../../../../../preload/contract/schemas/rubrics.js';
import { cellKey, useCalibration } from '../../../stores/calibration-store.js';
import { CallListening } from './CallListening.js';
import { clock, dateTime } from '../../../../../preload/contract/time-format.js';

/** The answers a criterion takes, as the rubric defines it (the server checks the same: answer-rules.ts). */
const choicesOf = (c: RubricCriterion): CalibrationAnswerValue[] =>
  [...(c.type === 'scale_1_5' ? (['1', '2', '3', '4', '5'] as const) : (['yes', 'no'] as const)), ...(c.allowNa ? (['n/a'] as const) : [])];

/**
 * Scoring a session blind: one call at a time — listen, read the transcript, answer every criterion.
 * Nothing here shows the AI's answer or another reviewer's: the server would refuse them anyway
 * until the scores are submitted (main/contract/blindness.ts).
 */
export function ScoreCalibration() {
  const { detail, draft, dirty, busy, answer, save } = useCalibration();
  const [index, setIndex] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  if (!detail) return null;
  const call = detail.callList[index] ?? detail.callList[0]!;
  const answeredIn = (rid: number) => detail.criteria.filter((c) => draft[cellKey(rid, c.id)] !== undefined).length;
  const total = detail.callList.length * detail.criteria.length;
  const answered = detail.callList.reduce((n, k) => n + answeredIn(k.recordingId), 0);
  const saveDraft = async () => {
    if (await save(false)) setSaved(true);
  };
  return (
    <>
      <div className="cal-blind" role="note">
        <strong>Scoring blind.</strong> The AI's answers and the other reviewers' stay hidden until you submit; the call's page opens again then.
      </div>
      <div className="cal-score">
        <nav className="card cal-calls" aria-label="Calls to score">
          {detail.callList.map((k, i) => {
            const n = answeredIn(k.recordingId);
            return (
              <button key={k.recordingId} type="button" className={`cal-call${i === index ? ' current' : ''}`} aria-current={i === index ? 'true' : undefined} onClick={() => setIndex(i)}>
                <span className="name">{k.fileName}</span>
                <span className={`small ${n === detail.criteria.length ? 'ok' : 'muted'}`}>{n} / {detail.criteria.length} answered</span>
              </button>
            );
          })}
        </nav>
        <section className="card cal-scorecard" aria-label={`Scorecard for ${call.fileName}`}>
          <header className="cal-call-head">
            <h3>{call.fileName}</h3>
            <span className="muted small">{call.agent ?? 'Unknown agent'} · {dateTime(call.callAt)} · {clock(call.durationSec)}</span>
          </header>
          <CallListening key={call.recordingId} recordingId={call.recordingId} />
          <ol className="cal-criteria">
            {detail.criteria.map((c) => {
              const value = draft[cellKey(call.recordingId, c.id)];
              return (
                <li key={c.id}>
                  <div className="q"><span className="muted small">{c.section}</span><span>{c.question}</span></div>
                  <div className="cal-choices" role="radiogroup" aria-label={c.question}>
                    {choicesOf(c).map((v) => (
                      <button key={v} type="button" role="radio" aria-checked={value === v} className={value === v ? 'on' : ''} onClick={() => { setSaved(false); answer(call.recordingId, c.id, v); }}>{v === 'n/a' ? 'N/A' : v === 'yes' ? 'Yes' : v === 'no' ? 'No' : v}</button>
                    ))}
                  </div>
                </li>
              );
            })}
          </ol>
          <footer className="cal-actions">
            <span className="small muted" role="status">{answered} of {total} answered{saved && !dirty ? ' · draft saved' : dirty ? ' · unsaved' : ''}</span>
            {index < detail.callList.length - 1 ? <button type="button" className="btn small" onClick={() => setIndex(index + 1)}>Next call →</button> : null}
            <button type="button" className="btn" disabled={busy || !dirty} onClick={() => void saveDraft()}>Save draft</button>
            {confirming ? (
              <span className="cal-confirm">
                Submitting is final: your answers are locked and the results open to you.
                <button type="button" className="btn primary" disabled={busy} onClick={() => { setConfirming(false); void save(true); }}>Submit {answered} answers</button>
                <button type="button" className="btn small" onClick={() => setConfirming(false)}>Cancel</button>
              </span>
            ) : (
              <button type="button" className="btn primary" disabled={busy || answered < total} title={answered < total ? 'Answer every criterion of every call first' : undefined} onClick={() => setConfirming(true)}>Submit scores…</button>
            )}
          </footer>
        </section>
      </div>
    </>
  );
}
