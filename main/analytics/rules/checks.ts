import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import type { Evidence, RuleDefinition, RuleResult } from '../../../preload/contract/schemas/rules.js';
import { conversationMetrics } from '../conversation-metrics.js';
import { findPhrases, roleSegments, type PhraseMatch } from './phrase-match.js';

/** One function per rule kind: transcript + rule → answer with evidence quoted from the segments. */

type Rule<K extends RuleDefinition['kind']> = Extract<RuleDefinition, { kind: K }>;

const MAX_EVIDENCE = 5;

const evidenceOf = (m: PhraseMatch): Evidence => ({ quote: m.quote, start: m.start, end: m.end });

function result(rule: RuleDefinition, answer: RuleResult['answer'], passed: boolean, rationale: string, evidence: Evidence[] = []): RuleResult {
  const text = rationale.charAt(0).toUpperCase() + rationale.slice(1);
  return { criterionId: rule.criterionId, answer, passed, source: 'rule', rationale: text, evidence: evidence.slice(0, MAX_EVIDENCE) };
}

const who = (role: string, rolesUnknown: boolean) => (rolesUnknown ? 'anyone (speaker roles unknown)' : role === 'any' ? 'anyone' : `the ${role}`);
const listPhrases = (ps: readonly string[]) => ps.slice(0, 4).map((p) => `"${p}"`).join(' / ') + (ps.length > 4 ? ' / ...' : '');
const fmt = (s: number) => `${s.toFixed(1)} s`;

function callEnd(t: NormalizedTranscript): number {
  return t.durationSec ?? t.segments.reduce((a, s) => Math.max(a, s.end), 0);
}

export function checkPhrasePresent(t: NormalizedTranscript, rule: Rule<'phrase_present'>): RuleResult {
  const { indexes, rolesUnknown } = roleSegments(t, rule.role);
  const all = findPhrases(t, indexes, rule.phrases, rule);
  const w = rule.window;
  const end = callEnd(t);
  // A window never spans more than half the call: in a 40 s call the opening line is not a closing.
  const first = w?.firstSec !== undefined ? Math.min(w.firstSec, end / 2) : undefined;
  const last = w?.lastSec !== undefined ? Math.min(w.lastSec, end / 2) : undefined;
  const inWindow = all.filter((m) => (first !== undefined ? m.start <= first : last !== undefined ? m.end >= end - last : true));
  const where = first !== undefined ? ` in the first ${fmt(first)}` : last !== undefined ? ` in the last ${fmt(last)}` : '';
  if (inWindow.length > 0) {
    const m = inWindow[0]!;
    return result(rule, 'yes', true, `${who(rule.role, rolesUnknown)} said "${m.quote}" at ${fmt(m.start)}${where}.`, inWindow.map(evidenceOf));
  }
  if (all.length > 0) {
    const m = all[0]!;
    return result(rule, 'no', false, `${who(rule.role, rolesUnknown)} said "${m.quote}" only at ${fmt(m.start)}, not${where}.`, all.map(evidenceOf));
  }
  return result(rule, 'no', false, `No ${listPhrases(rule.phrases)} from ${who(rule.role, rolesUnknown)}${where}.`);
}

export function checkPhraseAbsent(t: NormalizedTranscript, rule: Rule<'phrase_absent'>): RuleResult {
  const { indexes, rolesUnknown } = roleSegments(t, rule.role);
  const found = findPhrases(t, indexes, rule.phrases, rule);
  if (found.length === 0) return result(rule, 'yes', true, `None of the listed phrases was said by ${who(rule.role, rolesUnknown)}.`);
  const said = [...new Set(found.map((m) => `"${m.quote}"`))].join(', ');
  return result(rule, 'no', false, `${who(rule.role, rolesUnknown)} said ${said} (${found.length} time${found.length > 1 ? 's' : ''}).`, found.map(evidenceOf));
}

export function checkVerificationBeforeAccount(t: NormalizedTranscript, rule: Rule<'verification_before_account'>): RuleResult {
  const asker = roleSegments(t, rule.role);
  const discusser = roleSegments(t, rule.accountRole);
  const verify = findPhrases(t, asker.indexes, rule.verificationPhrases, rule)[0];
  const account = findPhrases(t, discusser.indexes, rule.accountPhrases, rule)[0];
  if (verify && (!account || verify.start <= account.start)) {
    const after = account ? ` before account details came up ("${account.quote}" at ${fmt(account.start)})` : '';
    return result(rule, 'yes', true, `Identity check "${verify.quote}" at ${fmt(verify.start)}${after}.`, [verify, ...(account ? [account] : [])].map(evidenceOf));
  }
  if (verify && account) {
    return result(rule, 'no', false, `Account details ("${account.quote}", ${fmt(account.start)}) came up before the identity check ("${verify.quote}", ${fmt(verify.start)}).`, [account, verify].map(evidenceOf));
  }
  if (account) return result(rule, 'no', false, `Account details were discussed ("${account.quote}" at ${fmt(account.start)}) without an identity check.`, [evidenceOf(account)]);
  return rule.whenNoAccountDetails === 'no'
    ? result(rule, 'no', false, `No identity verification question was asked.`)
    : result(rule, 'n/a', true, 'No account details were discussed and no identity check was needed.');
}

export function checkDeadAir(t: NormalizedTranscript, rule: Rule<'dead_air'>): RuleResult {
  const m = conversationMetrics(t, { deadAirSec: rule.maxSec });
  if (m.deadAir.count === 0) return result(rule, 'yes', true, `No silence longer than ${rule.maxSec} s.`);
  // Quote the last words before each silence so the reviewer can jump to it.
  const ev: Evidence[] = m.deadAir.gaps.map((g) => {
    const before = [...t.segments].reverse().find((s) => s.end <= g.start + 1e-6) ?? t.segments[0]!;
    const quote = before.text.split(/\s+/).slice(-8).join(' ');
    return { quote: before.text.endsWith(quote) ? quote : before.text, start: g.start, end: g.end };
  });
  return result(rule, 'no', false, `${m.deadAir.count} silence${m.deadAir.count > 1 ? 's' : ''} over ${rule.maxSec} s (longest ${fmt(m.deadAir.longestSec)}).`, ev);
}

export function checkTalkRatio(t: NormalizedTranscript, rule: Rule<'talk_ratio'>): RuleResult {
  const m = conversationMetrics(t);
  if (m.talkRatio === null) return result(rule, 'n/a', true, 'Speaker roles are unknown, so the talk ratio cannot be judged.');
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const ok = (rule.min === undefined || m.talkRatio >= rule.min) && (rule.max === undefined || m.talkRatio <= rule.max);
  const bounds = `${rule.min !== undefined ? pct(rule.min) : '0%'}-${rule.max !== undefined ? pct(rule.max) : '100%'}`;
  return result(rule, ok ? 'yes' : 'no', ok, `The agent talked ${pct(m.talkRatio)} of the time (allowed ${bounds}).`);
}
