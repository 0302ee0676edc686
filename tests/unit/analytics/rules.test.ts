import { describe, expect, it } from 'vitest';
import { defaultRules, findPhrases, runRules } from '../../../main/analytics/rules/index.js';
import { RuleDefinition, RuleResult, RuleSet, type RuleDefinitionInput } from '../../../preload/contract/schemas/rules.js';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { generateCalls } from '../../helpers/fixtures.js';
import { scriptToTranscript, truthToTranscript } from '../../helpers/truth-transcript.js';

const calls = generateCalls();
const fixture = (id: string) => truthToTranscript(calls.truth(id));
const byId = (t: NormalizedTranscript, rules: readonly (RuleDefinition | RuleDefinitionInput)[] = defaultRules) =>
  Object.fromEntries(runRules(t, rules).map((r) => [r.criterionId, r]));

/** Every evidence quote must be an exact substring of some segment's text. */
function expectQuotesExact(t: NormalizedTranscript, results: RuleResult[]) {
  for (const r of results) {
    expect(RuleResult.safeParse(r).success).toBe(true);
    for (const e of r.evidence) expect(t.segments.some((s) => s.text.includes(e.quote))).toBe(true);
  }
}

describe('default rules on the fixture calls', () => {
  it('finds the recording disclosure in billing-refund-good and not in outage-no-disclosure', () => {
    const good = byId(fixture('billing-refund-good')).recording_disclosure!;
    expect(good).toMatchObject({ answer: 'yes', passed: true, source: 'rule' });
    expect(good.evidence[0]!.quote).toBe('call may be recorded');
    expect(good.evidence[0]!.start).toBeLessThan(30);
    const bad = byId(fixture('outage-no-disclosure')).recording_disclosure!;
    expect(bad).toMatchObject({ answer: 'no', passed: false, evidence: [] });
  });

  it('agrees with the fixtures\u2019 expected disclosure and identity verification', () => {
    for (const id of calls.ids) {
      const expected = calls.truth(id).expect;
      const r = byId(fixture(id));
      expect(r.recording_disclosure!.passed, id).toBe(expected.disclosure);
      expect(r.identity_verification!.passed, id).toBe(expected.identity_verified);
    }
  });

  it('flags the dismissive agent and the missing greeting in outage-no-disclosure', () => {
    const r = byId(fixture('outage-no-disclosure'));
    expect(r.forbidden_words).toMatchObject({ answer: 'no', passed: false });
    expect(r.forbidden_words!.evidence.map((e) => e.quote)).toEqual(['Nothing I can do', 'No idea']);
    expect(r.greeting).toMatchObject({ answer: 'no', passed: false });
    expect(byId(fixture('billing-refund-good')).forbidden_words).toMatchObject({ answer: 'yes', passed: true });
  });

  it('cites exact quotes with times in every result', () => {
    for (const id of calls.ids) {
      const t = fixture(id);
      expectQuotesExact(t, runRules(t, defaultRules));
    }
  });

  it('closing uses the end of the call only', () => {
    const r = byId(fixture('billing-refund-good')).closing!;
    expect(r.passed).toBe(true);
    expect(r.evidence[0]!.quote).toBe('anything else');
  });
});

describe('phrase matching', () => {
  const t = scriptToTranscript([
    ['agent', 'Good morning! This conversation is being monitored for quality.'],
    ['customer', 'OK. The CALLS are RECORDED?'],
    ['agent', 'We verfy your identity first.'],
  ]);
  const all = t.segments.map((_, i) => i);

  it('is case-insensitive on word boundaries', () => {
    expect(findPhrases(t, all, ['calls are recorded']).map((m) => m.quote)).toEqual(['CALLS are RECORDED']);
    expect(findPhrases(t, all, ['morn'])).toEqual([]);
  });
  it('uses synonyms and fuzzy matching for slips', () => {
    expect(findPhrases(t, all, ['call recorded'], { synonyms: { call: ['conversation'], recorded: ['monitored'] }, maxGapWords: 2 }).map((m) => m.quote)).toEqual([
      'conversation is being monitored',
      'CALLS are RECORDED',
    ]);
    expect(findPhrases(t, all, ['verify your identity']).map((m) => m.quote)).toEqual(['verfy your identity']);
    expect(findPhrases(t, all, ['verify your identity'], { fuzzy: false })).toEqual([]);
  });
  it('does not skip words unless allowed', () => {
    expect(findPhrases(t, all, ['conversation monitored'])).toEqual([]);
    expect(findPhrases(t, all, ['conversation monitored'], { maxGapWords: 2 })).toHaveLength(1);
  });
});

