import type { AnalysesDao } from '../../../db/dao/analyses-dao.js';
import type { Daos } from '../../../db/daos.js';
import type { AuditDao } from '../../../db/dao/audit-dao.js';
import type { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import type { ReviewsDao } from '../../../db/dao/reviews-dao.js';
import type { TranscriptsDao } from '../../../db/dao/transcripts-dao.js';
import type { CriterionAnswer } from '../../../preload/contract/schemas/analysis.js';
import { complianceKey, complianceReasons } from '../../../preload/contract/schemas/flags.js';
import type { AuditEntryView, ComplianceOverride, OutcomeReview, ReviewOverride, ReviewView } from '../../../preload/contract/schemas/reviews.js';
import type { CallAnalysis, Outcome } from '../../../preload/contract/schemas/analysis.js';
import { finalOutcome, isCallKey, outcomeKey, reasonKey } from '../../../preload/contract/schemas/call-outcome.js';
import { clock } from '../../../preload/contract/time-format.js';
import { AppError } from '../../errors.js';
import type { CallProjection } from '../calls/call-projection.js';
import { finalScoreOf } from '../../analysis/final-score.js';
import type { DisputesDao } from '../../../db/dao/disputes-dao.js';
import type { Notifier } from '../disputes/notifier.js';

/** Who reads a review: an agent sees coaching notes only (the reviewers' own comments stay theirs). */
export type ReviewAudience = 'staff' | 'agent';

/**
 * The reviewer workflow. Every change is one transaction: the review row, its audit entry
 * (who, when, old → new) and the call's re-projected record (final score, final answers, flags,
 * reviewed, search text), so the list, dashboard and exports never see half a change.
 */
const notReviewed = () => new AppError('invalid_input', 'This call has not been reviewed yet: there is no scorecard to acknowledge.', 'Acknowledge it once a reviewer has marked it reviewed.');

/** The final outcome and reason beside the AI's, with who overrode them (the newer row when both are). */
function outcomeReview(ai: Pick<CallAnalysis, 'outcome' | 'callReason'>, call: readonly ReviewOverride[]): OutcomeReview {
  const final = finalOutcome(ai, new Map(call.map((o) => [o.criterionId, o.answer])));
  const latest = [...call].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
  return {
    outcome: final.outcome, callReason: final.callReason, aiOutcome: ai.outcome, aiCallReason: ai.callReason,
    override: latest ? { comment: latest.comment, actor: latest.actor, updatedAt: latest.updatedAt } : null,
  };
}

export class ReviewService {
  readonly reviews: ReviewsDao;
  private readonly analyses: AnalysesDao;
  private readonly recordings: RecordingsDao;
  private readonly transcripts: TranscriptsDao;
  private readonly disputes: DisputesDao;

  constructor(
    daos: Pick<Daos, 'analyses' | 'recordings' | 'reviews' | 'transcripts' | 'disputes'>,
    private readonly audit: AuditDao,
    private readonly projection: CallProjection,
    /** Tells the call's agent about a coaching note (none: nobody is told, e.g. in a tool). */
    private readonly notifier: Pick<Notifier, 'write' | 'agentUsers'> | null = null,
  ) {
    this.reviews = daos.reviews;
    this.disputes = daos.disputes;
    this.analyses = daos.analyses;
    this.recordings = daos.recordings;
    this.transcripts = daos.transcripts;
  }

  private requireRecording(id: number): void {
    if (!this.recordings.get(id)) throw new AppError('not_found', `There is no recording #${id}.`, 'It may have been deleted; go back to the Calls list.');
  }

  private record(id: number, actor: string, action: string, oldValue: unknown, newValue: unknown): void {
    this.audit.record({ actor, entity: 'recording', entityId: String(id), action, oldValue, newValue });
  }

  /** Criterion, compliance-item and outcome overrides live in one table, told apart by key. */
  private split(id: number): { criteria: ReviewOverride[]; compliance: ComplianceOverride[]; call: ReviewOverride[] } {
    const all = this.reviews.overrides(id);
    const prefix = complianceKey('');
    return {
      call: all.filter((o) => isCallKey(o.criterionId)),
      criteria: all.filter((o) => !o.criterionId.startsWith(prefix) && !isCallKey(o.criterionId)),
      compliance: all.filter((o) => o.criterionId.startsWith(prefix)).map((o) => ({
        item: o.criterionId.slice(prefix.length), status: o.answer as unknown as ComplianceOverride['status'], comment: o.comment,
        aiStatus: o.aiAnswer, actor: o.actor, updatedAt: o.updatedAt,
      })),
    };
  }

  get(id: number, audience: ReviewAudience = 'staff'): ReviewView {
    this.requireRecording(id);
    const state = this.reviews.state(id);
    const { criteria: overrides, compliance, call } = this.split(id);
    const analysis = this.analyses.latest(id);
    const answers = new Map([...overrides.map((o) => [o.criterionId, o.answer] as const), ...compliance.map((o) => [complianceKey(o.item), o.status] as const)]);
    return {
      recordingId: id, ...state, overrides,
      complianceOverrides: compliance,
      complianceReasons: analysis ? complianceReasons(analysis.body, answers) : [],
      comments: this.reviews.comments(id).filter((c) => audience === 'staff' || c.coaching),
      disputes: this.disputes.list({ recordingId: id, limit: 1000 }),
      edits: this.reviews.edits(id),
      finalScore: analysis ? finalScoreOf(analysis.body.scorecard, overrides) : null,
      outcome: analysis ? outcomeReview(analysis.body, call) : null,
    };
  }

  /**
   * The reviewer's outcome (and reason) for the call. Values equal to the AI's are no override, so
   * choosing the AI's outcome again clears it; the reason stays as it is when none is given.
   */
  overrideOutcome(id: number, outcome: Outcome, callReason: string | undefined, comment: string, actor: string): ReviewView {
    this.requireRecording(id);
    const analysis = this.analyses.latest(id);
    if (!analysis) throw new AppError('not_found', `Call #${id} has not been analysed yet: there is no outcome to override.`, 'Wait for its analysis, or run it from the call page.');
    const ai = analysis.body;
    const before = outcomeReview(ai, this.split(id).call);
    const reason = callReason ?? before.callReason;
    this.reviews.transaction(() => {
      this.setCallValue(id, outcomeKey, outcome, ai.outcome, comment, actor);
      this.setCallValue(id, reasonKey, reason, ai.callReason, comment, actor);
      this.projection.sourcesChanged([id]);
      this.record(id, actor, 'override_outcome',
        { outcome: before.outcome, callReason: before.callReason, source: before.override ? 'reviewer' : 'ai' },
        { outcome, callReason: reason, comment });
    });
    return this.get(id);
  }

  clearOutcomeOverride(id: number, actor: string): ReviewView {
    this.requireRecording(id);
    const analysis = this.analyses.latest(id);
    const call = this.split(id).call;
    if (!analysis || !call.length) return this.get(id);
    const before = outcomeReview(analysis.body, call);
    this.reviews.transaction(() => {
      for (const o of call) this.reviews.deleteOverride(id, o.criterionId);
      this.projection.sourcesChanged([id]);
      this.record(id, actor, 'clear_outcome_override', { outcome: before.outcome, callReason: before.callReason, comment: before.override?.comment ?? null },
        { outcome: analysis.body.outcome, callReason: analysis.body.callReason, source: 'ai' });
    });
    return this.get(id);
  }

  private setCallValue(id: number, key: string, value: string, aiValue: string, comment: string, actor: string): void {
    if (value === aiValue) this.reviews.deleteOverride(id, key);
    else this.reviews.upsertOverride(id, { criterionId: key, answer: value as CriterionAnswer, comment, aiAnswer: aiValue, actor });
  }

  /** A reviewer's status for one of the AI's compliance items (by its position in the analysis). */
  overrideCompliance(id: number, index: number, status: ComplianceOverride['status'], comment: string, actor: string): ReviewView {
    this.requireRecording(id);
    const item = this.analyses.latest(id)?.body.compliance[index];
    if (!item) throw new AppError('not_found', `This call's analysis has no compliance item #${index + 1}.`, 'Reload the call: it may have been re-analysed.');
    const key = complianceKey(item.item);
    const before = this.reviews.overrides(id).find((o) => o.criterionId === key);
    this.reviews.transaction(() => {
      this.reviews.upsertOverride(id, { criterionId: key, answer: status as unknown as CriterionAnswer, comment, aiAnswer: item.status, actor });
      this.projection.sourcesChanged([id]);
      this.record(id, actor, 'override_compliance', { item: item.item, status: before?.answer ?? item.status, source: before ? 'reviewer' : 'ai' }, { item: item.item, status, comment });
    });
    return this.get(id);
  }

  clearComplianceOverride(id: number, index: number, actor: string): ReviewView {
    this.requireRecording(id);
    const item = this.analyses.latest(id)?.body.compliance[index];
    const before = item ? this.reviews.overrides(id).find((o) => o.criterionId === complianceKey(item.item)) : undefined;
    if (!item || !before) return this.get(id);
    this.reviews.transaction(() => {
      this.reviews.deleteOverride(id, before.criterionId);
      this.projection.sourcesChanged([id]);
      this.record(id, actor, 'clear_compliance_override', { item: item.item, status: before.answer, comment: before.comment }, { item: item.item, status: item.status, source: 'ai' });
    });
    return this.get(id);
  }

  override(id: number, criterionId: string, answer: CriterionAnswer, comment: string, actor: string): ReviewView {
    this.requireRecording(id);
    const analysis = this.analyses.latest(id);
    const criterion = analysis?.body.scorecard.criteria.find((c) => c.id === criterionId);
    if (!analysis || !criterion) throw new AppError('not_found', `This call's scorecard has no criterion "${criterionId}".`, 'Reload the call: it may have been re-analysed with another rubric.');
    if (criterion.type === 'yes_no' && !['yes', 'no', 'n/a'].includes(answer)) throw new AppError('invalid_input', `"${criterion.question}" is answered yes, no or n/a (got ${answer}).`, 'Pick Yes, No or N/A.');
    if (criterion.type === 'scale_1_5' && answer === 'yes') throw new AppError('invalid_input', `"${criterion.question}" is scored 1–5 (got ${answer}).`, 'Pick a score from 1 to 5, or N/A.');
    if (answer === 'no' && criterion.type === 'scale_1_5') throw new AppError('invalid_input', `"${criterion.question}" is scored 1–5 (got ${answer}).`, 'Pick a score from 1 to 5, or N/A.');
    const before = this.reviews.overrides(id).find((o) => o.criterionId === criterionId);
    this.reviews.transaction(() => {
      this.reviews.upsertOverride(id, { criterionId, answer, comment, aiAnswer: criterion.answer, actor });
      this.projection.sourcesChanged([id]);
      this.record(id, actor, 'override',
        { criterionId, answer: before?.answer ?? criterion.answer, source: before ? 'reviewer' : 'ai' },
        { criterionId, answer, comment });
    });
    return this.get(id);
  }

  clearOverride(id: number, criterionId: string, actor: string): ReviewView {
    this.requireRecording(id);
    const before = this.reviews.overrides(id).find((o) => o.criterionId === criterionId);
    if (!before) return this.get(id);
    this.reviews.transaction(() => {
      this.reviews.deleteOverride(id, criterionId);
      this.projection.sourcesChanged([id]);
      this.record(id, actor, 'clear_override', { criterionId, answer: before.answer, comment: before.comment }, { criterionId, answer: before.aiAnswer, source: 'ai' });
    });
    return this.get(id);
  }

  setReviewed(id: number, reviewed: boolean, actor: string): ReviewView {
    this.requireRecording(id);
    const before = this.reviews.state(id);
    if (before.reviewed === reviewed) return this.get(id);
    this.reviews.transaction(() => {
      this.reviews.setState(id, reviewed, actor);
      this.projection.sourcesChanged([id]);
      this.record(id, actor, reviewed ? 'mark_reviewed' : 'mark_unreviewed', { reviewed: before.reviewed }, { reviewed });
    });
    return this.get(id);
  }

  /**
   * The call's agent acknowledges its reviewed scorecard (team QA): once, with the final score they
   * saw, audited. Only an agent does (the operation's scope has already made sure it is their call).
   */
  acknowledge(id: number, role: string, actor: string): ReviewView {
    if (role !== 'agent') throw new AppError('forbidden', 'Only the call\'s agent acknowledges its reviewed scorecard.', 'Sign in as the agent the call belongs to.');
    this.requireRecording(id);
    const state = this.reviews.state(id);
    if (!state.reviewed) throw notReviewed();
    if (state.acknowledgement) return this.get(id, 'agent');
    const scorePct = this.get(id).finalScore?.scorePct ?? null;
    this.reviews.transaction(() => {
      if (!this.reviews.acknowledge(id, actor, scorePct)) throw notReviewed();
      this.record(id, actor, 'acknowledge', null, { scorePct });
    });
    return this.get(id, 'agent');
  }

  pendingAcknowledgements(limit: number) {
    return this.reviews.pendingAcknowledgements(limit);
  }

  /** A comment on the call; a coaching note is addressed to the call's agent, who is notified. */
  addComment(id: number, text: string, atSec: number | null, coaching: boolean, actor: string): ReviewView {
    this.requireRecording(id);
    const announce = this.reviews.transaction(() => {
      const c = this.reviews.addComment(id, { text, atSec, coaching, actor });
      this.record(id, actor, coaching ? 'coaching_note' : 'comment', null, { commentId: c.id, atSec, text });
      if (!coaching || !this.notifier) return () => {};
      const at = atSec === null ? '' : ` at ${clock(atSec)}`;
      return this.notifier.write({
        recipients: this.notifier.agentUsers(id), kind: 'coaching_note', recordingId: id,
        title: `Coaching note from ${actor}`, body: `${this.recordings.get(id)?.fileName ?? `Call #${id}`}${at}: ${text}`,
      }, actor);
    });
    announce();
    return this.get(id);
  }

  deleteComment(id: number, commentId: number, actor: string): ReviewView {
    this.requireRecording(id);
    this.reviews.transaction(() => {
      const gone = this.reviews.deleteComment(id, commentId);
      if (!gone) throw new AppError('not_found', `Comment #${commentId} is not on this call.`, 'Reload the call to see its current comments.');
      this.record(id, actor, 'delete_comment', { commentId, atSec: gone.atSec, text: gone.text }, null);
    });
    return this.get(id);
  }

  /** A correction over the provider's segment text; the original text itself removes the edit. */
  editTranscript(id: number, segmentIndex: number, text: string, actor: string): ReviewView {
    this.requireRecording(id);
    const t = this.transcripts.get(id);
    const seg = t?.body.segments[segmentIndex];
    if (!t || !seg) throw new AppError('not_found', `The transcript has no segment ${segmentIndex}.`, 'Reload the call: it may have been re-transcribed.');
    const before = this.reviews.edits(id).find((e) => e.segmentIndex === segmentIndex && e.originalText === seg.text);
    const oldText = before?.text ?? seg.text;
    if (oldText === text) return this.get(id);
    this.reviews.transaction(() => {
      if (text === seg.text) this.reviews.deleteEdit(id, segmentIndex);
      else this.reviews.upsertEdit(id, { segmentIndex, originalText: seg.text, text, actor });
      this.projection.reindexText(id);
      this.record(id, actor, 'edit_transcript', { segmentIndex, text: oldText }, { segmentIndex, text });
    });
    return this.get(id);
  }

  auditTrail(id: number, limit: number): AuditEntryView[] {
    this.requireRecording(id);
    return this.audit.list('recording', String(id), limit).map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, oldValue: r.oldValue, newValue: r.newValue }));
  }
}
