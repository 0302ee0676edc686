import type { NormalizedTranscript, SpeakerRole } from '../../preload/contract/schemas/transcript.js';
import { speechIntervals, type Interval } from './intervals.js';

/**
 * Conversation metrics from word timings: who talked how much, who talked over whom, how fast turns
 * are answered, and where the line went quiet. All sweeps are O(n log n) in the number of words, so an
 * hour-long call is fine.
 */

export interface MetricsOptions {
  /** Pauses up to this long inside one party's speech count as talking (default 0.5 s). */
  mergeGapSec?: number;
  /** Overlaps shorter than this are timing jitter, not an interruption (default 0.1 s). */
  minOverlapSec?: number;
  /** Silence at least this long is dead air (default 3 s). */
  deadAirSec?: number;
}

export interface Stats {
  count: number;
  meanSec: number | null;
  medianSec: number | null;
  maxSec: number | null;
}

export interface PartyMetrics {
  party: string;
  role: SpeakerRole;
  talkSec: number;
  words: number;
  wordsPerMinute: number | null;
  turns: number;
}

export interface Interruption {
  /** Party who started talking. */
  by: string;
  /** Party who was mid-turn. */
  of: string;
  at: number;
  overlapSec: number;
}

export interface ConversationMetrics {
  /** Parties are roles (agent/customer) when known, else speaker ids. */
  partyKind: 'role' | 'speaker';
  parties: PartyMetrics[];
  talk: { agentSec: number | null; customerSec: number | null; totalSec: number };
  /** Agent talk / (agent + customer talk); null when roles are unknown. */
  talkRatio: number | null;
  overtalk: { totalSec: number; count: number };
  interruptions: {
    count: number;
    seconds: number;
    /** "agent>customer" → how often the agent interrupted the customer, and for how long. */
    byPair: Record<string, { count: number; seconds: number }>;
    list: Interruption[];
  };
  responseLatency: Stats & { byResponder: Record<string, Stats> };
  longestMonologue: { party: string; start: number; end: number; durationSec: number } | null;
  agentQuestions: number | null;
  deadAir: { thresholdSec: number; count: number; totalSec: number; longestSec: number; gaps: Interval[] };
  durationSec: number;
}

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) return { count: 0, meanSec: null, medianSec: null, maxSec: null };
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { count: s.length, meanSec: s.reduce((a, b) => a + b, 0) / s.length, medianSec: median, maxSec: s[s.length - 1]! };
}

const QUESTION_OPENING = /^\s*(?:can|could|would|will|may|do|does|did|is|are|have|what|when|where|which|who|how|why)\b/i;

/** Sentences ending in "?"; transcripts without punctuation fall back to question-word openings. */
function countQuestions(texts: string[], punctuated: boolean): number {
  let n = 0;
  for (const t of texts) n += punctuated ? (t.match(/\?/g) ?? []).length : QUESTION_OPENING.test(t) ? 1 : 0;
  return n;
}

