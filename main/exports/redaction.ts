import type { CallAnalysis, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import type { Evidence } from '../../preload/contract/schemas/rules.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { detectPii, type PiiCategory } from '../text/pii/index.js';
import { defaultRedactionLabels, redactTranscript, type TimeSpan } from '../text/redact.js';
import type { CallRecord } from './call-record.js';
import { boundTranscript, shortenTokens, truncateText } from './text-guard.js';

/**
 * Redaction of everything an export writes. The transcript goes through the PII detector and the
 * shared redactor; free text the model wrote (summary, rationales, evidence quotes, notes) can quote
 * the same digits, so it is masked twice over: every exact string found in the transcript is
 * replaced, then the detector runs on the text itself.
 */
export interface Redactor {
  categories: readonly PiiCategory[];
  text(s: string): string;
}

/** One-segment transcript of free text so the transcript detector can read it. */
function asTranscript(text: string): NormalizedTranscript {
  let t = 0;
  const words = text.split(/\s+/).filter(Boolean).map((w) => ({ text: w, start: t, end: (t += 0.3), confidence: null, speaker: 'x' }));
  return { language: null, durationSec: t, speakers: [], segments: [{ speaker: 'x', role: 'unknown', start: 0, end: t, text, words }] };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function freeTextRedactor(categories: readonly PiiCategory[], known: { text: string; category: PiiCategory }[] = []): Redactor {
  const wanted = new Set(categories);
  const literals = known.filter((k) => wanted.has(k.category) && k.text.trim().length >= 3).sort((a, b) => b.text.length - a.text.length);
  return {
    categories,
    text(s: string): string {
      if (!s || !categories.length) return s;
      // Bounded first (text-guard.ts): the detector is quadratic in a token's length.
      let out = truncateText(shortenTokens(s));
      for (const k of literals) out = out.replace(new RegExp(escapeRe(k.text), 'gi'), defaultRedactionLabels[k.category]);
      const findings = detectPii(asTranscript(out), { categories });
      if (!findings.length) return out;
      return redactTranscript(asTranscript(out), findings, { categories }).transcript.segments[0]!.text;
    },
  };
}

export interface RedactedCall {
  record: CallRecord;
  /** Audio ranges to silence when the audio itself is exported. */
  silenceSpans: TimeSpan[];
  findings: number;
}

// The AI's own wording can carry what the transcript's words do: masked the same way.
const ev = (r: Redactor, e: Evidence[]) => e.map((x) => ({ ...x, quote: r.text(x.quote), ...(x.modelQuote ? { modelQuote: r.text(x.modelQuote) } : {}) }));

function redactAnalysis(a: CallAnalysis, r: Redactor): CallAnalysis {
  const criteria: ScorecardCriterion[] = a.scorecard.criteria.map((c) => ({
    ...c, rationale: r.text(c.rationale), evidence: ev(r, c.evidence),
    ...(c.notFound ? { notFound: c.notFound.map((q) => r.text(q)) } : {}),
    ...(c.speakerMismatches ? { speakerMismatches: c.speakerMismatches.map((m) => ({ ...m, quote: r.text(m.quote) })) } : {}),
  }));
  return {
    ...a,
    summary: r.text(a.summary),
    callReason: r.text(a.callReason),
    sentiment: { ...a.sentiment, segments: a.sentiment.segments.map((s) => ({ ...s, quote: r.text(s.quote) })) },
    behaviours: a.behaviours.map((b) => ({ ...b, evidence: ev(r, b.evidence) })),
    compliance: a.compliance.map((c) => ({ ...c, evidence: ev(r, c.evidence) })),
    actionItems: a.actionItems.map((x) => ({ ...x, text: r.text(x.text) })),
    coachingNotes: a.coachingNotes.map((n) => r.text(n)),
    scorecard: { ...a.scorecard, criteria },
  };
}

/** A copy of the call with PII masked in the given categories (none: returned as is). */
export function redactCall(full: CallRecord, categories: readonly PiiCategory[]): RedactedCall {
  const record = full.transcript ? { ...full, transcript: boundTranscript(full.transcript) } : full;
  if (!categories.length) return { record, silenceSpans: [], findings: 0 };
  const findings = record.transcript ? detectPii(record.transcript, { categories }) : [];
  const redacted = record.transcript ? redactTranscript(record.transcript, findings, { categories }) : null;
  const r = freeTextRedactor(categories, findings);
  return {
    record: {
      ...record,
      // The final reason for the call is the AI's words or a reviewer's: redacted like the analysis' own.
      meta: { ...record.meta, callReason: record.meta.callReason === null ? null : r.text(record.meta.callReason) },
      transcript: redacted?.transcript ?? null, analysis: record.analysis ? redactAnalysis(record.analysis, r) : null,
    },
    silenceSpans: redacted?.silenceSpans ?? [],
    findings: findings.length,
  };
}
