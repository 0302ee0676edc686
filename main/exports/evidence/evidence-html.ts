import { scoreText, supportNotes } from '../../../preload/contract/schemas/analysis.js';
import { evidenceMatchNote, type Evidence } from '../../../preload/contract/schemas/rules.js';
import type { RecordingEgress } from '../../../preload/contract/schemas/observability.js';
import { scoreBand } from '../../../preload/contract/score-band.js';
import { pointsText, shownAnswer, shownPoints, type CallRecord } from '../call-record.js';
import { orderedSegments, speakerLabeler } from '../transcript/speakers.js';
import { clock, dateTime } from '../../../preload/contract/time-format.js';
import { evidenceCss } from './evidence-style.js';

/**
 * The evidence pack: ONE self-contained HTML file per call (inline CSS and JS, audio as an optional
 * data URL) that opens offline in any browser, for coaching or a dispute without the app. Its CSP
 * forbids every network load, so nothing in it can phone home. Every evidence link and transcript
 * line seeks the embedded audio to its time and plays it. `record` arrives already redacted.
 */
export interface EvidenceOptions {
  redacted: boolean;
  audio: { mime: string; base64: string } | null;
  /** Every request of this call to a provider (the egress ledger). */
  egress?: RecordingEgress;
  generatedAt?: Date;
}

const kb = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`);

/** "Sent to providers": what of this call left the machine, request by request (or that nothing did). */
function egressSection(e: RecordingEgress | undefined): string {
  if (!e) return '';
  if (!e.leftMachine) return '<section class="wide"><h2>Sent to providers</h2><p class="note">Nothing of this call was sent to a provider: it was transcribed and analysed on this computer.</p></section>';
  const rows = e.items.map((i) => `<tr><td>${esc(dateTime(new Date(i.at).toISOString()))}</td><td>${esc(i.step ?? '')}</td><td>${esc(i.provider)}</td><td>${esc(i.endpoint)}</td><td>${esc(i.model ?? '')}</td><td class="n">${kb(i.bytesSent)}</td><td class="n">${kb(i.bytesReceived)}</td><td class="n">${i.audioSec !== null ? clock(i.audioSec) : i.charsSent !== null ? `${i.charsSent} chars` : ''}</td><td>${i.status ?? 'no answer'}</td><td>${esc(i.requestId ?? '')}</td><td class="n">${i.costUsd !== null ? `$${i.costUsd.toFixed(4)}` : ''}</td></tr>`).join('');
  return `<section class="wide"><h2>Sent to providers</h2><p class="meta">${e.totals.requests} requests · ${kb(e.totals.bytesSent)} sent · ${kb(e.totals.bytesReceived)} received · $${e.totals.costUsd.toFixed(4)}</p>
<table class="egress"><thead><tr><th>When</th><th>Step</th><th>Provider</th><th>Endpoint</th><th>Model</th><th>Sent</th><th>Received</th><th>Audio / text</th><th>Status</th><th>Request id</th><th>Cost</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const num = (n: number) => String(Math.round(n * 100) / 100);
const answerText = (a: string) => (a === 'n/a' ? 'N/A' : /^[1-5]$/.test(a) ? `${a}/5` : a.charAt(0).toUpperCase() + a.slice(1));
const answerClass = (a: string) => (['yes', '4', '5'].includes(a) ? 'good' : ['no', '1', '2'].includes(a) ? 'bad' : 'na');

function evLink(e: Evidence): string {
  const note = evidenceMatchNote(e);
  const level = e.match ?? 'exact';
  return `<a class="ev${level === 'exact' ? '' : ` ev-${level}`}" href="#t=${num(e.start)}" data-start="${num(e.start)}" data-match="${level}"${note ? ` title="${esc(note)}"` : ''}><span class="ts">▶ ${clock(e.start)}</span> “${esc(e.quote)}”${level === 'approximate' ? ` <span class="lvl">≈ ${Math.round((e.similarity ?? 0) * 100)}%</span>` : ''}</a>`;
}

/** The one score colour scale (preload/contract/score-band.ts) as this page's classes. */
const bandClass = { none: 'na', poor: 'bad', fair: 'warn', good: 'good' } as const;