describe('rule kinds', () => {
  const t = scriptToTranscript(
    [
      ['agent', 'Hello, I can see your balance is two hundred pounds.'],
      ['customer', 'Right.'],
      ['agent', 'Can you confirm your date of birth?'],
      ['customer', 'Sure.'],
    ],
    { gapSec: 5 },
  );

  it('verification after account details fails with both quotes', () => {
    const r = byId(t).identity_verification!;
    expect(r).toMatchObject({ answer: 'no', passed: false });
    expect(r.evidence.map((e) => e.quote)).toEqual(['I can see', 'date of birth']);
  });

  it('verification is n/a when no account details come up (when configured)', () => {
    const rule: RuleDefinitionInput = {
      kind: 'verification_before_account',
      criterionId: 'idv',
      verificationPhrases: ['date of birth'],
      accountPhrases: ['your meter reading'],
    };
    const plain = scriptToTranscript([['agent', 'What are your opening hours question?'], ['customer', 'Nine to five.']]);
    expect(byId(plain, [rule]).idv).toMatchObject({ answer: 'n/a', passed: true });
  });

  it('phrase present outside its window fails and says when it was said', () => {
    const rule: RuleDefinitionInput = { kind: 'phrase_present', criterionId: 'dob', phrases: ['date of birth'], window: { firstSec: 3 } };
    const r = byId(t, [rule]).dob!;
    expect(r).toMatchObject({ answer: 'no', passed: false });
    expect(r.rationale).toMatch(/only at/);
    expect(r.evidence[0]!.quote).toBe('date of birth');
  });

  it('dead air over N seconds', () => {
    const rule = (maxSec: number): RuleDefinitionInput => ({ kind: 'dead_air', criterionId: 'air', maxSec });
    const r = byId(t, [rule(4)]).air!;
    expect(r).toMatchObject({ answer: 'no', passed: false });
    expect(r.evidence).toHaveLength(3);
    expect(r.evidence[0]!.end - r.evidence[0]!.start).toBeCloseTo(5, 6);
    expectQuotesExact(t, [r]);
    expect(byId(t, [rule(6)]).air).toMatchObject({ answer: 'yes', passed: true });
  });

  it('talk ratio bounds', () => {
    const ratio = (min: number, max: number): RuleDefinitionInput => ({ kind: 'talk_ratio', criterionId: 'tr', min, max });
    expect(byId(t, [ratio(0.5, 0.95)]).tr).toMatchObject({ answer: 'yes', passed: true });
    expect(byId(t, [ratio(0.1, 0.5)]).tr).toMatchObject({ answer: 'no', passed: false });
    const unknown = { ...t, segments: t.segments.map((s) => ({ ...s, role: 'unknown' as const })) };
    expect(byId(unknown, [ratio(0.1, 0.5)]).tr).toMatchObject({ answer: 'n/a' });
  });

  it('searches every speaker when roles are unknown, and says so', () => {
    const unknown = { ...t, segments: t.segments.map((s) => ({ ...s, role: 'unknown' as const })) };
    const r = byId(unknown, [{ kind: 'phrase_present', criterionId: 'x', phrases: ['sure'], role: 'agent' }]).x!;
    expect(r.passed).toBe(true);
    expect(r.rationale).toMatch(/roles unknown/);
  });
});

describe('rule schemas', () => {
  it('fill defaults and reject bad definitions', () => {
    const r = RuleDefinition.parse({ kind: 'phrase_present', criterionId: 'g', phrases: ['hello'] });
    expect(r).toMatchObject({ role: 'agent', fuzzy: true, maxGapWords: 0, synonyms: {} });
    expect(RuleDefinition.safeParse({ kind: 'phrase_present', criterionId: 'g', phrases: [] }).success).toBe(false);
    expect(RuleDefinition.safeParse({ kind: 'dead_air', criterionId: 'd', maxSec: -1 }).success).toBe(false);
    expect(RuleDefinition.safeParse({ kind: 'nope', criterionId: 'd' }).success).toBe(false);
    expect(
      RuleDefinition.safeParse({ kind: 'phrase_present', criterionId: 'g', phrases: ['x'], window: { firstSec: 1, lastSec: 2 } }).success,
    ).toBe(false);
    expect(RuleSet.safeParse({ id: 'default', name: 'Default', rules: defaultRules }).success).toBe(true);
  });
});
