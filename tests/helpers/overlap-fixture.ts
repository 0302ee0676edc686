import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallTruth, TruthTurn } from './fixtures.js';

/**
 * A stereo call with deliberate overtalk, for counting interruptions exactly. Each turn is synthesised
 * with espeak-ng, trimmed to its speech (so truth times are speech times), and mixed with sox onto its
 * party's channel (agent left, customer right) at a chosen start: normally after a gap, but where the
 * script says `overlapSec`, the turn starts that long before the other party's turn ends. The truth file
 * lists every turn and every overlap (who interrupted whom, when, how long). Cached in tests/.cache.
 */

const here = dirname(fileURLToPath(import.meta.url));
const cacheRoot = resolve(here, '../.cache');
const VOICES = { agent: ['en-us+f3', '165'], customer: ['en-gb+m3', '150'] } as const;
const RATE = 16000;

export interface OverlapTurn {
  speaker: 'agent' | 'customer';
  text: string;
  /** Start this long before the previous turn ends (an interruption); default: after `gapSec`. */
  overlapSec?: number;
}

export interface OverlapTruth extends CallTruth {
  overlaps: { by: 'agent' | 'customer'; of: 'agent' | 'customer'; at: number; seconds: number }[];
}

export interface OverlapFixture {
  wav: string;
  truth: OverlapTruth;
}

export const defaultOverlapScript: OverlapTurn[] = [
  { speaker: 'agent', text: 'Thank you for calling Northwind Energy, this call may be recorded for quality and training. My name is Dana, how can I help you today?' },
  { speaker: 'customer', text: 'Hi Dana, I am calling because my bill this month is far higher than it should be and I want to know why.' },
  { speaker: 'agent', text: 'I am sorry to hear that. Before we look at the bill can I just confirm your full name and the first line of your address please?', overlapSec: 1.4 },
  { speaker: 'customer', text: 'It is Sam Jones, and the address is the old mill on the river road.' },
  { speaker: 'agent', text: 'Thank you Sam. I can see the bill includes an estimated reading for the last quarter, which is why it looks so high.' },
  { speaker: 'customer', text: 'But I sent you a meter reading last week, I did it online and got a confirmation email.', overlapSec: 1.6 },
  { speaker: 'agent', text: 'You are right, I can see it now. I will replace the estimate with your real reading and send you a corrected bill.' },
  { speaker: 'customer', text: 'Great, how long will that take?', overlapSec: 1.2 },
  { speaker: 'agent', text: 'It should arrive within three working days. Is there anything else I can help you with today?' },
  { speaker: 'customer', text: 'No, that is everything, thank you very much for your help.' },
];

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
const seconds = (path: string) => Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim());

export function makeOverlapCall(script: OverlapTurn[] = defaultOverlapScript, gapSec = 0.7): OverlapFixture {
  const key = createHash('sha256').update(JSON.stringify({ script, gapSec, v: 1 })).digest('hex').slice(0, 16);
  const dir = join(cacheRoot, `overlap-${key}`);
  const wav = join(dir, 'overlap-call.wav');
  const truthFile = join(dir, 'overlap-call.truth.json');
  if (existsSync(join(dir, '.complete'))) return { wav, truth: JSON.parse(readFileSync(truthFile, 'utf8')) as OverlapTruth };

  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const turns: TruthTurn[] = [];
  const overlaps: OverlapTruth['overlaps'] = [];
  const placed: Record<'agent' | 'customer', string[]> = { agent: [], customer: [] };
  let prevEnd = 0;
  script.forEach((turn, i) => {
    const raw = join(tmp, `raw${i}.wav`);
    const seg = join(tmp, `seg${i}.wav`);
    const [voice, speed] = VOICES[turn.speaker];
    run('espeak-ng', ['-v', voice, '-s', speed, '-w', raw, turn.text]);
    // Trim leading/trailing silence: the truth span is then exactly the speech.
    run('sox', [raw, '-r', String(RATE), '-c', '1', '-b', '16', seg, 'silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse']);
    const d = seconds(seg);
    const start = i === 0 ? 0.5 : turn.overlapSec ? prevEnd - turn.overlapSec : prevEnd + gapSec;
    const prev = turns[turns.length - 1];
    if (turn.overlapSec && prev) {
      if (prev.speaker === turn.speaker) throw new Error(`turn ${i}: an overlap needs the other party speaking`);
      overlaps.push({ by: turn.speaker, of: prev.speaker, at: round(start), seconds: round(Math.min(prev.end, start + d) - start) });
    }
    const placedFile = join(tmp, `placed${i}.wav`);
    run('sox', [seg, placedFile, 'pad', start.toFixed(3), '0']);
    placed[turn.speaker].push(placedFile);
    turns.push({ speaker: turn.speaker, text: turn.text, start: round(start), end: round(start + d) });
    prevEnd = Math.max(prevEnd, start + d);
  });
  const duration = prevEnd + 1;
  // Each channel: its turns mixed at their offsets (sox -m sums; turns of one party never overlap),
  // padded to the call's length; then the two channels merged into one stereo file.
  const channel = (who: 'agent' | 'customer') => {
    const out = join(tmp, `${who}.wav`);
    const files = placed[who];
    const mixed = join(tmp, `${who}-mix.wav`);
    if (files.length === 1) run('sox', [files[0]!, mixed]);
    else run('sox', ['-m', '-v', '1', ...files.flatMap((f, k) => (k === 0 ? [f] : ['-v', '1', f])), mixed]);
    run('sox', [mixed, out, 'pad', '0', String(Math.max(0, duration - seconds(mixed)).toFixed(3))]);
    run('sox', [out, join(tmp, `${who}-final.wav`), 'trim', '0', duration.toFixed(3)]);
    return join(tmp, `${who}-final.wav`);
  };
  run('sox', ['-M', channel('agent'), channel('customer'), join(tmp, 'overlap-call.wav')]);
  const truth: OverlapTruth = { id: 'overlap-call', agent: 'Dana', expect: {}, duration_s: round(duration), channels: 2, turns, overlaps };
  writeFileSync(join(tmp, 'overlap-call.truth.json'), JSON.stringify(truth, null, 1));
  for (const f of [...placed.agent, ...placed.customer]) rmSync(f);
  writeFileSync(join(tmp, '.complete'), new Date().toISOString());
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // a parallel worker made it first
  }
  return { wav, truth: JSON.parse(readFileSync(truthFile, 'utf8')) as OverlapTruth };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