export function evidenceHtml(record: CallRecord, opts: EvidenceOptions): string {
  const { meta, analysis, transcript } = record;
  const sc = analysis?.scorecard;
  const final = record.final?.scorePct ?? sc?.scorePct ?? null;
  const generated = dateTime((opts.generatedAt ?? new Date()).toISOString());
  const criteria = sc
    ? sc.criteria.map((c) => {
        const s = shownAnswer(record, c.id, c.answer);
        const o = record.overrides.get(c.id);
        return `<li class="crit">
  <div class="crit-head"><span class="badge ${answerClass(s.answer)}">${esc(answerText(s.answer))}${s.overridden ? '*' : ''}</span>
  <span class="q">${esc(c.question)}</span><span class="pts">${pointsText(shownPoints(record, c), c.weight)} pts · ${c.source === 'rule' ? 'rule' : 'AI'}</span></div>
  ${s.overridden && o ? `<p class="ovr">Reviewer changed the AI’s answer (${esc(answerText(o.aiAnswer))}).</p>` : ''}
  <p class="why">${esc(c.rationale)}</p>
  ${c.evidence.length ? `<div class="evs">${c.evidence.map((e) => evLink(e)).join('')}</div>` : ''}
  ${supportNotes(c).map((n) => `<p class="support">${esc(n)}</p>`).join('')}
</li>`;
      }).join('\n')
    : '';
  const label = transcript ? speakerLabeler(transcript) : null;
  const lines = transcript && label
    ? orderedSegments(transcript).map((seg) => `<li class="seg ${seg.role}" data-start="${num(seg.start)}" data-end="${num(seg.end)}"><a class="ts" href="#t=${num(seg.start)}" data-start="${num(seg.start)}">${clock(seg.start)}</a><span class="who">${esc(label(seg).name)}</span><span class="txt">${esc(seg.text)}</span></li>`).join('\n')
    : '';
  const audio = opts.audio
    ? `<audio id="player" controls preload="auto" src="data:${opts.audio.mime};base64,${opts.audio.base64}"></audio>`
    : '<p class="note">Audio not included in this pack. Timestamps show where each moment is in the recording.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; media-src data:; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence pack: ${esc(meta.fileName)}</title>
<style>${evidenceCss}</style></head>
<body>
<header>
  <div class="over">Evidence pack</div>
  <h1>${esc(meta.agent ?? meta.fileName)}</h1>
  <div class="sub">${esc(meta.fileName)} · ${esc(dateTime(meta.callAt))} · ${clock(meta.durationSec)}${meta.queue ? ` · ${esc(meta.queue)}` : ''}</div>
  <div class="score ${bandClass[scoreBand(final, record.final?.autoFailed ?? false)]}" id="final-score">${final === null ? 'Not scored' : scoreText(final)}</div>
  <p class="${opts.redacted ? 'note' : 'warnbox'}">${opts.redacted ? 'Personal data is masked in this pack.' : 'NOT REDACTED: this pack contains personal data as spoken.'}${opts.audio && opts.redacted ? ' Masked moments are silenced in the audio.' : ''}</p>
</header>
<section class="player">${audio}</section>
<main>
<section><h2>Scorecard</h2>${sc ? `<p class="meta">Rubric: ${esc(sc.rubricName)} v${sc.rubricVersion}${record.final?.autoFailed ? ' · <strong class="badtext">Auto-failed</strong>' : ''}</p><ol class="crits">${criteria}</ol>` : '<p class="note">This call has not been analysed yet.</p>'}
${analysis ? `<h2>Summary</h2><p>${esc(analysis.summary)}</p>` : ''}</section>
<section><h2>Transcript</h2><ol class="transcript" id="transcript">${lines || '<li class="note">No transcript yet.</li>'}</ol></section>
${egressSection(opts.egress)}
</main>
<footer>Generated ${generated} by Call Center QA${sc ? ` · Rubric ${esc(sc.rubricName)} v${sc.rubricVersion}` : ''}. Self-contained: no network access needed.</footer>
<script>
(function () {
  var player = document.getElementById('player');
  var segs = Array.prototype.slice.call(document.querySelectorAll('.seg'));
  function seek(t) {
    if (!player) return;
    player.currentTime = t;
    var p = player.play();
    if (p && p.catch) p.catch(function () {});
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('[data-start]');
    if (!a || a.tagName === 'LI') return;
    e.preventDefault();
    seek(parseFloat(a.getAttribute('data-start')));
  });
  if (player) player.addEventListener('timeupdate', function () {
    var t = player.currentTime;
    segs.forEach(function (s) {
      var on = t >= parseFloat(s.getAttribute('data-start')) && t < parseFloat(s.getAttribute('data-end'));
      s.classList.toggle('playing', on);
    });
  });
})();
</script>
</body></html>
`;
}
