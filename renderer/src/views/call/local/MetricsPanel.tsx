import type { RecordingMetrics } from '../../../../../preload/contract/schemas/local-analytics.js';
import { clock } from '../format.js';

/**
 * Talk time agent vs customer (a plain CSS bar), silence share, longest silence, interruptions,
 * speaking rate and response latency. Audio facts need only the recording; conversation facts need
 * a transcript, and say so while it is missing.
 */
const pct = (x: number) => `${Math.round(x * 100)}%`;
const sec = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x >= 60 ? clock(x) : `${x.toFixed(1)} s`);

export function MetricsPanel({ m }: { m: RecordingMetrics }) {
  const conv = m.conversation;
  const talk = m.talkSeconds;
  const split = talk && 'agent' in talk ? talk : null;
  const total = split ? split.agent + split.customer : talk && 'total' in talk ? talk.total : 0;
  const agentShare = split && total > 0 ? split.agent / total : null;
  const wpm = (party: string) => conv?.parties.find((p) => p.party === party)?.wordsPerMinute ?? null;
  const interruptions = conv?.interruptions;
  return (
    <section className="card local-metrics" aria-label="Call metrics">
      <header className="call-card-head">
        <h2>Talk time</h2>
        <span className="muted small">computed locally{m.talkSource ? ` · talk from ${m.talkSource}` : ''}</span>
      </header>
      {m.status.audio !== 'ready' && !conv ? <p className="muted small">Measuring the audio…</p> : null}
      {split && agentShare !== null ? (
        <div className="talk-split" role="img" aria-label={`Agent ${pct(agentShare)} of talk time, customer ${pct(1 - agentShare)}`}>
          <div className="talk-bar">
            <span className="talk-agent" style={{ width: pct(agentShare) }} />
            <span className="talk-customer" style={{ width: pct(1 - agentShare) }} />
          </div>
          <div className="talk-legend small">
            <span><i className="dot dot-agent" />Agent {sec(split.agent)} ({pct(agentShare)})</span>
            <span><i className="dot dot-customer" />Customer {sec(split.customer)} ({pct(1 - agentShare)})</span>
          </div>
        </div>
      ) : talk ? (
        <p className="small">Talk time {sec(total)} <span className="muted">(parties not separable: mono recording without speaker roles)</span></p>
      ) : null}
      <dl className="facts small" data-testid="local-metrics">
        <dt>Silence</dt><dd>{m.silenceShare === null ? '—' : pct(m.silenceShare)}</dd>
        <dt>Longest silence</dt><dd>{sec(m.longestSilenceSec)}</dd>
        {m.audio && m.audio.holdGaps.length ? <><dt>Holds ≥ {m.audio.holdGapMinSec} s</dt><dd>{m.audio.holdGaps.length}</dd></> : null}
        <dt>Interruptions</dt>
        <dd>
          {interruptions ? (
            <>
              {interruptions.count}
              {interruptions.count ? (
                <span className="muted"> ({Object.entries(interruptions.byPair).map(([k, v]) => `${k.replace('>', ' → ')} ${v.count}`).join(', ')})</span>
              ) : null}
            </>
          ) : m.audio?.overtalkCount !== null && m.audio?.overtalkCount !== undefined ? `${m.audio.overtalkCount} overtalk` : '—'}
        </dd>
        <dt>Words / min</dt>
        <dd>{conv ? `agent ${Math.round(wpm('agent') ?? 0)} · customer ${Math.round(wpm('customer') ?? 0)}` : '—'}</dd>
        <dt>Response latency</dt>
        <dd>{conv?.responseLatency.medianSec !== null && conv?.responseLatency.medianSec !== undefined ? `median ${sec(conv.responseLatency.medianSec)}, max ${sec(conv.responseLatency.maxSec)}` : '—'}</dd>
        {conv?.longestMonologue ? <><dt>Longest monologue</dt><dd>{conv.longestMonologue.party} {sec(conv.longestMonologue.durationSec)}</dd></> : null}
        {conv?.agentQuestions !== null && conv?.agentQuestions !== undefined ? <><dt>Agent questions</dt><dd>{conv.agentQuestions}</dd></> : null}
      </dl>
      {m.status.conversation === 'no_transcript' ? <p className="muted small">Interruptions, speaking rate and latency appear once the call has a transcript.</p> : null}
    </section>
  );
}
