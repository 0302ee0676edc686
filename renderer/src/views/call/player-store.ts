import { create } from 'zustand';

/**
 * The open call's audio element and playback state. Components seek through here (transcript words,
 * evidence chips, comments) so there is one source of truth: the <audio> element's currentTime.
 * `time` is updated on every animation frame while playing so the highlighted word keeps up.
 */
export const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

interface PlayerState {
  el: HTMLAudioElement | null;
  time: number;
  duration: number;
  playing: boolean;
  rate: number;
  skipSilence: boolean;
  /** Silences the player jumps over when skipSilence is on, sorted by start. */
  silences: { start: number; end: number }[];
  /** Counts the reviewer's play/pause and play-from-here actions: a reload that restores playback checks nobody acted since. */
  actions: number;
  attach: (el: HTMLAudioElement | null) => void;
  seek: (sec: number, play?: boolean) => void;
  toggle: () => void;
  nudge: (deltaSec: number) => void;
  setRate: (rate: number) => void;
  setSkipSilence: (on: boolean) => void;
  setSilences: (s: { start: number; end: number }[]) => void;
}

let raf = 0;

export const usePlayer = create<PlayerState>((set, get) => {
  const tick = () => {
    const el = get().el;
    if (!el) return;
    let t = el.currentTime;
    if (get().skipSilence && !el.paused) {
      // Jump to the end of a silence as soon as playback enters it (leave 0.2 s of lead-in).
      const gap = get().silences.find((g) => t >= g.start && t < g.end - 0.3);
      if (gap) el.currentTime = t = gap.end - 0.2;
    }
    set({ time: t });
    if (!el.paused) raf = requestAnimationFrame(tick);
  };
  const onPlay = () => {
    set({ playing: true });
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(tick);
  };
  const onPause = () => {
    set({ playing: false });
    cancelAnimationFrame(raf);
  };
  const onTime = () => set({ time: get().el?.currentTime ?? 0 });
  const onMeta = () => set({ duration: get().el?.duration || get().duration });
  return {
    el: null, time: 0, duration: 0, playing: false, actions: 0, rate: 1, skipSilence: false, silences: [],
    attach(el) {
      const prev = get().el;
      if (prev === el) return;
      if (prev) {
        prev.removeEventListener('play', onPlay);
        prev.removeEventListener('pause', onPause);
        prev.removeEventListener('timeupdate', onTime);
        prev.removeEventListener('seeked', onTime);
        prev.removeEventListener('loadedmetadata', onMeta);
      }
      cancelAnimationFrame(raf);
      if (el) {
        el.addEventListener('play', onPlay);
        el.addEventListener('pause', onPause);
        el.addEventListener('timeupdate', onTime);
        el.addEventListener('seeked', onTime);
        el.addEventListener('loadedmetadata', onMeta);
        el.playbackRate = get().rate;
      }
      set({ el, time: 0, playing: false });
    },
    seek(sec, play) {
      const el = get().el;
      if (!el) return;
      const t = Math.max(0, Math.min(sec, Number.isFinite(el.duration) && el.duration > 0 ? el.duration : sec));
      el.currentTime = t;
      set({ time: t, ...(play ? { actions: get().actions + 1 } : {}) });
      if (play) void el.play().catch(() => undefined);
    },
    toggle() {
      const el = get().el;
      if (!el) return;
      set({ actions: get().actions + 1 });
      if (el.paused) void el.play().catch(() => undefined);
      else el.pause();
    },
    nudge(delta) {
      const el = get().el;
      if (el) get().seek(el.currentTime + delta);
    },
    setRate(rate) {
      const el = get().el;
      if (el) el.playbackRate = rate;
      set({ rate });
    },
    setSkipSilence: (on) => set({ skipSilence: on }),
    setSilences: (silences) => set({ silences: [...silences].sort((a, b) => a.start - b.start) }),
  };
});

/**
 * Silences to skip: the VAD's hold gaps when the audio metrics are there, else gaps between words
 * (or segments) of the transcript longer than `minSec`.
 */
export function silencesFrom(holdGaps: { start: number; end: number }[] | null, words: { start: number; end: number }[], minSec: number) {
  if (holdGaps?.length) return holdGaps.filter((g) => g.end - g.start >= minSec);
  const out: { start: number; end: number }[] = [];
  for (let i = 1; i < words.length; i++) {
    const gap = words[i]!.start - words[i - 1]!.end;
    if (gap >= minSec) out.push({ start: words[i - 1]!.end, end: words[i]!.start });
  }
  return out;
}
