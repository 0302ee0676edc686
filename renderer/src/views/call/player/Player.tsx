import { useEffect, useMemo, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import type { RecordingWaveform } from '../../../../../preload/contract/schemas/local-analytics.js';
import { api } from '../../../api/client.js';
import { useCall } from '../../../stores/call-store.js';
import { clock } from '../format.js';
import { useLocalAnalytics } from '../local/local-store.js';
import { SPEEDS, silencesFrom, usePlayer } from '../player-store.js';
import { usePlayerKeys } from './use-player-keys.js';

/** Silences longer than this are skipped when "Skip silence" is on. */
const SKIP_MIN_SEC = 2;
/** Enough points for a sharp 1280-px-wide waveform; an hour at 10 ms buckets would be 360,000. */
const MAX_PEAKS = 4000;

/** One array of |peak| per bucket (all channels together), downsampled to at most MAX_PEAKS. */
function peaksOf(w: RecordingWaveform): number[] {
  const chans = w.waveform.channels;
  const n = chans[0]?.max.length ?? 0;
  const per = Math.max(1, Math.ceil(n / MAX_PEAKS));
  const out: number[] = [];
  for (let i = 0; i < n; i += per) {
    let p = 0;
    for (const c of chans) for (let k = i; k < Math.min(n, i + per); k++) p = Math.max(p, Math.abs(c.max[k] ?? 0), Math.abs(c.min[k] ?? 0));
    out.push(p);
  }
  return out;
}

/**
 * The waveform player. The <audio> element streams the signed URL (Range requests, so seeking an
 * hour-long call is instant); wavesurfer draws the peaks computed once on import (metrics step), so
 * the browser never decodes the whole file. Without peaks yet it shows a plain progress bar.
 */
export function Player({ id }: { id: number }) {
  const audio = useCall((s) => s.audio);
  const transcript = useCall((s) => s.transcript);
  const holdGaps = useLocalAnalytics((s) => s.metrics?.audio?.holdGaps ?? null);
  const p = usePlayer();
  const audioRef = useRef<HTMLAudioElement>(null);
  const waveRef = useRef<HTMLDivElement>(null);
  const [wave, setWave] = useState<RecordingWaveform | null>(null);
  usePlayerKeys();

  useEffect(() => {
    let live = true;
    void api['analytics.waveform']({ id }).then((r) => live && setWave(r.ok ? r.value : null));
    return () => void (live = false);
  }, [id]);

  useEffect(() => {
    usePlayer.getState().attach(audioRef.current);
    return () => usePlayer.getState().attach(null);
  }, [audio?.url]);

  // A renewed signed URL (same recording) reloads the element: put playback back where it was.
  const last = useRef<{ id: number; url: string; time: number; playing: boolean; actions: number } | null>(null);
  useEffect(() => {
    const el = audioRef.current;
    const prev = last.current;
    if (el && audio && prev && prev.id === id && prev.url !== audio.url && prev.time > 0) {
      const resume = () => {
        // Restore only what the reviewer left: a pause or play-from-here since the reload began wins.
        if (usePlayer.getState().actions !== prev.actions) return;
        el.currentTime = prev.time;
        if (prev.playing) void el.play().catch(() => undefined);
      };
      el.addEventListener('loadedmetadata', resume, { once: true });
    }
    return () => {
      if (el && audio) last.current = { id, url: audio.url, time: el.currentTime, playing: !el.paused, actions: usePlayer.getState().actions };
    };
  }, [audio, id]);

  const words = useMemo(() => transcript?.transcript.segments.flatMap((s) => (s.words.length ? s.words : [{ start: s.start, end: s.end }])) ?? [], [transcript]);
  useEffect(() => usePlayer.getState().setSilences(silencesFrom(holdGaps, words, SKIP_MIN_SEC)), [holdGaps, words]);

  useEffect(() => {
    const el = audioRef.current;
    if (!wave || !audio || !el || !waveRef.current) return;
    const css = getComputedStyle(document.documentElement);
    const ws = WaveSurfer.create({
      container: waveRef.current, media: el, height: 56, barWidth: 2, barGap: 1, barRadius: 1, normalize: true,
      waveColor: css.getPropertyValue('--border').trim() || '#ccd', progressColor: css.getPropertyValue('--accent').trim() || '#2f6fed',
      cursorColor: css.getPropertyValue('--text').trim() || '#000', dragToSeek: true,
    });
    void ws.load(audio.url, [peaksOf(wave)], wave.durationSec).catch(() => undefined);
    return () => ws.destroy();
  }, [wave, audio]);

  const duration = p.duration || audio?.durationSec || 0;
  return (
    <section className="card player" aria-label="Player">
      <audio ref={audioRef} src={audio?.url} preload="metadata" aria-label="Call audio" />
      <div className="player-row">
        <button type="button" className="btn primary play" onClick={() => p.toggle()} disabled={!audio} aria-label={p.playing ? 'Pause' : 'Play'} title="Play / pause (Space)">
          {p.playing ? '❚❚' : '▶'}
        </button>
        <span className="player-time" aria-live="off">{clock(p.time)} / {clock(duration)}</span>
        {wave ? (
          <div ref={waveRef} className="player-wave" aria-hidden="true" />
        ) : (
          <input className="player-scrub" type="range" min={0} max={duration || 1} step={0.1} value={p.time} aria-label="Position"
            onChange={(e) => p.seek(Number(e.target.value))} />
        )}
        <label className="player-opt">
          <span className="muted small">Speed</span>
          <select value={p.rate} onChange={(e) => p.setRate(Number(e.target.value))} aria-label="Playback speed">
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <label className="player-opt" title={`Jump over silences longer than ${SKIP_MIN_SEC} s (${p.silences.length} in this call)`}>
          <input type="checkbox" checked={p.skipSilence} onChange={(e) => p.setSkipSilence(e.target.checked)} />
          <span className="small">Skip silence</span>
        </label>
      </div>
    </section>
  );
}
