import type { AnalysisFlag, CallAnalysis, CriterionAnswer, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import type { RubricView } from '../../preload/contract/schemas/rubrics.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { runRules } from '../analytics/rules/index.js';
import { EvidenceChecker } from './evidence.js';
import type { ModelEvidence, ModelOutput } from './model-schema.js';
import { pointsFor, totals } from './scoring.js';
import { supportOf } from './support.js';

/**
 * Model output + local rule results → the stored analysis. Every quote is checked against the
 * transcript here (quotes not in the call dropped and listed, quotes in the wrong mouth flagged), each
 * AI answer says what supports it, and scores and the total are computed here.
 */
export function assembleAnalysis(
  transcript: NormalizedTranscript,
  rubric: RubricView,
  output: ModelOutput | null,
  extraFlags: AnalysisFlag[] = [],
): CallAnalysis {
  const checker = new EvidenceChecker(transcript);
  const flags: AnalysisFlag[] = [...extraFlags];
  const checked = (where: string, list: readonly ModelEvidence[]) => {
    const r = checker.check(list);
    for (const q of r.notFound) flags.push({ kind: 'fabricated_quote', message: `${where}: "${q.slice(0, 120)}" is not in the call; dropped.` });
    for (const m of r.speakerMismatches) {
      flags.push({ kind: 'speaker_mismatch', message: `${where}: "${m.quote.slice(0, 120)}" is quoted as the ${m.claimed}'s but only the ${m.actual} says it.` });
    }
    return r;
  };
  const ruleCriteria = rubric.criteria.filter((c) => c.rule);
  const ruleResults = runRules(transcript, ruleCriteria.map((c) => ({ ...c.rule!, criterionId: c.id })));
  const criteria: ScorecardCriterion[] = rubric.criteria.map((c) => {
    const base = { id: c.id, section: c.section, question: c.question, type: c.type, weight: c.weight, autoFail: c.autoFail };
    if (c.rule) {
      const r = ruleResults.find((x) => x.criterionId === c.id)!;
      // A rule says n/a only when nothing needed checking; a rubric that forbids n/a scores it as met.
      let answer: CriterionAnswer = c.type === 'yes_no' ? r.answer : r.answer === 'n/a' ? 'n/a' : r.passed ? '5' : '1';
      if (answer === 'n/a' && !c.allowNa) answer = c.type === 'yes_no' ? 'yes' : '5';
      return { ...base, answer, score: pointsFor({ ...base, answer }), source: 'rule' as const, rationale: r.rationale, evidence: r.evidence };
    }
    const m = output?.criteria[c.id];
    if (!m) {
      return { ...base, answer: 'n/a' as const, score: null, source: 'ai' as const, rationale: 'Not assessed.', evidence: [] };
    }
    const answer = m.answer as CriterionAnswer;
    const { evidence, notFound, speakerMismatches } = checked(`“${c.question}”`, m.evidence);
    const support = supportOf(c.type, answer, evidence, m.rationale);
    if (support === 'unsupported') flags.push({ kind: 'unsupported_answer', message: `“${c.question}”: answered "${answer}" with no evidence in the call.` });
    return {
      ...base, answer, score: pointsFor({ ...base, answer }), source: 'ai' as const, rationale: m.rationale, evidence,
      ...(support ? { support } : {}),
      ...(notFound.length ? { notFound } : {}),
      ...(speakerMismatches.length ? { speakerMismatches } : {}),
    };
  });

  const o = output;
  const sentimentSegments = (o?.segment_sentiments ?? []).flatMap((s) => {
    const found = checker.locate(s)?.evidence;
    if (!found) {
      flags.push({ kind: 'fabricated_quote', message: `sentiment: "${s.quote.slice(0, 120)}" is not in the call; dropped.` });
      return [];
    }
    return [{ start: found.start, end: found.end, sentiment: s.sentiment, quote: found.quote }];
  });
  return {
    summary: o?.summary ?? '',
    callReason: o?.call_reason ?? '',
    outcome: o?.outcome ?? 'unresolved',
    sentiment: { start: o?.customer_sentiment_start ?? 'neutral', end: o?.customer_sentiment_end ?? 'neutral', segments: sentimentSegments },
    behaviours: (o?.agent_behaviours ?? []).map((b) => ({ behaviour: b.behaviour, observed: b.observed, evidence: checked(`behaviour "${b.behaviour}"`, b.evidence).evidence })),
    compliance: (o?.compliance ?? []).map((c) => ({ item: c.item, status: c.status, evidence: checked(`compliance "${c.item}"`, c.evidence).evidence })),
    actionItems: o?.action_items ?? [],
    coachingNotes: o?.coaching_notes ?? [],
    topics: o?.topics ?? [],
    scorecard: { rubricId: rubric.id, rubricName: rubric.name, rubricVersion: rubric.version, criteria, ...totals(criteria) },
    flags,
  };
}
