import type { CallAnalysis } from '../../preload/contract/schemas/analysis.js';
import { applyTranscriptEdits, type TranscriptEdit } from '../../preload/contract/schemas/reviews.js';
import type { Evidence } from '../../preload/contract/schemas/rules.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';

/**
 * The reviewer's transcript corrections in exports. Every transcript-bearing export (TXT/SRT/VTT,
 * DOCX, the evidence pack, the PDF appendix, JSON) shows the corrected text, through the same
 * `applyTranscriptEdits` the Call detail uses, BEFORE redaction: PII is then detected on the
 * corrected text, so a correction that adds a card number is masked like any other.
 *
 * Evidence quotes are exact substrings of one segment's provider text; when that segment was
 * corrected the quote would still show the wording the reviewer fixed, so it is re-pointed at the
 * corrected text: the same word positions when the word count is unchanged (a misheard word), else
 * the whole corrected segment. Speaker names need nothing here: a reviewer's rename is stored in the
 * transcript body's `speakers` (transcripts.updateSpeakers) and the labelers read it from there.
 */
export type EditLike = Pick<TranscriptEdit, 'segmentIndex' | 'originalText' | 'text'>;

const tokens = (s: string) => s.split(/\s+/).filter(Boolean);

function correctQuote(quote: string, original: string, corrected: string): string {
  if (quote.trim() === original.trim()) return corrected;
  const o = tokens(original);
  const c = tokens(corrected);
  const q = tokens(quote);
  if (o.length === c.length && q.length) {
    for (let k = 0; k + q.length <= o.length; k++) {
      if (o.slice(k, k + q.length).join(' ') === q.join(' ')) return c.slice(k, k + q.length).join(' ');
    }
    // The quote cut a word in half: find the words it touches.
    for (let k = 0; k < o.length; k++) {
      for (let n = 1; k + n <= o.length; n++) {
        if (o.slice(k, k + n).join(' ').includes(quote.trim())) return c.slice(k, k + n).join(' ');
      }
    }
  }
  return corrected;
}

export function correctAnalysis(a: CallAnalysis, before: NormalizedTranscript, after: NormalizedTranscript): CallAnalysis {
  const changed = before.segments.flatMap((s, i) => (after.segments[i] && after.segments[i].text !== s.text ? [{ orig: s, now: after.segments[i] }] : []));
  if (!changed.length) return a;
  const fix = (e: Evidence): Evidence => {
    const hit = changed.find((c) => c.orig.text.includes(e.quote) && e.start < c.orig.end + 1 && e.end > c.orig.start - 1);
    return hit ? { ...e, quote: correctQuote(e.quote, hit.orig.text, hit.now.text) } : e;
  };
  const fixAll = (list: Evidence[]) => list.map(fix);
  return {
    ...a,
    sentiment: { ...a.sentiment, segments: a.sentiment.segments.map((s) => (s.quote ? { ...s, ...fixQuote(s, fix) } : s)) },
    behaviours: a.behaviours.map((b) => ({ ...b, evidence: fixAll(b.evidence) })),
    compliance: a.compliance.map((c) => ({ ...c, evidence: fixAll(c.evidence) })),
    scorecard: { ...a.scorecard, criteria: a.scorecard.criteria.map((c) => ({ ...c, evidence: fixAll(c.evidence) })) },
  };
}

/** Sentiment segments carry a quote with start/end like evidence. */
function fixQuote(s: { quote: string; start: number; end: number }, fix: (e: Evidence) => Evidence): { quote: string } {
  return { quote: fix({ quote: s.quote, start: s.start, end: s.end }).quote };
}

/** The call as the reviewer corrected it: transcript with edits applied, evidence quotes following them. */
export function applyCorrections(
  transcript: NormalizedTranscript | null,
  analysis: CallAnalysis | null,
  edits: readonly EditLike[],
): { transcript: NormalizedTranscript | null; analysis: CallAnalysis | null } {
  if (!transcript || !edits.length) return { transcript, analysis };
  const corrected = applyTranscriptEdits(transcript, edits);
  return { transcript: corrected, analysis: analysis ? correctAnalysis(analysis, transcript, corrected) : null };
}
