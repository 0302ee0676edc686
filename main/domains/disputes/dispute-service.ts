import type { AnalysesDao } from '../../../db/dao/analyses-dao.js';
import type { AuditDao } from '../../../db/dao/audit-dao.js';
import type { DisputeFilter, DisputesDao } from '../../../db/dao/disputes-dao.js';
import type { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import type { DisputeView, RaiseDispute, ResolveDispute } from '../../../preload/contract/schemas/disputes.js';
import { clock } from '../../../preload/contract/time-format.js';
import { AppError } from '../../errors.js';
import type { ReviewService } from '../reviews/review-service.js';
import type { Notifier } from './notifier.js';

const notFound = (id: number) => new AppError('not_found', `There is no dispute #${id}.`, 'Reload the list of disputes.');

/**
 * Team QA disputes. Raising one needs a reviewed scorecard and a criterion on it; resolving it as
 * `changed` goes through the reviewer's override (ReviewService.override), so the final score, the
 * Calls list, the Dashboard and the exports all follow from the one scoring function. Every step is
 * one transaction with its audit entry (on the call's trail) and its notifications.
 */
export class DisputeService {
  constructor(
    private readonly disputes: DisputesDao,
    private readonly deps: { analyses: AnalysesDao; recordings: RecordingsDao; reviews: ReviewService; audit: AuditDao; notifier: Notifier },
    private readonly now: () => number = Date.now,
  ) {}

  list(f: DisputeFilter): DisputeView[] {
    return this.disputes.list(f);
  }

  raise(input: RaiseDispute, who: { role: string; actor: string }): DisputeView {
    const { recordingId, criterionId, comment } = input;
    const atSec = input.atSec ?? null;
    const review = this.deps.reviews.get(recordingId);
    if (!review.reviewed) throw new AppError('invalid_input', 'This call has not been reviewed yet, so there is no scorecard to dispute.', 'Dispute it once a reviewer has marked it reviewed.');
    const criterion = this.deps.analyses.latest(recordingId)?.body.scorecard.criteria.find((c) => c.id === criterionId);
    if (!criterion) throw new AppError('not_found', `This call's scorecard has no criterion "${criterionId}".`, 'Reload the call: it may have been re-analysed with another rubric.');
    const duration = this.deps.recordings.get(recordingId)?.durationSec ?? 0;
    if (atSec !== null && duration > 0 && atSec > duration + 1) {
      throw new AppError('invalid_input', `The moment ${clock(atSec)} is past the end of the call (${clock(duration)}).`, 'Pick a moment inside the call, or leave it out.');
    }
    const open = this.disputes.openFor(recordingId, criterionId);
    if (open) throw new AppError('invalid_input', `"${criterion.question}" already has an open dispute (#${open.id}, raised by ${open.raisedBy}).`, 'Add to it by talking to the lead; a new one can be raised once it is resolved.');
    const answer = review.overrides.find((o) => o.criterionId === criterionId)?.answer ?? criterion.answer;
    const at = new Date(this.now()).toISOString();
    const { id, announce } = this.disputes.transaction(() => {
      const id = this.disputes.insert({ recordingId, criterionId, answer, atSec, comment, raisedBy: who.actor, raisedRole: who.role, reviewer: review.reviewedBy, at });
      this.deps.audit.record({ actor: who.actor, entity: 'recording', entityId: String(recordingId), action: 'dispute', oldValue: null, newValue: { disputeId: id, criterionId, answer, atSec, comment } });
      const announce = this.deps.notifier.write({
        recipients: [...this.deps.notifier.leads(), ...(review.reviewedBy ? [review.reviewedBy] : [])],
        kind: 'dispute_raised', recordingId,
        title: `Dispute: ${criterion.question}`,
        body: `${who.actor} disputes the answer "${answer}"${atSec !== null ? ` at ${clock(atSec)}` : ''}: ${comment}`,
      }, who.actor);
      return { id, announce };
    });
    announce();
    return this.disputes.get(id)!;
  }

  resolve(id: number, input: ResolveDispute, actor: string): DisputeView {
    const d = this.disputes.get(id);
    if (!d) throw notFound(id);
    if (d.status !== 'open') throw new AppError('invalid_input', `Dispute #${id} was already resolved (${d.status}) by ${d.resolvedBy} at ${d.resolvedAt}.`, 'Reload the list of disputes.');
    if (input.outcome === 'changed') {
      if (!input.answer) throw new AppError('invalid_input', 'Changing the answer needs the new answer.', 'Pick the answer the criterion should have, or uphold the dispute\'s answer instead.');
      const current = this.deps.reviews.get(d.recordingId).overrides.find((o) => o.criterionId === d.criterionId)?.answer
        ?? this.deps.analyses.latest(d.recordingId)?.body.scorecard.criteria.find((c) => c.id === d.criterionId)?.answer;
      if (input.answer === current) throw new AppError('invalid_input', `"${d.question}" is already answered "${current}".`, 'Pick a different answer, or resolve the dispute as upheld.');
    }
    const at = new Date(this.now()).toISOString();
    const newAnswer = input.outcome === 'changed' ? input.answer! : null;
    const announce = this.disputes.transaction(() => {
      // The lead's answer is an override like any reviewer's: same validation, projection and audit.
      if (newAnswer) this.deps.reviews.override(d.recordingId, d.criterionId, newAnswer, `Dispute #${id}: ${input.comment}`, actor);
      if (!this.disputes.resolve(id, { status: input.outcome, newAnswer, by: actor, at, resolution: input.comment })) throw notFound(id);
      this.deps.audit.record({
        actor, entity: 'recording', entityId: String(d.recordingId), action: 'resolve_dispute',
        oldValue: { disputeId: id, criterionId: d.criterionId, answer: d.answer }, newValue: { disputeId: id, outcome: input.outcome, answer: newAnswer ?? d.answer, comment: input.comment },
      });
      const verdict = newAnswer ? `changed the answer "${d.answer}" → "${newAnswer}"` : `upheld the answer "${d.answer}"`;
      return this.deps.notifier.write({
        recipients: [d.raisedBy, ...(d.reviewer ? [d.reviewer] : []), ...this.deps.notifier.agentUsers(d.recordingId)],
        kind: 'dispute_resolved', recordingId: d.recordingId,
        title: `Dispute ${input.outcome}: ${d.question}`,
        body: `${actor} ${verdict}: ${input.comment}`,
      }, actor);
    });
    announce();
    return this.disputes.get(id)!;
  }
}
