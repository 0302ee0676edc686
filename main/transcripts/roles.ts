import type { NormalizedTranscript, SpeakerInfo, SpeakerRole } from '../../preload/contract/schemas/transcript.js';

/**
 * Who is the agent? A stereo split answers it outright (channel 0 is the agent's line, confidence 1).
 * Otherwise we read what each speaker says early in the call: agents greet with the company name,
 * thank the caller for calling, ask how they can help, disclose recording and ask to verify.
 */

export interface RoleOptions {
  /** Company names the agents greet with ("Northwind Energy"). */
  companyNames?: readonly string[];
  /** Seconds from the start of the call that count as the opening (default 90). */
  openingSec?: number;
}

const AGENT_CUES: [RegExp, number][] = [
  [/\bthank(?:s| you) for (?:calling|holding|waiting)\b/i, 3],
  [/\bhow (?:can|may|could) i help\b/i, 3],
  [/\bwhat can i do for you\b/i, 2],
  [/\b(?:this|the|your|all) calls? (?:is|are|may be|will be|might be) (?:being )?(?:recorded|monitored)\b/i, 3],
  [/\brecorded for (?:quality|training)\b/i, 2],
  [/\b(?:verify|confirm) (?:your|the) (?:identity|name|address|date of birth|account|postcode)\b/i, 2],
  [/\bfirst line of (?:your|the) address\b/i, 2],
  [/\b(?:you(?:'re| are) speaking (?:with|to)|my name is|this is \w+ speaking)\b/i, 1],
  [/\bwelcome to\b/i, 2],
  [/\b(?:good (?:morning|afternoon|evening)),? \w+/i, 1],
  [/\bis there anything else\b/i, 2],
  [/\bi can see (?:that|two|your|a)\b/i, 1],
];
const CUSTOMER_CUES: [RegExp, number][] = [
  [/\bi(?:'m| am) calling (?:about|because|to)\b/i, 2],
  [/\bi (?:want|would like|need) to (?:cancel|complain|pay|change|make)\b/i, 2],
  [/\bmy (?:bill|account|power|payment|contract)\b/i, 1],
  [/\bi was charged\b/i, 2],
];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Agent-ness score per speaker from their opening lines. */
export function agentScores(t: NormalizedTranscript, options: RoleOptions = {}): Map<string, number> {
  const opening = options.openingSec ?? 90;
  const company = (options.companyNames ?? []).filter((c) => c.trim() !== '').map((c) => new RegExp(`\\b${escapeRe(c.trim())}\\b`, 'i'));
  const text = new Map<string, string>();
  for (const s of t.segments) {
    if (s.start > opening) break;
    text.set(s.speaker, `${text.get(s.speaker) ?? ''} ${s.text}`);
  }
  for (const s of t.segments) if (!text.has(s.speaker)) text.set(s.speaker, '');
  const scores = new Map<string, number>();
  const first = t.segments[0]?.speaker;
  for (const [speaker, said] of text) {
    let score = 0;
    for (const [re, w] of AGENT_CUES) if (re.test(said)) score += w;
    for (const re of company) if (re.test(said)) score += 2;
    for (const [re, w] of CUSTOMER_CUES) if (re.test(said)) score -= w;
    // Inbound calls open with the agent; a weak hint, enough to break a tie.
    if (speaker === first) score += 0.5;
    scores.set(speaker, score);
  }
  return scores;
}

const isChannelSplit = (t: NormalizedTranscript) =>
  t.segments.length > 0 && t.segments.every((s) => /^channel_\d+$/.test(s.speaker)) && t.segments.some((s) => s.speaker === 'channel_0');

/**
 * Decide roles for speakers whose role is not already fixed by the reviewer or the import. Returns a new
 * transcript with `speakers` and every segment's `role` filled in.
 */
export function assignRoles(t: NormalizedTranscript, options: RoleOptions = {}): NormalizedTranscript {
  const ids = [...new Set([...t.speakers.map((s) => s.id), ...t.segments.map((s) => s.speaker)])];
  const existing = new Map(t.speakers.map((s) => [s.id, s]));
  const fixed = (id: string) => {
    const s = existing.get(id);
    return s && s.role !== 'unknown' && (s.roleSource === 'reviewer' || s.roleSource === 'import') ? s : null;
  };
  const decided = new Map<string, { role: SpeakerRole; confidence: number; source: SpeakerInfo['roleSource'] }>();

  if (isChannelSplit(t)) {
    for (const id of ids) decided.set(id, { role: id === 'channel_0' ? 'agent' : 'customer', confidence: 1, source: 'channel' });
  } else {
    const scores = agentScores(t, options);
    const open = ids.filter((id) => !fixed(id));
    const agentFixed = ids.some((id) => fixed(id)?.role === 'agent');
    const ranked = [...open].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
    const top = ranked[0];
    const topScore = top ? (scores.get(top) ?? 0) : 0;
    const second = ranked[1] ? (scores.get(ranked[1]) ?? 0) : 0;
    // Confidence grows with the margin between the best and the runner-up: 0.5 is a coin toss.
    const margin = Math.max(0, topScore - second);
    const confidence = Math.min(0.95, 0.5 + margin / (2 * (margin + 2)));
    for (const id of open) {
      const isAgent = !agentFixed && id === top && topScore > 0;
      decided.set(id, { role: isAgent ? 'agent' : 'customer', confidence: ranked.length === 1 ? 0.5 : confidence, source: 'content' });
    }
    // A lone speaker with no agent cues stays unknown rather than be guessed.
    if (ranked.length === 1 && top && topScore <= 0.5) decided.set(top, { role: 'unknown', confidence: 0, source: 'content' });
  }

  const speakers: SpeakerInfo[] = ids.map((id) => {
    const prev = existing.get(id);
    const keep = fixed(id);
    if (keep && !isChannelSplit(t)) return keep;
    const d = decided.get(id)!;
    return { id, role: d.role, name: prev?.name ?? null, roleConfidence: d.confidence, roleSource: d.source };
  });
  const roleOf = new Map(speakers.map((s) => [s.id, s.role]));
  return { ...t, speakers, segments: t.segments.map((s) => ({ ...s, role: roleOf.get(s.speaker) ?? 'unknown' })) };
}