export function conversationMetrics(t: NormalizedTranscript, options: MetricsOptions = {}): ConversationMetrics {
  const mergeGap = options.mergeGapSec ?? 0.5;
  const minOverlap = options.minOverlapSec ?? 0.1;
  const deadAirSec = options.deadAirSec ?? 3;
  const roleKnown = t.segments.some((s) => s.role !== 'unknown');
  const partyOf = (speaker: string, role: SpeakerRole) => (roleKnown ? role : speaker);
  const { byParty, words } = speechIntervals(t, partyOf, mergeGap);

  const parties: PartyMetrics[] = [...byParty.entries()].map(([party, iv]) => {
    const talkSec = iv.reduce((a, x) => a + (x.end - x.start), 0);
    const n = words.get(party) ?? 0;
    const role: SpeakerRole = roleKnown ? (party as SpeakerRole) : (t.speakers.find((s) => s.id === party)?.role ?? 'unknown');
    return { party, role, talkSec, words: n, wordsPerMinute: talkSec > 0 ? (n / talkSec) * 60 : null, turns: 0 };
  });

  // One sweep over all intervals in start order: overlaps, interruptions, turns, gaps.
  const all = [...byParty.entries()].flatMap(([party, iv]) => iv.map((x) => ({ ...x, party }))).sort((a, b) => a.start - b.start);
  const active = new Map<string, { start: number; end: number }>();
  const list: Interruption[] = [];
  const overlaps: Interval[] = [];
  const turns: { party: string; start: number; end: number }[] = [];
  const gaps: Interval[] = [];
  let coveredTo = all[0]?.start ?? 0;
  for (const cur of all) {
    let backchannel = false;
    for (const [other, iv] of active) {
      if (other === cur.party || iv.end <= cur.start) continue;
      const overlapSec = Math.min(iv.end, cur.end) - cur.start;
      if (overlapSec > 0) overlaps.push({ start: cur.start, end: Math.min(iv.end, cur.end) });
      // B interrupts A when B starts while A is already mid-turn (A started strictly earlier).
      if (iv.start < cur.start && overlapSec >= minOverlap) list.push({ by: cur.party, of: other, at: cur.start, overlapSec });
      // Speech wholly inside another's turn ("mm-hmm", "sorry") does not take the floor.
      if (iv.start <= cur.start && cur.end <= iv.end) backchannel = true;
    }
    active.set(cur.party, cur);
    if (cur.start - coveredTo >= deadAirSec) gaps.push({ start: coveredTo, end: cur.start });
    coveredTo = Math.max(coveredTo, cur.end);
    if (backchannel) continue;
    const last = turns[turns.length - 1];
    // The same party carries on after a short pause; after dead air it is a new turn.
    if (last && last.party === cur.party && cur.start - last.end < deadAirSec) last.end = Math.max(last.end, cur.end);
    else turns.push({ party: cur.party, start: cur.start, end: cur.end });
  }

  const byPair: Record<string, { count: number; seconds: number }> = {};
  for (const i of list) {
    const k = `${i.by}>${i.of}`;
    const e = (byPair[k] ??= { count: 0, seconds: 0 });
    e.count += 1;
    e.seconds += i.overlapSec;
  }

  const latencies: number[] = [];
  const byResponder = new Map<string, number[]>();
  for (let i = 1; i < turns.length; i++) {
    const prev = turns[i - 1]!;
    const cur = turns[i]!;
    if (prev.party === cur.party) continue;
    // Talking over the end of a turn is a zero-latency response, not a negative one.
    const l = Math.max(0, cur.start - prev.end);
    latencies.push(l);
    const list = byResponder.get(cur.party) ?? [];
    list.push(l);
    byResponder.set(cur.party, list);
  }
  const turnCount = new Map<string, number>();
  for (const x of turns) turnCount.set(x.party, (turnCount.get(x.party) ?? 0) + 1);
  for (const p of parties) p.turns = turnCount.get(p.party) ?? 0;

  let longest: ConversationMetrics['longestMonologue'] = null;
  for (const x of turns) {
    if (!longest || x.end - x.start > longest.durationSec) longest = { party: x.party, start: x.start, end: x.end, durationSec: x.end - x.start };
  }

  const talkOf = (role: string) => parties.find((p) => p.party === role)?.talkSec ?? 0;
  const agentSec = roleKnown ? talkOf('agent') : null;
  const customerSec = roleKnown ? talkOf('customer') : null;
  const agentTexts = t.segments.filter((s) => s.role === 'agent').map((s) => s.text);
  const punctuated = t.segments.some((s) => /[.?!]/.test(s.text));
  const mergedOverlap = mergeIntervals(overlaps);

  return {
    partyKind: roleKnown ? 'role' : 'speaker',
    parties,
    talk: { agentSec, customerSec, totalSec: parties.reduce((a, p) => a + p.talkSec, 0) },
    talkRatio: agentSec !== null && customerSec !== null && agentSec + customerSec > 0 ? agentSec / (agentSec + customerSec) : null,
    overtalk: { totalSec: mergedOverlap.reduce((a, x) => a + x.end - x.start, 0), count: mergedOverlap.length },
    interruptions: { count: list.length, seconds: list.reduce((a, x) => a + x.overlapSec, 0), byPair, list },
    responseLatency: {
      ...stats(latencies),
      byResponder: Object.fromEntries([...byResponder.entries()].map(([k, v]) => [k, stats(v)])),
    },
    longestMonologue: longest,
    agentQuestions: roleKnown ? countQuestions(agentTexts, punctuated) : null,
    deadAir: {
      thresholdSec: deadAirSec,
      count: gaps.length,
      totalSec: gaps.reduce((a, g) => a + g.end - g.start, 0),
      longestSec: gaps.reduce((a, g) => Math.max(a, g.end - g.start), 0),
      gaps,
    },
    durationSec: t.durationSec ?? all.reduce((a, x) => Math.max(a, x.end), 0),
  };
}

function mergeIntervals(xs: Interval[]): Interval[] {
  const s = [...xs].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ ...x });
  }
  return out;
}
