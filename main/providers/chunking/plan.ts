import { execFile } from 'node:child_process';
import { ffmpegPath } from '../../audio/binaries.js';

/**
 * Where to cut a recording that is too big for one upload (OpenAI's limit is 25 MiB). Cuts go in
 * silences, never mid-word. Each chunk after the first starts `overlapSec` before the silence that
 * ends the previous chunk, so it re-hears the tail of the last turn: stitching uses that shared tail
 * to tell which of the chunk's speaker labels is which speaker from the chunk before.
 */
export interface Silence {
  start: number;
  end: number;
}

export interface ChunkPlan {
  /** Seconds of audio this chunk is cut from (start includes the overlap). */
  start: number;
  end: number;
  /** Segments starting at or after this time belong to this chunk; earlier ones to the previous. */
  ownFrom: number;
}

export interface PlanOptions {
  durationSec: number;
  /** Longest chunk, seconds (from the upload limit and the chunk encoding's bytes per second). */
  maxChunkSec: number;
  overlapSec?: number;
  /** A speech run this long must precede a cut, so the overlap holds speech to match speakers on. */
  minTailSpeechSec?: number;
}

/** Silences from ffmpeg's silencedetect filter (decodes the file once; seconds on a 30-minute call). */
export function detectSilences(path: string, opts: { noiseDb?: number; minSec?: number; signal?: AbortSignal } = {}): Promise<Silence[]> {
  const args = ['-hide_banner', '-nostats', '-i', path, '-af', `silencedetect=noise=${opts.noiseDb ?? -35}dB:d=${opts.minSec ?? 0.3}`, '-f', 'null', '-'];
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath(), args, { maxBuffer: 64 * 1024 * 1024, signal: opts.signal, windowsHide: true }, (err, _out, stderr) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- ExecFileException is an Error (its `code` is redefined, which hides that from the rule)
      if (err) return reject(err);
      const out: Silence[] = [];
      let start: number | null = null;
      for (const line of String(stderr).split('\n')) {
        const s = /silence_start: (-?[\d.]+)/.exec(line);
        const e = /silence_end: ([\d.]+)/.exec(line);
        if (s) start = Math.max(0, Number(s[1]));
        if (e && start !== null) {
          out.push({ start, end: Number(e[1]) });
          start = null;
        }
      }
      resolve(out);
    });
  });
}

const longest = (xs: readonly Silence[]) => [...xs].sort((a, b) => b.end - b.start - (a.end - a.start) || b.start - a.start)[0];

/** Seconds of sound right before a silence (since the previous silence ended, or the start). */
function tailSpeech(silences: readonly Silence[], s: Silence): number {
  let prevEnd = 0;
  for (const p of silences) if (p.end <= s.start && p.end > prevEnd) prevEnd = p.end;
  return s.start - prevEnd;
}

/**
 * Greedy plan: from the current chunk start, take the last good silence before start + maxChunkSec
 * (good = preceded by enough speech for the overlap); if none, the longest silence in the window;
 * if there is no silence at all, a hard cut (logged by the caller through `hardCuts`).
 */
export function planChunks(silences: readonly Silence[], opts: PlanOptions): { chunks: ChunkPlan[]; hardCuts: number } {
  const overlap = opts.overlapSec ?? 2;
  const minTail = opts.minTailSpeechSec ?? overlap + 0.5;
  const chunks: ChunkPlan[] = [];
  let hardCuts = 0;
  let start = 0;
  let ownFrom = 0;
  while (opts.durationSec - start > opts.maxChunkSec) {
    const limit = start + opts.maxChunkSec;
    // Only silences well past this chunk's own start, so every chunk makes progress.
    const window = silences.filter((s) => s.start > ownFrom + overlap + 1 && (s.start + s.end) / 2 < limit);
    const good = window.filter((s) => tailSpeech(silences, s) >= minTail);
    // Among good silences in the last third of the window, the longest: turn changes pause longer
    // than breaths inside a sentence, and a cut between turns splits nobody's words.
    const late = good.filter((s) => s.start >= limit - opts.maxChunkSec / 3);
    const pick = longest(late) ?? good.at(-1) ?? longest(window);
    const cut = pick ? (pick.start + pick.end) / 2 : limit;
    if (!pick) hardCuts++;
    chunks.push({ start, end: cut, ownFrom });
    // Next chunk re-hears `overlap` seconds of speech before the silence.
    start = Math.max(0, (pick ? pick.start : cut) - overlap);
    ownFrom = cut;
  }
  chunks.push({ start, end: opts.durationSec, ownFrom });
  return { chunks, hardCuts };
}
